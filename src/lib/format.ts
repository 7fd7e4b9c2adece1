/**
 * Display formatting. Calendar dates (`YYYY-MM-DD`) are formatted in UTC so
 * no time zone can move them to the day before.
 */
import { formatDay } from "@/domain/dates";

const DATE_FMT = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

const DATE_TIME_FMT = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** "2025-03-07" → "7 Mar 2025" (the one date format: src/domain/dates.ts); null → "". */
export function formatIsoDate(date: string | null | undefined): string {
  return date ? formatDay(date) : "";
}

export function formatDateRange(start: string | null, end: string | null): string {
  if (start && end) return `${formatIsoDate(start)} – ${formatIsoDate(end)}`;
  if (start) return `From ${formatIsoDate(start)}`;
  if (end) return `Until ${formatIsoDate(end)}`;
  return "";
}

export function formatDateTime(d: Date | string | null | undefined): string {
  if (!d) return "";
  return DATE_TIME_FMT.format(new Date(d));
}

const RTF = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "5 min ago", "yesterday", "3 days ago"; past a month the date itself. */
export function formatRelative(d: Date | string | null | undefined, now: Date = new Date()): string {
  if (!d) return "";
  const date = new Date(d);
  const secs = Math.round((date.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(secs);
  if (abs < 45) return "just now";
  if (abs < 3600) return RTF.format(Math.round(secs / 60), "minute");
  if (abs < 86_400) return RTF.format(Math.round(secs / 3600), "hour");
  if (abs < 30 * 86_400) return RTF.format(Math.round(secs / 86_400), "day");
  return DATE_FMT.format(date);
}

/** Local calendar date of the browser as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

export function initials(name: string | null | undefined, email?: string | null): string {
  const source = (name ?? "").trim() || (email ?? "").split("@")[0] || "?";
  const parts = source.split(/[\s._-]+/).filter(Boolean);
  const letters = parts.length > 1 ? `${parts[0]![0]}${parts[parts.length - 1]![0]}` : source.slice(0, 2);
  return letters.toUpperCase();
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

export const ROLE_LABEL: Record<string, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
  project_manager: "Project manager",
  team_member: "Team member",
  viewer: "Viewer",
};
