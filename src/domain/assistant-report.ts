/** The assistant's "weekly status report" and "what changed?" requests (SPEC §14), offline mode included. Pure. */
import { addDays, isIsoDate, isoWeekday } from "./dates";
import type { IsoDate } from "./types";

/** "status report", "write this week's status", "weekly report", "write the status". */
export function asksForStatusReport(question: string): boolean {
  const t = question.toLowerCase().replace(/[’`]/g, "'").replace(/\s+/g, " ");
  return /\bstatus\s+report\b|\bthis\s+week'?s\s+status\b|\bweekly\s+(?:status\s+)?report\b|\bwrite\s+(?:up\s+)?(?:the\s+|a\s+|our\s+)?(?:weekly\s+)?status\b/.test(
    t,
  );
}

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/**
 * "What changed since Monday / this week / this month / since 2026-11-20 / in
 * the last 7 days?" → the date to report changes from; null when the question
 * is not about changes. "Since <weekday>" is the latest such day before today;
 * no period given means the last 7 days.
 */
export function asksWhatChanged(question: string, today: IsoDate): { since: IsoDate } | null {
  const t = question.toLowerCase().replace(/[’`]/g, "'").replace(/\s+/g, " ");
  if (!/\bwhat(?:'s| has| have)? (?:changed|happened|moved)\b|\bchanges? since\b|\brecent changes\b/.test(t))
    return null;
  const date = /\b(\d{4}-\d{2}-\d{2})\b/.exec(t)?.[1];
  if (date && isIsoDate(date) && date <= today) return { since: date };
  const day = new RegExp(`\\bsince (?:last )?(${WEEKDAYS.join("|")})\\b`).exec(t)?.[1];
  if (day) {
    const back = (isoWeekday(today) - (WEEKDAYS.indexOf(day) + 1) + 7) % 7 || 7;
    return { since: addDays(today, -back) };
  }
  if (/\bthis month\b/.test(t)) return { since: `${today.slice(0, 8)}01` };
  if (/\bthis week\b/.test(t)) return { since: addDays(today, -(isoWeekday(today) - 1)) };
  if (/\byesterday\b/.test(t)) return { since: addDays(today, -1) };
  if (/\btoday\b/.test(t)) return { since: today };
  const n = /\b(?:last|past) (\d{1,3}) days?\b/.exec(t)?.[1];
  if (n) return { since: addDays(today, -Number(n)) };
  return { since: addDays(today, -7) };
}
