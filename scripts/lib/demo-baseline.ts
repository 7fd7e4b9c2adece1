/**
 * The demo project's "Plan of record": a baseline as if taken three weeks
 * before the demo starts, so that Timeline → Compare shows slipped and
 * pulled-in items (and one added since) on the very first day. Pure: the
 * plan is today's plan with a few open items moved back by whole days.
 */
import { addDays } from "../../src/domain/dates";
import { computeIndicator } from "../../src/domain/indicators";
import type { IsoDate, ItemRecord } from "../../src/domain/types";

export const DEMO_BASELINE_NAME = "Plan of record";
/** How long before today the plan of record was taken. */
export const DEMO_BASELINE_DAYS_AGO = 21;

/**
 * Days each item's finish has moved since the plan of record (positive: it
 * slipped; negative: pulled in). Its whole bar moved by as much. Item 7 ends
 * the demo's critical path (#30 → #8 → #7).
 */
export const DEMO_SLIPS: Readonly<Record<number, number>> = {
  11: 14,
  7: 9,
  17: 6,
  27: 5,
  16: 3,
  22: 2,
  29: -2,
  36: -4,
};

/** Added after the plan of record was taken (left out of it). */
export const DEMO_ADDED_SINCE: readonly number[] = [40];

/** The plan of record: the items as they stood `DEMO_BASELINE_DAYS_AGO` days before `today`. */
export function demoBaselinePlan(items: readonly ItemRecord[], today: IsoDate): ItemRecord[] {
  const takenOn = addDays(today, -DEMO_BASELINE_DAYS_AGO);
  return items
    .filter((i) => !DEMO_ADDED_SINCE.includes(i.itemNum))
    .map((i) => {
      const slip = DEMO_SLIPS[i.itemNum] ?? 0;
      const moved = {
        ...i,
        start: i.start && slip ? addDays(i.start, -slip) : i.start,
        finish: i.finish && slip ? addDays(i.finish, -slip) : i.finish,
      };
      return { ...moved, indicator: computeIndicator(moved, takenOn) };
    });
}
