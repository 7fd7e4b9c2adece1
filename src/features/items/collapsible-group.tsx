"use client";

import { ChevronRight } from "lucide-react";
import { useId } from "react";
import { cn } from "@/lib/cn";

/**
 * A section whose body can be folded away. The heading holds the toggle
 * button (aria-expanded / aria-controls), so screen-reader users can jump
 * between groups by heading and open the ones they want.
 */
export function CollapsibleGroup({
  title,
  count,
  open,
  onToggle,
  children,
  headerClassName,
  className,
  marker,
  badges,
  headingLevel = 2,
  id,
  ...rest
}: {
  title: React.ReactNode;
  count: number;
  open: boolean;
  onToggle: () => void;
  children: React.ReactNode;
  headerClassName?: string;
  className?: string;
  /** Coloured dot or icon before the title. */
  marker?: React.ReactNode;
  /** Extra summary shown at the end of the header (visible when folded too). */
  badges?: React.ReactNode;
  headingLevel?: 2 | 3;
  id?: string;
} & { [data: `data-${string}`]: string | undefined }) {
  const panelId = useId();
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <section
      id={id}
      className={cn("overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm", className)}
      {...rest}
    >
      <H className="m-0">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={onToggle}
          className={cn(
            "flex min-h-12 w-full items-center gap-3 px-4 py-2.5 text-left hover:brightness-[0.98] focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600",
            headerClassName,
          )}
        >
          <ChevronRight
            className={cn("size-4 shrink-0 text-slate-600 transition-transform", open && "rotate-90")}
            aria-hidden="true"
          />
          {marker}
          <span className="min-w-0 flex-1 truncate text-base font-semibold text-slate-900">{title}</span>
          {badges}
          <span className="inline-flex min-w-8 shrink-0 items-center justify-center rounded-full bg-white px-2 py-0.5 text-sm font-semibold text-slate-800 tabular-nums ring-1 ring-slate-300 ring-inset">
            {count}
            <span className="sr-only">{count === 1 ? " item" : " items"}</span>
          </span>
        </button>
      </H>
      <div id={panelId} hidden={!open} className="border-t border-slate-200">
        {children}
      </div>
    </section>
  );
}
