/**
 * How budget figures look. Money arrives as JSON numbers (metrics, whole
 * cents) or exact decimal strings (records); both are only formatted here,
 * never calculated with.
 */
import type { BudgetStatus } from "@/domain/budget";

// One money format for the whole app (src/domain/money.ts).
export { formatMoney, formatMoneyCompact, formatMoneyExact } from "@/domain/money";

const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

const toNumber = (v: number | string) => (typeof v === "number" ? v : Number(v));

/** A typed amount without "$", thousands separators and spaces: "$1,072.50 " → "1072.50". */
export const stripMoneyInput = (text: string): string => text.replace(/[$,\s]/g, "");

export const formatHours = (v: number | string): string => NUMBER.format(toNumber(v));

export const formatPct = (v: number): string => `${v.toFixed(1)}%`;

export type StatusTone = { label: string; badge: string; bar: string; dot: string; text: string };

/** Over budget = red, within 15% = amber, under budget = green (SPEC §5). */
export const STATUS_META: Record<BudgetStatus, StatusTone> = {
  "over budget": {
    label: "Over budget",
    badge: "bg-red-100 text-red-800 ring-red-300",
    bar: "bg-red-600",
    dot: "bg-red-600",
    text: "text-red-800",
  },
  "within 15%": {
    label: "Within 15%",
    badge: "bg-amber-100 text-amber-900 ring-amber-300",
    bar: "bg-amber-500",
    dot: "bg-amber-500",
    text: "text-amber-900",
  },
  "under budget": {
    label: "Under budget",
    badge: "bg-green-100 text-green-800 ring-green-300",
    bar: "bg-green-600",
    dot: "bg-green-600",
    text: "text-green-800",
  },
};

/** "7 Mar" (axis ticks): calendar dates in UTC so no zone moves them. */
const SHORT_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
export function formatShortDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? SHORT_DATE.format(new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!))) : iso;
}
