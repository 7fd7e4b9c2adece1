"use client";

import { ArrowLeft } from "lucide-react";
import { useCallback, useEffect, useId, useRef } from "react";
import { cn } from "@/lib/cn";
import { CloseButton } from "./button";
import { PHONE_MEDIA } from "@/lib/use-media-query";

/** Tailwind's `sm` breakpoint: below it dialogs fill the screen. */
const PHONE_QUERY = PHONE_MEDIA;
const SHEET_STATE_KEY = "braidmgrSheet";

/**
 * A modal built on the native <dialog> element (focus containment, Escape,
 * inert background come from the browser). On phones it fills the screen;
 * `side="left"` makes it a drawer.
 *
 * Full-page use on phones: `backOnPhone` shows a back arrow at the start of
 * the header instead of the ✕, `headerActions` adds controls at the end of the
 * header (e.g. Save), and {@link useBackToClose} makes the browser's Back
 * button close the dialog.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  size = "md",
  side,
  className,
  initialFocusRef,
  backOnPhone,
  headerActions,
}: {
  open: boolean;
  onClose: () => void;
  title: React.ReactNode;
  description?: React.ReactNode;
  children: React.ReactNode;
  footer?: React.ReactNode;
  size?: "sm" | "md" | "lg";
  side?: "left";
  className?: string;
  initialFocusRef?: React.RefObject<HTMLElement | null>;
  /** On phones: a back arrow at the start of the header instead of the ✕ at the end. */
  backOnPhone?: boolean;
  /** Extra controls at the end of the header (before the ✕). */
  headerActions?: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      const opener = document.activeElement as HTMLElement | null;
      d.showModal();
      const target = initialFocusRef?.current ?? d.querySelector<HTMLElement>("[data-autofocus]");
      target?.focus();
      const { overflow } = document.body.style;
      document.body.style.overflow = "hidden";
      return () => {
        document.body.style.overflow = overflow;
        if (d.open) d.close();
        // Give focus back to whatever opened the dialog.
        if (opener && document.contains(opener)) opener.focus();
      };
    }
  }, [open, initialFocusRef]);

  const drawer = side === "left";
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        // React passes the event on to a dialog this one is nested in (a confirm inside an editor).
        e.stopPropagation();
        onCloseRef.current();
      }}
      onMouseDown={(e) => {
        // A press on the backdrop (the dialog element itself, outside its panel) closes it.
        if (e.target === ref.current) onCloseRef.current();
      }}
      className={cn(
        "bg-transparent p-0 text-slate-900 backdrop:bg-slate-900/50 backdrop:backdrop-blur-[1px]",
        "max-h-none max-w-none overflow-visible",
        drawer
          ? "m-0 h-dvh w-[min(20rem,85vw)]"
          : cn(
              "m-0 h-dvh w-full sm:m-auto sm:h-auto sm:max-h-[calc(100dvh-4rem)]",
              size === "sm" && "sm:w-[28rem]",
              size === "md" && "sm:w-[36rem]",
              size === "lg" && "sm:w-[48rem]",
            ),
      )}
    >
      {open && (
        <div
          className={cn(
            "flex h-full flex-col bg-white shadow-xl",
            drawer ? "" : "sm:max-h-[calc(100dvh-4rem)] sm:rounded-xl",
            className,
          )}
        >
          <header
            className={cn(
              "flex items-start gap-3 border-b border-slate-200 px-4 py-3 sm:px-6 sm:py-4",
              // Full screen on phones: keep clear of the notch / status bar.
              !drawer && "pt-[max(0.75rem,env(safe-area-inset-top))] sm:pt-4",
            )}
          >
            {backOnPhone && (
              <button
                type="button"
                onClick={() => onCloseRef.current()}
                className="-my-1 -ml-2 inline-flex size-11 shrink-0 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 sm:hidden"
              >
                <ArrowLeft className="size-5" aria-hidden="true" />
                <span className="sr-only">Back</span>
              </button>
            )}
            <div className="min-w-0 flex-1">
              <h2 id={titleId} className="text-lg font-semibold text-slate-900">
                {title}
              </h2>
              {description && (
                <p id={descId} className="mt-0.5 text-sm text-slate-600">
                  {description}
                </p>
              )}
            </div>
            {headerActions && <div className="flex shrink-0 items-center gap-2">{headerActions}</div>}
            <CloseButton
              label="Close"
              onClick={() => onCloseRef.current()}
              className={cn(
                "-m-1 size-11 rounded-lg text-slate-600 hover:text-slate-900 sm:size-9",
                backOnPhone && "max-sm:hidden",
              )}
              iconClassName="size-5"
            />
          </header>
          {/* Scroll padding keeps a focused field clear of a sticky DialogFooter. */}
          <div className="min-h-0 flex-1 scroll-pt-4 scroll-pb-24 overflow-y-auto px-4 py-4 sm:px-6">
            {children}
          </div>
          {footer && (
            <footer className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 px-4 py-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] sm:px-6">
              {footer}
            </footer>
          )}
        </div>
      )}
    </dialog>
  );
}

