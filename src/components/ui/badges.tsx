import { CloudOff } from "lucide-react";
import type { Indicator, ItemType, Severity } from "@/domain/types";
import { severityOf } from "@/domain/indicators";
import { cn } from "@/lib/cn";
import { ROLE_LABEL } from "@/lib/format";
import { SEVERITY_META, TYPE_META } from "@/lib/item-meta";

const pill =
  "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset";

export function IndicatorBadge({
  indicator,
  className,
}: {
  indicator: Indicator | null;
  className?: string;
}) {
  if (!indicator)
    return (
      <span className="text-sm text-slate-500">
        —<span className="sr-only">No indicator</span>
      </span>
    );
  const severity = severityOf(indicator) as Severity;
  const meta = SEVERITY_META[severity];
  return (
    <span
      className={cn(pill, meta.badge, className)}
      title={`${meta.label}: ${indicator}`}
      data-severity={severity}
    >
      <span className={cn("size-1.5 rounded-full", meta.dot)} aria-hidden="true" />
      {indicator}
    </span>
  );
}

export function TypeBadge({
  type,
  compact,
  className,
}: {
  type: ItemType;
  compact?: boolean;
  className?: string;
}) {
  const meta = TYPE_META[type];
  const Icon = meta.icon;
  return (
    <span className={cn(pill, "rounded-md", meta.badge, className)} title={type}>
      <Icon className="size-3.5" aria-hidden="true" />
      {compact ? meta.short : type}
    </span>
  );
}

export function RoleBadge({ role, className }: { role: string; className?: string }) {
  return (
    <span className={cn(pill, "bg-slate-100 text-slate-700 ring-slate-300", className)}>
      {ROLE_LABEL[role] ?? role}
    </span>
  );
}

export function DraftBadge() {
  return <span className={cn(pill, "bg-white text-slate-700 ring-slate-300")}>Draft</span>;
}

/** A change made offline, shown on its item until it is sent. */
export function NotSentBadge() {
  return (
    <span
      className={cn(pill, "bg-amber-50 text-amber-900 ring-amber-300")}
      title="Changed on this device; sent when you are back online"
    >
      <CloudOff className="size-3" aria-hidden="true" />
      Not sent
    </span>
  );
}

/** The type as a coloured icon only (narrow columns); the name is still read out. */
export function TypeIcon({ type, className }: { type: ItemType; className?: string }) {
  const meta = TYPE_META[type];
  const Icon = meta.icon;
  return (
    <span
      className={cn(
        "inline-flex size-7 items-center justify-center rounded-md ring-1 ring-inset",
        meta.badge,
        className,
      )}
      title={type}
    >
      <Icon className="size-4" aria-hidden="true" />
      <span className="sr-only">{type}</span>
    </span>
  );
}
