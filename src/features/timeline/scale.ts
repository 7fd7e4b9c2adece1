/**
 * Pure layout maths for the Gantt chart: which items get a bar or a
 * milestone, the date range, the axis ticks and the dependency arrows.
 * Dates are calendar dates (`YYYY-MM-DD`) handled as UTC day numbers, so no
 * time zone can move a bar.
 */
import { dayNumber, fromDayNumber, isoWeekday } from "@/domain/dates";
import { severityOf } from "@/domain/indicators";
import type { IsoDate, ItemRecord, Severity } from "@/domain/types";

export type Zoom = "day" | "week" | "month";
export const ZOOMS: Zoom[] = ["day", "week", "month"];
/** Pixels per calendar day at each zoom (on a wide enough chart). */
export const PX_PER_DAY: Record<Zoom, number> = { day: 32, week: 14, month: 4 };

/**
 * Pixels per day at `zoom` for a chart whose timeline part is `viewWidth` pixels wide (unknown until
 * measured: null). The week zoom is meant to show about a month; on a narrow chart (a phone) its days
 * get narrower, down to half width, rather than showing two weeks. Half-pixel steps, so a small resize
 * does not re-lay the chart.
 */
export function pxPerDay(zoom: Zoom, viewWidth: number | null): number {
  const full = PX_PER_DAY[zoom];
  if (zoom !== "week" || !viewWidth || viewWidth <= 0) return full;
  const fit = Math.floor((viewWidth / WEEK_ZOOM_MIN_DAYS) * 2) / 2;
  return Math.min(full, Math.max(full / 2, fit));
}
/** Days the week zoom tries to show at once. */
export const WEEK_ZOOM_MIN_DAYS = 28;

/** What the timeline draws of an item. */
export type TimelineItem = Pick<
  ItemRecord,
  | "itemNum"
  | "type"
  | "title"
  | "workstream"
  | "assignedTo"
  | "start"
  | "finish"
  | "deadline"
  | "duration"
  | "percentComplete"
  | "draft"
  | "indicator"
  | "dependsOn"
>;

export type Placement =
  | { kind: "bar"; from: IsoDate; to: IsoDate }
  | { kind: "milestone"; at: IsoDate; label: "Start" | "Finish" | "Deadline" };

/** Start–finish makes a bar; a lone start, finish or deadline makes a milestone; no dates: unscheduled. */
export function placementOf(item: Pick<TimelineItem, "start" | "finish" | "deadline">): Placement | null {
  const { start, finish, deadline } = item;
  if (start && finish)
    return start <= finish
      ? { kind: "bar", from: start, to: finish }
      : { kind: "bar", from: finish, to: start };
  if (finish) return { kind: "milestone", at: finish, label: "Finish" };
  if (start) return { kind: "milestone", at: start, label: "Start" };
  if (deadline) return { kind: "milestone", at: deadline, label: "Deadline" };
  return null;
}

export const placementStart = (p: Placement) => (p.kind === "bar" ? p.from : p.at);
export const placementEnd = (p: Placement) => (p.kind === "bar" ? p.to : p.at);

export function severityKey(item: Pick<TimelineItem, "indicator">): Severity | "none" {
  return severityOf(item.indicator) ?? "none";
}

export type Range = { startDay: number; endDay: number; days: number };

/**
 * From the Monday on or before the earliest date (less a week of margin) to
 * the Sunday after the latest one (plus two weeks), always including today.
 */
export function rangeOf(dates: IsoDate[], today: IsoDate): Range {
  let min = dayNumber(today);
  let max = min;
  for (const d of dates) {
    const n = dayNumber(d);
    if (n < min) min = n;
    if (n > max) max = n;
  }
  let startDay = min - 7;
  startDay -= isoWeekday(fromDayNumber(startDay)) - 1;
  let endDay = max + 14;
  endDay += 7 - isoWeekday(fromDayNumber(endDay)); // to a Sunday
  endDay += 1; // exclusive
  return { startDay, endDay, days: endDay - startDay };
}

export type Tick = { day: number; date: IsoDate };

/** Every Monday in the range (the range starts on a Monday). */
export function weekTicks(r: Range): Tick[] {
  const out: Tick[] = [];
  for (let d = r.startDay; d < r.endDay; d += 7) out.push({ day: d, date: fromDayNumber(d) });
  return out;
}

export function dayTicks(r: Range): Tick[] {
  const out: Tick[] = [];
  for (let d = r.startDay; d < r.endDay; d += 1) out.push({ day: d, date: fromDayNumber(d) });
  return out;
}

