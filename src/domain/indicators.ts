/**
 * Schedule-health indicators (SPEC §4). The rules are evaluated in order and
 * the first that matches wins. `today` is always passed in.
 */
import { addDays, daysBetween } from "./dates";
import type { Indicator, IsoDate, Severity } from "./types";
import { INDICATORS, SEVERITIES } from "./types";

export const SOON_WINDOW_DAYS = 14;

export type IndicatorInput = {
  draft: boolean;
  percentComplete: number;
  start: IsoDate | null;
  finish: IsoDate | null;
  deadline: IsoDate | null;
  duration: number | null;
};

// IsoDate strings compare correctly as strings.
export function computeIndicator(item: IndicatorInput, today: IsoDate): Indicator | null {
  const { draft, percentComplete: pct, start, finish, deadline, duration } = item;
  if (draft) return null;
  if (pct >= 100 && finish !== null && finish >= addDays(today, -SOON_WINDOW_DAYS))
    return "Completed Recently";
  if (pct >= 100) return "Completed";
  if (deadline !== null && deadline < today) return "Beyond Deadline!!!";
  if (finish !== null && finish < today) return "Late Finish!!";
  if (start !== null && start < today && pct === 0) return "Late Start!!";
  if (start !== null && finish !== null && duration !== null) {
    // (1 − pct/100) × duration > days left, multiplied by 100 so it stays in
    // integers: (1 − 0.7) × 10 is 3.0000000000000004 in floating point.
    if ((100 - pct) * duration > 100 * daysBetween(today, finish)) return "Trending Late!";
  }
  if (finish !== null && finish <= addDays(today, SOON_WINDOW_DAYS)) return "Finishing Soon!";
  if (pct === 0 && start !== null && today <= start && start <= addDays(today, SOON_WINDOW_DAYS))
    return "Starting Soon!";
  if (pct > 0 && pct < 100) return "In Progress";
  if (start !== null || finish !== null) return "Not Started";
  return null;
}

const SEVERITY_OF: Record<Indicator, Severity> = {
  "Beyond Deadline!!!": "critical",
  "Late Finish!!": "critical",
  "Late Start!!": "critical",
  "Trending Late!": "warning",
  "Finishing Soon!": "active",
  "In Progress": "active",
  "Starting Soon!": "upcoming",
  "Not Started": "upcoming",
  "Completed Recently": "completed",
  Completed: "done",
};

export function severityOf(indicator: Indicator | null): Severity | null {
  return indicator ? SEVERITY_OF[indicator] : null;
}

/** Counts by severity; `none` holds items without an indicator (drafts, undated items). */
export function countBySeverity(indicators: Iterable<Indicator | null>): Record<Severity | "none", number> {
  const counts = { critical: 0, warning: 0, active: 0, upcoming: 0, completed: 0, done: 0, none: 0 };
  for (const indicator of indicators) counts[severityOf(indicator) ?? "none"] += 1;
  return counts;
}

/** Copies of the items with `indicator` computed as of `today`. */
export function withIndicators<T extends IndicatorInput & { indicator: Indicator | null }>(
  items: readonly T[],
  today: IsoDate,
): T[] {
  return items.map((item) => ({ ...item, indicator: computeIndicator(item, today) }));
}

export function indicatorsOfSeverity(severity: Severity): Indicator[] {
  return INDICATORS.filter((i) => SEVERITY_OF[i] === severity);
}

/** Open unless the indicator is Completed or Completed Recently. */
export function isOpen(indicator: Indicator | null): boolean {
  return indicator !== "Completed" && indicator !== "Completed Recently";
}

export function isCritical(indicator: Indicator | null): boolean {
  return severityOf(indicator) === "critical";
}

/** Sort rank: critical first, no indicator last. */
export function severityRank(indicator: Indicator | null): number {
  const s = severityOf(indicator);
  return s ? SEVERITIES.indexOf(s) : SEVERITIES.length;
}

export function indicatorRank(indicator: Indicator | null): number {
  return indicator ? INDICATORS.indexOf(indicator) : INDICATORS.length;
}

export const SEVERITY_COLOUR: Record<Severity, string> = {
  critical: "red",
  warning: "amber",
  active: "blue",
  upcoming: "purple",
  completed: "green",
  done: "grey",
};

export function isIndicator(value: unknown): value is Indicator {
  return typeof value === "string" && (INDICATORS as readonly string[]).includes(value);
}

/** Risk score: probability × impact (each 1–5), null when either is missing. */
export function riskScore(probability: number | null, impact: number | null): number | null {
  return probability && impact ? probability * impact : null;
}
