/**
 * Pure helpers for the schedule overlays on the timeline and in the item
 * editor: slack in words, which dependency arrows belong to the critical path,
 * where a baseline's ghost bar goes, and how far a finish moved since the
 * baseline. The numbers themselves come from src/domain (critical-path.ts via
 * project.criticalPath, baseline.ts); this file only shapes them for display.
 */
import { dayNumber } from "@/domain/dates";
import type { IsoDate } from "@/domain/types";
import { extentOf, type Range } from "./scale";

/** What the views need of one item of project.criticalPath. */
export type CpmInfo = { itemNum: number; es: IsoDate; ef: IsoDate; ls: IsoDate; lf: IsoDate; slack: number };

/** Item number → its CPM dates and slack (built once per critical-path result). */
export function cpmIndex(items: readonly CpmInfo[]): Map<number, CpmInfo> {
  return new Map(items.map((i) => [i.itemNum, i]));
}

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/** "Critical — no slack", "Slack: 1 day", "Slack: 12 days". */
export function slackText(slack: number): string {
  return slack <= 0 ? "Critical — no slack" : `Slack: ${days(slack)}`;
}

/**
 * Why an item has no slack figure (it is not in the CPM): drafts, items
 * without both a start and a finish, and the few left out by the rules
 * (finish before start, or on a dependency loop).
 */
export function unscheduledText(item: {
  draft: boolean;
  start: IsoDate | null;
  finish: IsoDate | null;
}): string {
  if (item.draft) return "No slack: drafts are not part of the plan";
  if (!item.start || !item.finish) return "No slack: needs both a start and a finish";
  return "No slack: left out (finish before start, or a dependency loop)";
}

/** Slack in words for any item: from the CPM when it is scheduled, else why not. */
export function slackLabel(
  info: CpmInfo | undefined,
  item: { draft: boolean; start: IsoDate | null; finish: IsoDate | null },
): string {
  return info ? slackText(info.slack) : unscheduledText(item);
}

/** Key of a dependency arrow, `${from}-${to}` (from = the prerequisite). */
export const linkKey = (from: number, to: number) => `${from}-${to}`;

/**
 * The dependency arrows that belong to the critical path: both ends critical
 * (slack 0) and the prerequisite drives the dependent item — it starts the
 * day after the prerequisite finishes (EF + 1 = ES), as in the CPM's chain.
 * A link between two critical items that does not drive (the dependent waits
 * for something else) is not emphasised.
 */
export function criticalLinks(
  links: readonly { from: number; to: number }[],
  cpm: ReadonlyMap<number, CpmInfo>,
): Set<string> {
  const out = new Set<string>();
  for (const { from, to } of links) {
    const a = cpm.get(from);
    const b = cpm.get(to);
    if (!a || !b || a.slack !== 0 || b.slack !== 0) continue;
    if (dayNumber(a.ef) + 1 === dayNumber(b.es)) out.add(linkKey(from, to));
  }
  return out;
}

/**
 * A ghost bar's horizontal place: the baseline's start–finish drawn like a
 * current bar (whole days, end day included; reversed dates are swapped), or
 * null when the baseline gave the item no start and finish.
 */
export function ghostExtent(
  ghost: { start: IsoDate | null; finish: IsoDate | null },
  range: Range,
  ppd: number,
): { left: number; width: number } | null {
  if (!ghost.start || !ghost.finish) return null;
  const [from, to] = ghost.start <= ghost.finish ? [ghost.start, ghost.finish] : [ghost.finish, ghost.start];
  const e = extentOf({ kind: "bar", from, to }, range, ppd);
  return { left: e.left, width: e.right - e.left };
}

/** Days the finish moved since the baseline (positive: later), or null when either is unset. */
export function finishShift(baselineFinish: IsoDate | null, currentFinish: IsoDate | null): number | null {
  if (!baselineFinish || !currentFinish) return null;
  return dayNumber(currentFinish) - dayNumber(baselineFinish);
}

/** "5 days later than the baseline", "2 days earlier than the baseline", "as in the baseline". */
export function shiftText(shift: number): string {
  if (shift === 0) return "as in the baseline";
  return `${days(Math.abs(shift))} ${shift > 0 ? "later" : "earlier"} than the baseline`;
}

/** The short tag beside a bar: "+5d", "−2d" (a real minus sign), "" when unchanged. */
export function shiftTag(shift: number): string {
  if (shift === 0) return "";
  return shift > 0 ? `+${shift}d` : `−${-shift}d`;
}

/** A long path in a line: every number up to `max`, else the first three, "…", and the last two. */
export function pathSummary(path: readonly number[], max = 8): string {
  const nums = path.map((n) => `#${n}`);
  if (nums.length <= max) return nums.join(" → ");
  return [...nums.slice(0, 3), "…", ...nums.slice(-2)].join(" → ");
}

/** A baseline id from the URL (`?compare=`), or null when it cannot be one (a hand-edited link). */
export function baselineIdOf(raw: string | null | undefined): string | null {
  return raw && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw) ? raw : null;
}
