/**
 * Baselines (SPEC §13): a named snapshot of the plan and its comparison with
 * the current plan. Pure: the service stores the snapshot (as JSON) and
 * passes both sides in.
 *
 * - A snapshot holds, per item: number, title, start, finish, deadline,
 *   percent complete and indicator. Deleted items are never in it; drafts are
 *   left out too unless asked for (a draft is not part of the plan). Compare a
 *   baseline with a current snapshot taken with the same options.
 * - Slipped: in both, both finishes set, current finish later; `days` late.
 *   Pulled in: current finish earlier; `days` = how many days earlier
 *   (positive). Both lists: largest `days` first, ties by item number.
 *   An item whose finish was set or cleared since is in neither list.
 * - Added: in the current plan, not in the baseline; removed: in the baseline,
 *   not in the current plan (deleted, or turned back into a draft). Ascending.
 */
import { daysBetween } from "./dates";
import type { Indicator, IsoDate } from "./types";

export type BaselineItem = {
  itemNum: number;
  title: string;
  start: IsoDate | null;
  finish: IsoDate | null;
  deadline: IsoDate | null;
  percentComplete: number;
  indicator: Indicator | null;
};

export type SnapshotSource = BaselineItem & { draft: boolean; deleted?: boolean };

export type SnapshotOptions = { includeDrafts?: boolean };

/** The per-item snapshot record of a baseline, by item number. */
export function snapshotItems(
  items: readonly SnapshotSource[],
  options: SnapshotOptions = {},
): BaselineItem[] {
  return items
    .filter((i) => !i.deleted && (options.includeDrafts || !i.draft))
    .map((i) => ({
      itemNum: i.itemNum,
      title: i.title,
      start: i.start,
      finish: i.finish,
      deadline: i.deadline,
      percentComplete: i.percentComplete,
      indicator: i.indicator,
    }))
    .sort((a, b) => a.itemNum - b.itemNum);
}

export type FinishChange = {
  itemNum: number;
  title: string;
  baselineFinish: IsoDate;
  currentFinish: IsoDate;
  /** Days late (slipped) or days earlier (pulled in); always > 0. */
  days: number;
};

export type BaselineComparison = {
  slipped: FinishChange[];
  pulledIn: FinishChange[];
  added: number[];
  removed: number[];
};

const byDaysThenNum = (a: FinishChange, b: FinishChange) => b.days - a.days || a.itemNum - b.itemNum;

export function compareBaseline(
  current: readonly BaselineItem[],
  baseline: readonly BaselineItem[],
): BaselineComparison {
  const before = new Map(baseline.map((b) => [b.itemNum, b]));
  const now = new Set(current.map((c) => c.itemNum));
  const slipped: FinishChange[] = [];
  const pulledIn: FinishChange[] = [];
  const added: number[] = [];
  for (const c of current) {
    const b = before.get(c.itemNum);
    if (!b) {
      added.push(c.itemNum);
      continue;
    }
    if (!c.finish || !b.finish) continue;
    const diff = daysBetween(b.finish, c.finish);
    if (diff === 0) continue;
    const change = {
      itemNum: c.itemNum,
      title: c.title,
      baselineFinish: b.finish,
      currentFinish: c.finish,
      days: Math.abs(diff),
    };
    (diff > 0 ? slipped : pulledIn).push(change);
  }
  const removed = baseline.filter((b) => !now.has(b.itemNum)).map((b) => b.itemNum);
  return {
    slipped: slipped.sort(byDaysThenNum),
    pulledIn: pulledIn.sort(byDaysThenNum),
    added: added.sort((a, b) => a - b),
    removed: removed.sort((a, b) => a - b),
  };
}

/** Ghost bars for the timeline: the baseline's dated items (start and finish both set). */
export function baselineBars(
  baseline: readonly BaselineItem[],
): { itemNum: number; start: IsoDate; finish: IsoDate }[] {
  return baseline
    .filter((b) => b.start !== null && b.finish !== null)
    .map((b) => ({ itemNum: b.itemNum, start: b.start!, finish: b.finish! }));
}
