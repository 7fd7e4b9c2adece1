"use client";

import { X } from "lucide-react";
import { useEffect, useId, useRef } from "react";
import { cn } from "@/lib/cn";

/**
 * A modal built on the native <dialog> element (focus containment, Escape,
 * inert background come from the browser). On phones it fills the screen;
 * `side="left"` makes it a drawer.
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
          <header className="flex items-start gap-3 border-b border-slate-200 px-4 py-3 sm:px-6 sm:py-4">
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
            <button
              type="button"
              onClick={() => onCloseRef.current()}
              className="-m-1 inline-flex size-11 shrink-0 items-center justify-center rounded-lg text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 sm:size-9"
            >
              <X className="size-5" aria-hidden="true" />
              <span className="sr-only">Close</span>
            </button>
          </header>
          <div className="min-h-0 flex-1 overflow-y-auto px-4 py-4 sm:px-6">{children}</div>
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
