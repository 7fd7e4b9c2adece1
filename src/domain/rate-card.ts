/**
 * Rate-card look-ups (SPEC §2). Pure: the caller passes the entries.
 *
 * A rate-card entry is org-wide, or tied to one project (imported v1 rate
 * cards are). A timesheet row without a rate takes the hourly rate of the
 * resource's entry in force on the week ending.
 */
import type { IsoDate } from "./types";

export type RateCardEntry = {
  resourceName: string;
  /** Exact decimal string, e.g. "72.50". */
  hourlyRate: string;
  effectiveFrom: IsoDate | null;
  effectiveTo: IsoDate | null;
  /** null = org-wide. */
  projectId: string | null;
};

/** Names compare trimmed, case-insensitively, with runs of spaces as one. */
export function resourceKey(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

export function isInEffect(
  entry: Pick<RateCardEntry, "effectiveFrom" | "effectiveTo">,
  date: IsoDate,
): boolean {
  return (
    (entry.effectiveFrom === null || entry.effectiveFrom <= date) &&
    (entry.effectiveTo === null || date <= entry.effectiveTo)
  );
}

/**
 * The entry that prices `resource`'s time on `weekEnding`: among the entries
 * for that name in effect on that date, a project-specific one beats an
 * org-wide one, then the one that took effect last. null when none applies.
 */
export function findRate<T extends RateCardEntry>(
  entries: readonly T[],
  resource: string,
  weekEnding: IsoDate,
): T | null {
  const key = resourceKey(resource);
  let best: T | null = null;
  for (const e of entries) {
    if (resourceKey(e.resourceName) !== key || !isInEffect(e, weekEnding)) continue;
    if (best === null || rank(e) > rank(best)) best = e;
  }
  return best;
}

/** Project-specific first, then the latest effective-from (an open start counts as earliest). */
function rank(e: RateCardEntry): string {
  return `${e.projectId === null ? 0 : 1}|${e.effectiveFrom ?? "0000-00-00"}`;
}

/** Two entries for the same resource (and scope) whose effective windows overlap. */
export function windowsOverlap(
  a: Pick<RateCardEntry, "effectiveFrom" | "effectiveTo">,
  b: Pick<RateCardEntry, "effectiveFrom" | "effectiveTo">,
): boolean {
  const aStart = a.effectiveFrom ?? "0000-00-00";
  const bStart = b.effectiveFrom ?? "0000-00-00";
  const aEnd = a.effectiveTo ?? "9999-12-31";
  const bEnd = b.effectiveTo ?? "9999-12-31";
  return aStart <= bEnd && bStart <= aEnd;
}
