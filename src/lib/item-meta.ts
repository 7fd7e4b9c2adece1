/**
 * How item types and indicator severities look (SPEC §3, §4): one colour and
 * icon per type; badges coloured by severity. Colour pairs are -800 text on
 * -50/-100 backgrounds so they pass WCAG AA.
 */
import {
  CalendarRange,
  CircleExclamationPoint,
  Gavel,
  ListTodo,
  type LucideIcon,
  Package,
  TriangleExclamationPoint,
  Wallet,
} from "lucide-react";
import type { Indicator, ItemType, Severity } from "@/domain/types";

export type TypeMeta = { icon: LucideIcon; badge: string; dot: string; short: string };

export const TYPE_META: Record<ItemType, TypeMeta> = {
  Budget: {
    icon: Wallet,
    badge: "bg-emerald-50 text-emerald-800 ring-emerald-200",
    dot: "bg-emerald-600",
    short: "Budget",
  },
  Risk: {
    icon: TriangleExclamationPoint,
    badge: "bg-orange-50 text-orange-800 ring-orange-200",
    dot: "bg-orange-500",
    short: "Risk",
  },
  "Action Item": {
    icon: ListTodo,
    badge: "bg-sky-50 text-sky-800 ring-sky-200",
    dot: "bg-sky-600",
    short: "Action",
  },
  Issue: {
    icon: CircleExclamationPoint,
    badge: "bg-rose-50 text-rose-800 ring-rose-200",
    dot: "bg-rose-600",
    short: "Issue",
  },
  Decision: {
    icon: Gavel,
    badge: "bg-violet-50 text-violet-800 ring-violet-200",
    dot: "bg-violet-600",
    short: "Decision",
  },
  Deliverable: {
    icon: Package,
    badge: "bg-teal-50 text-teal-800 ring-teal-200",
    dot: "bg-teal-600",
    short: "Deliverable",
  },
  "Plan Item": {
    icon: CalendarRange,
    badge: "bg-slate-100 text-slate-800 ring-slate-300",
    dot: "bg-slate-500",
    short: "Plan",
  },
};

export type SeverityMeta = { label: string; badge: string; dot: string };

export const SEVERITY_META: Record<Severity, SeverityMeta> = {
  critical: { label: "Critical", badge: "bg-red-100 text-red-800 ring-red-300", dot: "bg-red-600" },
  warning: { label: "Warning", badge: "bg-amber-100 text-amber-900 ring-amber-300", dot: "bg-amber-500" },
  active: { label: "Active", badge: "bg-blue-100 text-blue-800 ring-blue-300", dot: "bg-blue-600" },
  upcoming: {
    label: "Upcoming",
    badge: "bg-purple-100 text-purple-800 ring-purple-300",
    dot: "bg-purple-600",
  },
  completed: { label: "Completed", badge: "bg-green-100 text-green-800 ring-green-300", dot: "bg-green-600" },
  done: { label: "Done", badge: "bg-slate-100 text-slate-700 ring-slate-300", dot: "bg-slate-500" },
};

export const PRIORITIES = ["Critical", "High", "Medium", "Low"] as const;

/** Indicator text without the shouting ("Late Finish!!" → "Late finish") for screen readers. */
export function indicatorSpoken(indicator: Indicator): string {
  const s = indicator.replace(/!+$/, "");
  return s.charAt(0) + s.slice(1).toLowerCase();
}
