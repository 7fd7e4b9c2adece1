/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings. Everything is done in UTC
 * on day numbers so no local time zone can shift a date.
 */
import type { IsoDate } from "./types";

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== "string") return false;
  const m = ISO_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** Days since 1970-01-01 for a calendar date. */
export function dayNumber(date: IsoDate): number {
  const m = ISO_RE.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** b − a in calendar days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** A DATE column value (a Date at UTC midnight, as Prisma returns it) to IsoDate. */
export function dateToIso(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

/** IsoDate to the Date Prisma expects for a DATE column (UTC midnight). */
export function isoToDate(date: IsoDate): Date {
  return new Date(dayNumber(date) * MS_PER_DAY);
}

/** Today's calendar date in a time zone (default: the server's configured zone, else UTC). */
/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

export function todayIn(timeZone = "UTC", now: Date = new Date()): IsoDate {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(timeZone, f);
  }
  return f.format(now); // en-CA formats as YYYY-MM-DD
}

/** Monday=1 … Sunday=7 */
export function isoWeekday(date: IsoDate): number {
  const d = new Date(dayNumber(date) * MS_PER_DAY).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * Working days (Mon–Fri) from start to finish, both counted; 0 when finish is
 * before start. Constant time: whole weeks count five, then the remainder.
 */
export function businessDaysBetween(start: IsoDate, finish: IsoDate): number {
  const days = dayNumber(finish) - dayNumber(start) + 1;
  if (days <= 0) return 0;
  const weeks = Math.floor(days / 7);
  let count = weeks * 5;
  let wd = isoWeekday(start);
  for (let i = 0; i < days % 7; i++) {
    if (wd <= 5) count++;
    wd = wd === 7 ? 1 : wd + 1;
  }
  return count;
}

export function monthKey(date: IsoDate): string {
  return date.slice(0, 7);
}

const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** "March", "mar", "Sept" → 3 / 3 / 9; null when it is no month (at least 3 letters). */
export function monthFromName(name: string): number | null {
  const n = name.toLowerCase();
  const i = MONTH_NAMES.findIndex((m) => m === n || (n.length >= 3 && m.startsWith(n)));
  return i < 0 ? null : i + 1;
}

/** Year, month, day → IsoDate, or null for an impossible date (2025-02-30). */
export function isoFromParts(year: number, month: number, day: number): IsoDate | null {
  const iso = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

const DAY_FMT = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/**
 * A calendar date as people read it everywhere in the app: "2026-12-03" → "3 Dec 2026", null → "—"
 * (in UTC, so no time zone moves it); anything that is not a `YYYY-MM-DD` date is returned as is.
 */
export function formatDay(date: string | null): string {
  if (date === null) return "—";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return DAY_FMT.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}
