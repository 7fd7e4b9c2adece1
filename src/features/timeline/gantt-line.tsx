"use client";

import { SEVERITY_META } from "@/lib/item-meta";
import { dayNumber } from "@/domain/dates";
import type { IsoDate } from "@/domain/types";
import { cn } from "@/lib/cn";
import { formatIsoDate } from "@/lib/format";
import {
  dayX,
  extentOf,
  MILESTONE_HALF,
  type Placement,
  type Range,
  severityKey,
  type TimelineItem,
} from "./scale";
import { finishShift, ghostExtent, shiftTag, shiftText } from "./schedule";

/** What the schedule overlays add to one line: slack, critical-path mode, the baseline's ghost. */
export type LineSchedule = {
  /** The slack in words (null while the critical path loads). */
  slack: string | null;
  /** Slack 0: on the critical path. */
  critical: boolean;
  /** The "Critical path" toggle is on: critical items are framed, the rest dimmed. */
  showCritical: boolean;
  /** Comparing with a baseline: its start–finish for this item, or null when the item is not in it. */
  ghost?: { start: IsoDate | null; finish: IsoDate | null } | null;
};

export const ROW_H = 40;
export const GROUP_H = 34;
const BAR_H = 20;
export const HEAD_H = 52;

/** Dependency arrows: theme variables (src/app/globals.css), so they follow the light and dark themes. */
export const ARROW = {
  quiet: "var(--color-slate-500)",
  hi: "var(--color-blue-700)",
  bad: "var(--color-red-700)",
  critical: "var(--color-orange-600)",
} as const;

export const DAY_LETTER = ["M", "T", "W", "T", "F", "S", "S"];
const SHORT_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
export const shortDate = (iso: IsoDate) => SHORT_DATE.format(new Date(dayNumber(iso) * 86_400_000));

function describe(item: TimelineItem, p: Placement, sched: LineSchedule): string {
  const when =
    p.kind === "bar"
      ? `${formatIsoDate(p.from)} to ${formatIsoDate(p.to)}`
      : `${p.label === "Deadline" ? "deadline" : p.label === "Start" ? "starts" : "finishes"} ${formatIsoDate(p.at)}`;
  const parts = [
    `#${item.itemNum} ${item.title}`,
    item.indicator ?? (item.draft ? "Draft" : "No indicator"),
    when,
    p.kind === "bar" && item.deadline ? `deadline ${formatIsoDate(item.deadline)}` : null,
    `${item.percentComplete}% complete`,
    item.dependsOn.length ? `depends on ${item.dependsOn.map((n) => `#${n}`).join(", ")}` : null,
    sched.critical ? "On the critical path" : null,
    sched.slack,
    sched.ghost === undefined ? null : baselineText(item, sched.ghost),
  ];
  return parts.filter(Boolean).join(". ");
}

/** The baseline in words for a bar's label and hover card. */
export function baselineText(
  item: Pick<TimelineItem, "finish">,
  ghost: { start: IsoDate | null; finish: IsoDate | null } | null,
): string {
  if (!ghost) return "Not in the baseline (added since)";
  const when =
    ghost.start && ghost.finish
      ? `${formatIsoDate(ghost.start)} to ${formatIsoDate(ghost.finish)}`
      : ghost.finish
        ? `finish ${formatIsoDate(ghost.finish)}`
        : ghost.start
          ? `start ${formatIsoDate(ghost.start)}`
          : "no dates";
  const shift = finishShift(ghost.finish, item.finish);
  return `Baseline ${when}${shift === null ? "" : `, finishes ${shiftText(shift)}`}`;
}

