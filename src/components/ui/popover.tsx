"use client";

import { ChevronDown, type LucideIcon } from "lucide-react";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { cn } from "@/lib/cn";
import { buttonClasses } from "./button";

/**
 * A disclosure: a button that shows a panel below it. Closes on Escape
 * (focus returns to the button), on a click outside, and when `close()` is
 * called from inside (e.g. after choosing a link).
 */
export function Popover({
  trigger,
  triggerClassName,
  triggerLabel,
  align = "start",
  panelClassName,
  children,
}: {
  trigger: React.ReactNode;
  triggerClassName?: string;
  /** Accessible name when the trigger shows only an icon or avatar. */
  triggerLabel?: string;
  align?: "start" | "end";
  panelClassName?: string;
  children: (close: () => void) => React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const close = useCallback(() => setOpen(false), []);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={triggerLabel}
        onClick={() => setOpen((o) => !o)}
        className={cn(
          "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600",
          triggerClassName,
        )}
      >
        {trigger}
      </button>
      <div
        id={panelId}
        hidden={!open}
        onBlur={(e) => {
          // Tabbing out of the panel closes it.
          if (!rootRef.current?.contains(e.relatedTarget as Node | null) && e.relatedTarget) setOpen(false);
        }}
        className={cn(
          "absolute top-full z-40 mt-2 min-w-56 rounded-xl border border-slate-200 bg-white p-1.5 shadow-lg ring-1 ring-black/5",
          align === "end" ? "right-0" : "left-0",
          panelClassName,
        )}
      >
        {open && children(close)}
      </div>
    </div>
  );
}

/** A secondary button ("icon Label ⌄") that opens a panel below it, aligned to its right edge. */
export function MenuButton({
  icon: Icon,
  label,
  size,
  panelClassName,
  children,
}: {
  icon: LucideIcon;
  label: string;
  size: "sm" | "md";
  panelClassName: string;
  children: (close: () => void) => React.ReactNode;
}) {
  return (
    <Popover
      align="end"
      triggerClassName={buttonClasses("secondary", size)}
      trigger={
        <>
          <Icon className="size-4" aria-hidden="true" />
          {label}
          <ChevronDown className="size-4" aria-hidden="true" />
        </>
      }
      panelClassName={panelClassName}
    >
      {children}
    </Popover>
  );
}

export const popoverItemClasses = cn(
  "flex min-h-11 w-full items-center gap-2.5 rounded-lg px-2.5 text-left text-sm text-slate-800 sm:min-h-9",
  "hover:bg-slate-100 focus-visible:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600",
);
