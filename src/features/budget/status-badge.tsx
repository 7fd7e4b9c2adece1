import type { BudgetStatus } from "@/domain/budget";
import { cn } from "@/lib/cn";
import { STATUS_META } from "./format";

/** The budget status as a coloured pill, with a dot so colour is not the only cue. */
export function BudgetStatusBadge({ status, className }: { status: BudgetStatus; className?: string }) {
  const meta = STATUS_META[status];
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-sm font-medium whitespace-nowrap ring-1 ring-inset",
        meta.badge,
        className,
      )}
      data-status={status}
    >
      <span className={cn("size-2 rounded-full", meta.dot)} aria-hidden="true" />
      {meta.label}
    </span>
  );
}