export function ItemLine({
  item,
  placement: p,
  height,
  range,
  ppd,
  trackW,
  active,
  schedule: sched,
  onOpen,
  onActive,
  onMove,
}: {
  item: TimelineItem;
  placement: Placement;
  height: number;
  range: Range;
  ppd: number;
  trackW: number;
  active: boolean;
  schedule: LineSchedule;
  onOpen: (n: number) => void;
  onActive: (anchor: HTMLElement | null) => void;
  onMove: (from: HTMLElement, step: 1 | -1) => void;
}) {
  const sev = severityKey(item);
  const tone = SEVERITY_META[sev];
  const ext = extentOf(p, range, ppd);
  const deadlineX =
    item.deadline && !(p.kind === "milestone" && p.label === "Deadline")
      ? dayX(item.deadline, range, ppd) + ppd / 2
      : null;
  /** What the bar and the milestone button have in common: what it is, and how it is used. */
  const markProps = {
    type: "button" as const,
    "data-bar": item.itemNum,
    "data-severity": sev,
    "data-critical": sched.critical || undefined,
    "aria-label": describe(item, p, sched),
    onClick: () => onOpen(item.itemNum),
    onMouseEnter: (e: React.MouseEvent<HTMLElement>) => onActive(e.currentTarget),
    onMouseLeave: () => onActive(null),
    onFocus: (e: React.FocusEvent<HTMLElement>) => onActive(e.currentTarget),
    onBlur: () => onActive(null),
    onKeyDown: (e: React.KeyboardEvent<HTMLElement>) => {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        onMove(e.currentTarget, e.key === "ArrowDown" ? 1 : -1);
      } else if (e.key === "Escape") {
        onActive(null);
      }
    },
  };
  const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700";
  const framed = sched.showCritical && sched.critical;
  const dimmed = sched.showCritical && !sched.critical;
  const barTop = (height - BAR_H) / 2;
  const markW = p.kind === "bar" ? ext.right - ext.left : MILESTONE_HALF * 2;
  const ghost = sched.ghost ? ghostExtent(sched.ghost, range, ppd) : null;
  const shift = sched.ghost ? finishShift(sched.ghost.finish, item.finish) : null;
  const tagX = Math.max(ext.left + markW, ghost ? ghost.left + ghost.width : 0) + 6;
  return (
    <li
      className={cn("group flex", active && "bg-blue-50/60")}
      style={{ height }}
      data-item-num={item.itemNum}
    >
      <div
        aria-hidden="true"
        onClick={() => onOpen(item.itemNum)}
        title={item.title}
        className={cn(
          "sticky left-0 z-10 flex w-[var(--lw)] shrink-0 cursor-pointer items-center gap-2 border-r border-b border-r-slate-200 border-b-slate-100 px-3 text-sm max-sm:gap-1.5 max-sm:px-2",
          active ? "bg-blue-50" : "bg-white group-hover:bg-slate-50",
        )}
      >
        <span className={cn("size-2 shrink-0 rounded-full", tone.solid)} />
        {framed && (
          <span className="shrink-0 rounded bg-orange-100 px-1 text-[10px] leading-4 font-bold text-orange-900 ring-1 ring-orange-600 ring-inset">
            CP
          </span>
        )}
        <span className="min-w-0 max-sm:line-clamp-2 max-sm:text-xs max-sm:leading-tight sm:truncate">
          <span className="font-medium text-slate-600 tabular-nums">#{item.itemNum}</span>{" "}
          <span className="text-slate-900">{item.title}</span>
        </span>
      </div>
      <div className="relative shrink-0 border-b border-slate-100" style={{ width: trackW }}>
        {deadlineX !== null && (
          <span
            aria-hidden="true"
            className="absolute z-[2] w-0.5 bg-slate-900"
            style={{ left: deadlineX - 1, top: (height - 28) / 2, height: 28 }}
            title={`Deadline ${formatIsoDate(item.deadline)}`}
          >
            <span className="absolute -top-px left-0.5 border-y-[4px] border-l-[7px] border-y-transparent border-l-slate-900" />
          </span>
        )}
        {ghost && (
          <span
            aria-hidden="true"
            data-ghost={item.itemNum}
            title={baselineText(item, sched.ghost ?? null)}
            className="absolute z-[1] rounded-sm border border-dashed border-slate-600 bg-slate-400/40"
            style={{ left: ghost.left, width: ghost.width, top: barTop + BAR_H + 2, height: 6 }}
          />
        )}
        {sched.ghost !== undefined && (shift || sched.ghost === null) ? (
          <span
            aria-hidden="true"
            data-shift={item.itemNum}
            className={cn(
              "absolute z-[2] text-[10px] leading-none font-semibold whitespace-nowrap tabular-nums",
              sched.ghost === null ? "text-slate-700" : shift! > 0 ? "text-red-700" : "text-green-800",
            )}
            style={{ left: tagX, top: barTop + BAR_H - 8 }}
          >
            {sched.ghost === null ? "new" : shiftTag(shift!)}
          </span>
        ) : null}
        {framed && (
          <span
            aria-hidden="true"
            data-critical-frame={item.itemNum}
            className="pointer-events-none absolute z-[2] rounded-lg border-2 border-orange-600"
            style={{
              left: ext.left - 3,
              width: markW + 6,
              top: (p.kind === "bar" ? barTop : (height - MILESTONE_HALF * 2) / 2) - 3,
              height: (p.kind === "bar" ? BAR_H : MILESTONE_HALF * 2) + 6,
            }}
          />
        )}
        {p.kind === "bar" ? (
          <button
            {...markProps}
            className={cn(
              "absolute z-[2] overflow-hidden rounded-md ring-1 ring-inset transition-shadow hover:shadow-md",
              item.draft
                ? "border border-dashed border-slate-500 bg-white ring-0"
                : cn(tone.light, tone.ring),
              active && "shadow-md ring-2",
              dimmed && !active && "opacity-40",
              focusRing,
            )}
            style={{ left: ext.left, width: ext.right - ext.left, top: barTop, height: BAR_H }}
          >
            <span
              aria-hidden="true"
              className={cn("absolute inset-y-0 left-0", tone.solid)}
              style={{ width: `${item.percentComplete}%` }}
            />
          </button>
        ) : (
          <button
            {...markProps}
            className={cn(
              "absolute z-[2] flex items-center justify-center",
              dimmed && !active && "opacity-40",
              focusRing,
              "focus-visible:outline-offset-1",
            )}
            style={{
              left: ext.left,
              width: MILESTONE_HALF * 2,
              top: (height - MILESTONE_HALF * 2) / 2,
              height: MILESTONE_HALF * 2,
            }}
          >
            <span
              aria-hidden="true"
              className={cn("size-[10px] rotate-45 ring-2 ring-white", tone.solid, active && "scale-125")}
            />
          </button>
        )}
      </div>
    </li>
  );
}