export type MonthSpan = { key: string; fromDay: number; toDay: number };

/** The months the range touches, clipped to the range. */
export function monthSpans(r: Range): MonthSpan[] {
  const out: MonthSpan[] = [];
  let d = fromDayNumber(r.startDay);
  while (dayNumber(d) < r.endDay) {
    const key = d.slice(0, 7);
    const [y, m] = key.split("-").map(Number);
    const next = m === 12 ? `${y! + 1}-01-01` : `${y}-${String(m! + 1).padStart(2, "0")}-01`;
    out.push({
      key,
      fromDay: Math.max(dayNumber(d), r.startDay),
      toDay: Math.min(dayNumber(next), r.endDay),
    });
    d = next;
  }
  return out;
}

/** Horizontal extent of a placement in pixels (bars cover whole days, end day included). */
export function extentOf(
  p: Placement,
  r: Range,
  ppd: number,
): { left: number; right: number; centre: number } {
  if (p.kind === "bar") {
    const left = (dayNumber(p.from) - r.startDay) * ppd;
    const right = Math.max(left + 4, (dayNumber(p.to) + 1 - r.startDay) * ppd);
    return { left, right, centre: (left + right) / 2 };
  }
  const centre = (dayNumber(p.at) - r.startDay + 0.5) * ppd;
  return { left: centre - MILESTONE_HALF, right: centre + MILESTONE_HALF, centre };
}

export const MILESTONE_HALF = 7;

export const dayX = (date: IsoDate, r: Range, ppd: number) => (dayNumber(date) - r.startDay) * ppd;

export type Arrow = {
  from: number;
  to: number;
  path: string;
  /** The dependent item starts before the item it depends on finishes. */
  conflict: boolean;
};

/**
 * Elbow connectors from the end of each prerequisite to the start of the
 * item that depends on it. Rows are given by their top y and height.
 */
export function arrowsFor(
  rows: { item: TimelineItem; placement: Placement; top: number; height: number }[],
  r: Range,
  ppd: number,
): Arrow[] {
  const byNum = new Map(rows.map((row) => [row.item.itemNum, row]));
  const out: Arrow[] = [];
  const gap = 8;
  for (const succ of rows) {
    for (const depNum of succ.item.dependsOn) {
      const pred = byNum.get(depNum);
      if (!pred) continue;
      const a = extentOf(pred.placement, r, ppd);
      const b = extentOf(succ.placement, r, ppd);
      const x1 = a.right;
      const y1 = pred.top + pred.height / 2;
      const x2 = b.left;
      const y2 = succ.top + succ.height / 2;
      let path: string;
      if (x2 - x1 >= 2 * gap) {
        path = `M${x1},${y1} H${x1 + gap} V${y2} H${x2}`;
      } else {
        // Backwards (or too tight): go round, along the edge of the target row.
        const edge = y2 > y1 ? succ.top : succ.top + succ.height;
        path = `M${x1},${y1} H${x1 + gap} V${edge} H${x2 - gap} V${y2} H${x2}`;
      }
      const conflict = placementStart(succ.placement) < placementEnd(pred.placement);
      out.push({ from: depNum, to: succ.item.itemNum, path, conflict });
    }
  }
  return out;
}

/** Sort for the chart: by first date, then end date, then number. */
export function byPlacement(
  a: { item: TimelineItem; placement: Placement },
  b: { item: TimelineItem; placement: Placement },
) {
  return (
    placementStart(a.placement).localeCompare(placementStart(b.placement)) ||
    placementEnd(a.placement).localeCompare(placementEnd(b.placement)) ||
    a.item.itemNum - b.item.itemNum
  );
}

/**
 * The day at the left edge when the chart first opens, showing `visibleDays`
 * days: today a third of the way in, unless late (critical) work ended
 * earlier — then far enough left to show where the earliest of it ended
 * (with two days of margin), keeping today no further than 80% across.
 */
export function firstViewStartDay(
  items: { placement: Placement; severity: Severity | "none" }[],
  today: IsoDate,
  visibleDays: number,
): number {
  const t = dayNumber(today);
  const usual = t - visibleDays / 3;
  let earliestLate: number | null = null;
  for (const { placement, severity } of items) {
    if (severity !== "critical") continue;
    const end = dayNumber(placementEnd(placement));
    if (earliestLate === null || end < earliestLate) earliestLate = end;
  }
  if (earliestLate === null || earliestLate - 2 >= usual) return usual;
  return Math.max(earliestLate - 2, t - visibleDays * 0.8);
}
