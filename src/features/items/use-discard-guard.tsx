"use client";

import { useCallback, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, useBackToClose } from "@/components/ui/dialog";

/**
 * Never lose typed work: the one way the item editor and New item close.
 * While the form reports unsaved input (`setDirty`), every way out — Escape,
 * a press on the backdrop, Cancel / ✕, the phone's Back button — asks first
 * ("Keep editing" / "Discard"); with nothing typed it just closes.
 * Wraps {@link useBackToClose}, so on phones the dialog keeps its own history entry.
 *
 * Render `confirm` inside the dialog (GuardedItemDialog does); call `closeNow` after a save.
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
  const requestClose = () => {
    if (dirty.current) {
      setAsking(true);
      return;
    }
    back.close(close);
  };
  /** Ask now (the item editor: the browser's Back on a desktop took its item out of the URL). */
  const ask = useCallback(() => setAsking(true), []);
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
  return { setDirty, requestClose, closeNow, ask, confirm };
}

export type DiscardGuard = ReturnType<typeof useDiscardGuard>;

/**
 * The item editor's and New item's dialog: large, full screen on phones (a back arrow, and the
 * phone's Back button), every way out through `guard`, and the guard's question inside.
 */
export function GuardedItemDialog({
  guard,
  children,
  ...props
}: Omit<React.ComponentProps<typeof Dialog>, "onClose" | "size" | "backOnPhone"> & { guard: DiscardGuard }) {
  return (
    <Dialog {...props} onClose={guard.requestClose} size="lg" backOnPhone>
      {children}
      {guard.confirm}
    </Dialog>
  );
}