/** A footer that sticks to the bottom of the dialog body (for dialogs whose content owns the buttons). */
export function DialogFooter({ children, className }: { children: React.ReactNode; className?: string }) {
  return (
    <div
      className={cn(
        "sticky -bottom-4 z-10 -mx-4 -mb-4 mt-6 flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 bg-white px-4 py-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] sm:-mx-6 sm:px-6",
        className,
      )}
    >
      {children}
    </div>
  );
}

/**
 * Makes the browser's (or phone's) Back button close a dialog that fills the
 * screen on phones: while `open` on a phone-sized screen, the dialog has its
 * own history entry (same URL), and going back from it calls `onBack`.
 *
 * Close the dialog from inside through `close(then)`: on phones it steps back
 * out of that entry first and then runs `then` (so the entry never lingers and
 * Back never reopens the dialog); elsewhere it just runs `then`. When `onBack`
 * decides not to close (e.g. the user keeps unsaved edits), call `stay()`.
 */
export function useBackToClose(open: boolean, onBack: () => void) {
  const onBackRef = useRef(onBack);
  useEffect(() => {
    onBackRef.current = onBack;
  });
  const st = useRef<{ pushed: boolean; then: (() => void) | null }>({ pushed: false, then: null });

  const push = useCallback(() => {
    const state = window.history.state as Record<string, unknown> | null;
    // Already on our entry (a re-run of the effect, a reload or Forward): don't stack another.
    if (!state?.[SHEET_STATE_KEY]) window.history.pushState({ [SHEET_STATE_KEY]: true }, "");
    st.current.pushed = true;
  }, []);

  useEffect(() => {
    if (!open || !window.matchMedia(PHONE_QUERY).matches) return;
    const s = st.current;
    push();
    const onPop = () => {
      if (!s.pushed) return;
      s.pushed = false;
      const then = s.then ?? onBackRef.current;
      s.then = null;
      // Let the router take in the step back (it restores that entry on this same event) first.
      window.setTimeout(then, 0);
    };
    window.addEventListener("popstate", onPop);
    return () => {
      window.removeEventListener("popstate", onPop);
      s.pushed = false;
      s.then = null;
    };
  }, [open, push]);

  const close = useCallback((then: () => void) => {
    const s = st.current;
    if (!s.pushed) {
      then();
      return;
    }
    s.then = then;
    window.history.back();
    // Should the browser not report the step back, close anyway.
    window.setTimeout(() => {
      if (s.then !== then) return;
      s.pushed = false;
      s.then = null;
      then();
    }, 800);
  }, []);

  const stay = useCallback(() => {
    if (open && !st.current.pushed && window.matchMedia(PHONE_QUERY).matches) push();
  }, [open, push]);

  return { close, stay };
}
