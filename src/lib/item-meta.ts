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

/**
 * The one severity look (SPEC §4: critical red, warning amber, active blue, upcoming purple,
 * completed green, done grey): badges, dots, bars and section tints all read it. Every class
 * name is written out in full so Tailwind finds it.
 */
export type SeverityMeta = {
  label: string;
  /** Badge: tinted fill, text and ring. */
  badge: string;
  /** Small dot next to a label. */
  dot: string;
  /** Solid fill (bars, progress). */
  solid: string;
  /** Light fill behind a solid part (the unfinished share of a Gantt bar). */
  light: string;
  /** Ring/border of a light fill. */
  ring: string;
  /** Tinted section background. */
  soft: string;
  /** Coloured left edge of a section. */
  edge: string;
  /** Text on white or on `soft` (AA contrast). */
  text: string;
};

/** Keyed by severity, plus "none" for items without an indicator. */
export const SEVERITY_META: Record<Severity | "none", SeverityMeta> = {
  critical: {
    label: "Critical",
    badge: "bg-red-100 text-red-800 ring-red-300",
    dot: "bg-red-600",
    solid: "bg-red-600",
    light: "bg-red-100",
    ring: "ring-red-400",
    soft: "bg-red-50",
    edge: "border-l-red-600",
    text: "text-red-800",
  },
  warning: {
    label: "Warning",
    badge: "bg-amber-100 text-amber-900 ring-amber-300",
    dot: "bg-amber-500",
    solid: "bg-amber-500",
    light: "bg-amber-100",
    ring: "ring-amber-400",
    soft: "bg-amber-50",
    edge: "border-l-amber-500",
    text: "text-amber-900",
  },
  active: {
    label: "Active",
    badge: "bg-blue-100 text-blue-800 ring-blue-300",
    dot: "bg-blue-600",
    solid: "bg-blue-600",
    light: "bg-blue-100",
    ring: "ring-blue-400",
    soft: "bg-blue-50",
    edge: "border-l-blue-600",
    text: "text-blue-800",
  },
  upcoming: {
    label: "Upcoming",
    badge: "bg-purple-100 text-purple-800 ring-purple-300",
    dot: "bg-purple-600",
    solid: "bg-purple-600",
    light: "bg-purple-100",
    ring: "ring-purple-400",
    soft: "bg-purple-50",
    edge: "border-l-purple-600",
    text: "text-purple-800",
  },
  completed: {
    label: "Completed",
    badge: "bg-green-100 text-green-800 ring-green-300",
    dot: "bg-green-600",
    solid: "bg-green-600",
    light: "bg-green-100",
    ring: "ring-green-500",
    soft: "bg-green-50",
    edge: "border-l-green-600",
    text: "text-green-800",
  },
  done: {
    label: "Done",
    badge: "bg-slate-100 text-slate-700 ring-slate-300",
    dot: "bg-slate-500",
    solid: "bg-slate-500",
    light: "bg-slate-200",
    ring: "ring-slate-400",
    soft: "bg-slate-50",
    edge: "border-l-slate-500",
    text: "text-slate-700",
  },
  none: {
    label: "No indicator",
    badge: "bg-white text-slate-700 ring-slate-300",
    dot: "bg-slate-400",
    solid: "bg-slate-400",
    light: "bg-white",
    ring: "ring-slate-400",
    soft: "bg-slate-50",
    edge: "border-l-slate-300",
    text: "text-slate-700",
  },
};

export const PRIORITIES = ["Critical", "High", "Medium", "Low"] as const;

/** Indicator text without the shouting ("Late Finish!!" → "Late finish") for screen readers. */
export function indicatorSpoken(indicator: Indicator): string {
  const s = indicator.replace(/!+$/, "");
  return s.charAt(0) + s.slice(1).toLowerCase();
}
