/**
 * Date helpers and shared constants for the project views (dashboard, active, timeline,
 * chronology). Their severity colours are SEVERITY_META in src/lib/item-meta.ts.
 */
import { daysBetween } from "@/domain/dates";
import type { IsoDate } from "@/domain/types";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** "today", "tomorrow", "in 5 days", "yesterday", "3 days ago" for a calendar date. */
export function relativeDay(date: IsoDate, today: IsoDate): string {
  const d = daysBetween(today, date);
  if (d === 0) return "today";
  if (d === 1) return "tomorrow";
  if (d === -1) return "yesterday";
  if (d > 0) return d < 60 ? `in ${plural(d, "day")}` : `in ${plural(Math.round(d / 7), "week")}`;
  return -d < 60 ? `${plural(-d, "day")} ago` : `${plural(Math.round(-d / 7), "week")} ago`;
}

/** "3 days overdue" / "due today" for an overdue date. */
export function overdueBy(date: IsoDate, today: IsoDate): string {
  const d = daysBetween(date, today);
  if (d <= 0) return d === 0 ? "due today" : relativeDay(date, today);
  return `${plural(d, "day")} overdue`;
}

const MONTH_FMT = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const MONTH_SHORT_FMT = new Intl.DateTimeFormat("en-GB", {
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const WEEKDAY_FMT = new Intl.DateTimeFormat("en-GB", { weekday: "short", timeZone: "UTC" });

function utc(date: IsoDate): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d ?? 1));
}

/** "2025-03" → "March 2025". */
export const monthLabel = (key: string): string => MONTH_FMT.format(utc(`${key}-01`));
/** "2025-03" → "Mar 2025". */
export const monthShortLabel = (key: string): string => MONTH_SHORT_FMT.format(utc(`${key}-01`));
/** "2025-03-24" → "Mon". */
export const weekdayLabel = (date: IsoDate): string => WEEKDAY_FMT.format(utc(date));

/** Deadline first, else finish: the date an item is "due". */
export function dueOf(item: {
  deadline: IsoDate | null;
  finish: IsoDate | null;
}): { date: IsoDate; kind: "Deadline" | "Finish" } | null {
  if (item.deadline) return { date: item.deadline, kind: "Deadline" };
  if (item.finish) return { date: item.finish, kind: "Finish" };
  return null;
}

/**
 * Sort by the due date (deadline, else finish), then finish, then item
 * number; items with neither date last.
 */
export function byDueDate(
  a: { deadline: IsoDate | null; finish: IsoDate | null; itemNum: number },
  b: { deadline: IsoDate | null; finish: IsoDate | null; itemNum: number },
): number {
  const last = "9999-99-99";
  return (
    (a.deadline ?? a.finish ?? last).localeCompare(b.deadline ?? b.finish ?? last) ||
    (a.finish ?? last).localeCompare(b.finish ?? last) ||
    a.itemNum - b.itemNum
  );
}

/** item.list inputs shared by the pages (server prefetch) and the views, so the cache keys match. */
export const ACTIVE_QUERY = {
  openOnly: true,
  includeDrafts: false,
  sort: { by: "deadline", dir: "asc" },
  limit: 1000,
} as const;
export const CHRONOLOGY_QUERY = { sort: { by: "deadline", dir: "asc" }, limit: 1000 } as const;
