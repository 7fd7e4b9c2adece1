"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useBackToClose } from "@/components/ui/dialog";
import { PHONE_MEDIA } from "@/lib/use-media-query";

/**
 * Never lose typed work: the one way the item editor and New item close.
 * While the form reports unsaved input (`setDirty`), every way out — Escape,
 * a press on the backdrop, Cancel / ✕, the phone's Back button — asks first
 * ("Keep editing" / "Discard"); with nothing typed it just closes.
 * Wraps {@link useBackToClose}, so on phones the dialog keeps its own history entry.
 * On a desktop the browser's Back (which would close an item opened from the
 * list, or step back a filter under New item) asks too: the step back is held
 * before the router sees it, undone with a step forward, and the question shown.
 *
 * Render `confirm` inside the dialog; call `closeNow` after a save.
 */
export function useDiscardGuard(
  open: boolean,
  close: () => void,
  { question, detail }: { question: string; detail: string },
) {
  const dirty = useRef(false);
  const [asking, setAsking] = useState(false);
  const setDirty = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);

  // Back on a phone: the history entry is already gone, so either close or put it back and ask.
  const back = useBackToClose(open, () => {
    if (dirty.current) {
      back.stay();
      setAsking(true);
      return;
    }
    close();
  });
  // Back on a desktop: a capturing listener on window runs before the router's own, so a step
  // back with unsaved input never reaches it; Forward puts the page back where it was.
  useEffect(() => {
    if (!open || window.matchMedia(PHONE_MEDIA).matches) return;
    let restoring = false;
    const onPop = (e: PopStateEvent) => {
      if (restoring) {
        restoring = false;
        e.stopImmediatePropagation();
        return;
      }
      if (!dirty.current) return;
      e.stopImmediatePropagation();
      restoring = true;
      window.history.forward();
      setAsking(true);
    };
    window.addEventListener("popstate", onPop, true);
    return () => window.removeEventListener("popstate", onPop, true);
  }, [open]);
  const requestClose = () => {
    if (dirty.current) {
      setAsking(true);
      return;
    }
    back.close(close);
  };
  const closeNow = () => {
    dirty.current = false;
    setAsking(false);
    back.close(close);
  };

  const confirm = (
    <ConfirmDialog
      open={open && asking}
      title={question}
      confirmLabel="Discard"
      cancelLabel="Keep editing"
      danger
      onConfirm={closeNow}
      onClose={() => setAsking(false)}
    >
      <p>{detail}</p>
    </ConfirmDialog>
  );
  return { setDirty, requestClose, closeNow, confirm };
}
