"use client";

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { IndicatorBadge, TypeBadge } from "@/components/ui/badges";
import { dayNumber, isoWeekday } from "@/domain/dates";
import type { IsoDate } from "@/domain/types";
import { cn } from "@/lib/cn";
import { formatIsoDate } from "@/lib/format";
import { SEVERITY_TONE, monthShortLabel, relativeDay } from "@/features/items/view-meta";
import {
  arrowsFor,
  dayTicks,
  dayX,
  extentOf,
  MILESTONE_HALF,
  monthSpans,
  pxPerDay,
  type Placement,
  placementEnd,
  placementOf,
  placementStart,
  type Range,
  firstViewStartDay,
  severityKey,
  type TimelineItem,
  weekTicks,
  type Zoom,
} from "./scale";

export type GanttRow =
  | { kind: "group"; key: string; label: string; count: number }
  | { kind: "item"; item: TimelineItem; placement: Placement };

const ROW_H = 40;
const GROUP_H = 34;
const BAR_H = 20;
const HEAD_H = 52;

/** Dependency arrows: theme variables (src/app/globals.css), so they follow the light and dark themes. */
const ARROW = {
  quiet: "var(--color-slate-500)",
  hi: "var(--color-blue-700)",
  bad: "var(--color-red-700)",
} as const;

const DAY_LETTER = ["M", "T", "W", "T", "F", "S", "S"];
const SHORT_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const shortDate = (iso: IsoDate) => SHORT_DATE.format(new Date(dayNumber(iso) * 86_400_000));

function describe(item: TimelineItem, p: Placement): string {
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
  ];
  return parts.filter(Boolean).join(". ");
}

/**
 * The chart itself: a sticky item column and a sticky week/month axis in one
 * scroll box, bars (buttons, one tab stop each; ↑/↓ move between them), a
 * "today" line, and dependency arrows drawn in SVG under the bars.
 */
export function Gantt({
  rows,
  range,
  zoom,
  today,
  todaySignal,
  onOpen,
  titles,
  dependents,
  showArrows,
}: {
  rows: GanttRow[];
  range: Range;
  zoom: Zoom;
  today: IsoDate;
  /** Bumped by the toolbar's "Today" button. */
  todaySignal: number;
  onOpen: (itemNum: number) => void;
  /** Every item (also the ones not drawn), for the hover card. */
  titles: Map<number, TimelineItem>;
  /** itemNum → items that depend on it. */
  dependents: Map<number, number[]>;
  /** All arrows; when off, only the hovered item's. */
  showArrows: boolean;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const labelRef = useRef<HTMLDivElement>(null);
  // Width of the timeline part, measured before the first paint and on resize (null on the server).
  const [viewWidth, setViewWidth] = useState<number | null>(null);
  const ppd = pxPerDay(zoom, viewWidth);
  const trackW = range.days * ppd;
  const centreDay = useRef<number | null>(null);
  const [active, setActive] = useState<{ itemNum: number; anchor: HTMLElement } | null>(null);

  const laid = useMemo(() => {
    let top = 0;
    return rows.map((row) => {
      const height = row.kind === "group" ? GROUP_H : ROW_H;
      const out = { row, top, height };
      top += height;
      return out;
    });
  }, [rows]);
  const bodyH = laid.length ? laid[laid.length - 1]!.top + laid[laid.length - 1]!.height : 0;

  const arrows = useMemo(
    () =>
      arrowsFor(
        laid.flatMap((l) =>
          l.row.kind === "item"
            ? [{ item: l.row.item, placement: l.row.placement, top: l.top, height: l.height }]
            : [],
        ),
        range,
        ppd,
      ),
    [laid, range, ppd],
  );

  const visibleWidth = useCallback(() => {
    const el = scrollRef.current;
    return el ? el.clientWidth - (labelRef.current?.offsetWidth ?? 0) : 0;
  }, []);

  const scrollToDay = useCallback(
    (day: number, at: number, behavior: ScrollBehavior = "auto") => {
      const el = scrollRef.current;
      if (!el) return;
      el.scrollTo({ left: Math.max(0, (day - range.startDay) * ppd - visibleWidth() * at), behavior });
    },
    [range.startDay, ppd, visibleWidth],
  );

  // Declared before the first-scroll effect below: on a phone the measured width narrows the days
  // before anything is painted, and that effect then places the first view at the final scale.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setViewWidth(visibleWidth());
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [visibleWidth]);

  // First paint: today a third of the way in, or further right so the late work shows too
  // (firstViewStartDay). On zoom: keep the same date in the middle.
  useLayoutEffect(() => {
    if (centreDay.current === null) {
      const visibleDays = visibleWidth() / ppd;
      const placed = laid.flatMap((l) =>
        l.row.kind === "item" ? [{ placement: l.row.placement, severity: severityKey(l.row.item) }] : [],
      );
      scrollToDay(firstViewStartDay(placed, today, visibleDays), 0);
    } else scrollToDay(centreDay.current, 1 / 2);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ppd, range.startDay]);

  useEffect(() => {
    if (todaySignal > 0) scrollToDay(dayNumber(today), 1 / 3, "smooth");
  }, [todaySignal, today, scrollToDay]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (el) centreDay.current = range.startDay + (el.scrollLeft + visibleWidth() / 2) / ppd;
  };

  const moveFocus = (from: HTMLElement, step: 1 | -1) => {
    const bars = Array.from(scrollRef.current?.querySelectorAll<HTMLElement>("[data-bar]") ?? []);
    const i = bars.indexOf(from);
    const next = bars[i + step];
    if (next) {
      next.focus();
      next.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  };

  const todayX = dayX(today, range, ppd) + ppd / 2;
  const months = monthSpans(range);
  const weeks = weekTicks(range);
  const days = zoom === "day" ? dayTicks(range) : [];
  const activeNum = active?.itemNum ?? null;
  const activeRow = laid.find((l) => l.row.kind === "item" && l.row.item.itemNum === activeNum)?.row;

  return (
    <div className="relative">
      <div
        ref={scrollRef}
        onScroll={onScroll}
        data-testid="gantt"
        className="relative max-h-[min(70dvh,48rem)] min-h-64 overflow-auto overscroll-x-contain rounded-xl border border-slate-200 bg-white shadow-sm [--lw:8.5rem] [scroll-padding-left:calc(var(--lw)+1rem)] sm:[--lw:16rem]"
      >
        <div className="relative" style={{ width: `calc(var(--lw) + ${trackW}px)` }}>
          {/* Axis */}
          <div
            className="sticky top-0 z-30 flex border-b border-slate-200 bg-slate-50"
            style={{ height: HEAD_H }}
          >
            <div
              ref={labelRef}
              className="sticky left-0 z-10 flex w-[var(--lw)] shrink-0 items-end border-r border-slate-200 bg-slate-50 px-3 pb-1.5 text-xs font-semibold tracking-wide text-slate-700 uppercase"
            >
              Item
            </div>
            <div className="relative shrink-0" style={{ width: trackW }} aria-hidden="true">
              {months.map((m) => (
                <div
                  key={m.key}
                  className="absolute top-0 flex h-6 items-center border-l border-slate-300 text-xs font-semibold whitespace-nowrap text-slate-800"
                  style={{ left: (m.fromDay - range.startDay) * ppd, width: (m.toDay - m.fromDay) * ppd }}
                >
                  {(m.toDay - m.fromDay) * ppd >= 64 && (
                    <span className="sticky left-[var(--lw)] px-1.5">{monthShortLabel(m.key)}</span>
                  )}
                </div>
              ))}
              {zoom === "day"
                ? days.map((t) => {
                    const wd = isoWeekday(t.date);
                    return (
                      <div
                        key={t.day}
                        className={cn(
                          "absolute top-6 flex h-7 flex-col items-center justify-center text-[11px] leading-tight tabular-nums",
                          wd >= 6 ? "text-slate-500" : "text-slate-700",
                          wd === 1 && "border-l border-slate-200",
                        )}
                        style={{ left: (t.day - range.startDay) * ppd, width: ppd }}
                      >
                        <span>{DAY_LETTER[wd - 1]}</span>
                        <span className="font-medium">{Number(t.date.slice(8))}</span>
                      </div>
                    );
                  })
                : weeks.map((t) => {
                    const x = (t.day - range.startDay) * ppd;
                    // The Today pill sits on this row; a label under it would be unreadable.
                    const covered = x + (zoom === "week" ? 44 : 16) > todayX - 26 && x < todayX + 26;
                    return (
                      <div
                        key={t.day}
                        className="absolute top-6 flex h-7 items-center border-l border-slate-200 pl-1 text-[11px] whitespace-nowrap text-slate-700 tabular-nums"
                        style={{ left: x, width: 7 * ppd }}
                      >
                        {!covered && (zoom === "week" ? shortDate(t.date) : Number(t.date.slice(8)))}
                      </div>
                    );
                  })}
              <div
                className="absolute bottom-0 z-10 -translate-x-1/2 rounded-t bg-red-700 px-1.5 py-px text-[10px] font-semibold tracking-wide text-white uppercase"
                style={{ left: todayX }}
                data-testid="timeline-today-label"
              >
                Today
              </div>
            </div>
          </div>

          {/* Body */}
          <div className="relative" style={{ height: bodyH }}>
            <div
              className="pointer-events-none absolute inset-y-0 left-[var(--lw)]"
              style={{ width: trackW }}
              aria-hidden="true"
            >
              {zoom === "day" &&
                days
                  .filter((t) => isoWeekday(t.date) >= 6)
                  .map((t) => (
                    <div
                      key={t.day}
                      className="absolute inset-y-0 bg-slate-100/70"
                      style={{ left: (t.day - range.startDay) * ppd, width: ppd }}
                    />
                  ))}
              {weeks.map((t) => (
                <div
                  key={t.day}
                  className="absolute inset-y-0 border-l border-slate-100"
                  style={{ left: (t.day - range.startDay) * ppd }}
                />
              ))}
              {months.map((m) => (
                <div
                  key={m.key}
                  className="absolute inset-y-0 border-l border-slate-300"
                  style={{ left: (m.fromDay - range.startDay) * ppd }}
                />
              ))}
            </div>

            <svg
              className="pointer-events-none absolute inset-y-0 left-[var(--lw)] z-[1] overflow-visible"
              width={trackW}
              height={bodyH}
              aria-hidden="true"
            >
              <defs>
                {(
                  [
                    ["arrow", ARROW.quiet],
                    ["arrow-hi", ARROW.hi],
                    ["arrow-bad", ARROW.bad],
                  ] as const
                ).map(([id, fill]) => (
                  <marker
                    key={id}
                    id={`gantt-${id}`}
                    viewBox="0 0 8 8"
                    refX="7"
                    refY="4"
                    markerWidth="7"
                    markerHeight="7"
                    orient="auto"
                  >
                    <path d="M0,0 L8,4 L0,8 z" fill={fill} />
                  </marker>
                ))}
              </defs>
              {arrows.map((a) => {
                const hi = activeNum !== null && (a.from === activeNum || a.to === activeNum);
                const dim = activeNum !== null && !hi;
                if (!showArrows && !hi) return null;
                // Quiet by default (slate; dashed when the order is violated); the hovered item's arrows stand out.
                const kind = hi ? (a.conflict ? "arrow-bad" : "arrow-hi") : "arrow";
                const stroke = hi ? (a.conflict ? ARROW.bad : ARROW.hi) : ARROW.quiet;
                return (
                  <path
                    key={`${a.from}-${a.to}`}
                    d={a.path}
                    fill="none"
                    stroke={stroke}
                    strokeWidth={hi ? 2 : 1}
                    strokeDasharray={a.conflict ? "4 3" : undefined}
                    strokeLinejoin="round"
                    opacity={dim ? 0.12 : hi ? 1 : 0.45}
                    markerEnd={`url(#gantt-${kind})`}
                    data-conflict={a.conflict || undefined}
                    data-arrow={`${a.from}-${a.to}`}
                  />
                );
              })}
            </svg>

            {/* Today */}
            <div
              className="pointer-events-none absolute inset-y-0 z-[3] w-0.5 -translate-x-1/2 bg-red-600"
              style={{ left: `calc(var(--lw) + ${todayX}px)` }}
              data-testid="timeline-today"
              aria-hidden="true"
            />

            <ul aria-label="Items on the timeline">
              {laid.map(({ row, height }) =>
                row.kind === "group" ? (
                  <li key={`g-${row.key}`} className="flex bg-slate-50/90" style={{ height }}>
                    <div className="sticky left-0 z-10 flex w-[var(--lw)] shrink-0 items-center gap-2 border-r border-b border-slate-200 bg-slate-50 px-3 max-sm:px-2">
                      <span className="truncate text-xs font-semibold tracking-wide text-slate-800 uppercase">
                        {row.label}
                      </span>
                      <span className="rounded-full bg-white px-1.5 text-xs font-medium text-slate-700 tabular-nums ring-1 ring-slate-300 ring-inset">
                        {row.count}
                      </span>
                    </div>
                    <div className="shrink-0 border-b border-slate-200" style={{ width: trackW }} />
                  </li>
                ) : (
                  <ItemLine
                    key={row.item.itemNum}
                    item={row.item}
                    placement={row.placement}
                    height={height}
                    range={range}
                    ppd={ppd}
                    trackW={trackW}
                    active={row.item.itemNum === activeNum}
                    onOpen={onOpen}
                    onActive={(anchor) => setActive(anchor ? { itemNum: row.item.itemNum, anchor } : null)}
                    onMove={moveFocus}
                  />
                ),
              )}
            </ul>
          </div>
        </div>
      </div>

      {active && activeRow?.kind === "item" && (
        <HoverCard
          item={activeRow.item}
          anchor={active.anchor}
          scrollBox={scrollRef.current}
          today={today}
          titles={titles}
          dependents={dependents.get(activeRow.item.itemNum) ?? []}
        />
      )}
    </div>
  );
}

function ItemLine({
  item,
  placement: p,
  height,
  range,
  ppd,
  trackW,
  active,
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
  onOpen: (n: number) => void;
  onActive: (anchor: HTMLElement | null) => void;
  onMove: (from: HTMLElement, step: 1 | -1) => void;
}) {
  const sev = severityKey(item);
  const tone = SEVERITY_TONE[sev];
  const ext = extentOf(p, range, ppd);
  const deadlineX =
    item.deadline && !(p.kind === "milestone" && p.label === "Deadline")
      ? dayX(item.deadline, range, ppd) + ppd / 2
      : null;
  const handlers = {
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
        {p.kind === "bar" ? (
          <button
            type="button"
            data-bar={item.itemNum}
            data-severity={sev}
            aria-label={describe(item, p)}
            {...handlers}
            className={cn(
              "absolute z-[2] overflow-hidden rounded-md ring-1 ring-inset transition-shadow hover:shadow-md",
              item.draft
                ? "border border-dashed border-slate-500 bg-white ring-0"
                : cn(tone.light, tone.ring),
              active && "shadow-md ring-2",
              focusRing,
            )}
            style={{ left: ext.left, width: ext.right - ext.left, top: (height - BAR_H) / 2, height: BAR_H }}
          >
            <span
              aria-hidden="true"
              className={cn("absolute inset-y-0 left-0", tone.solid)}
              style={{ width: `${item.percentComplete}%` }}
            />
          </button>
        ) : (
          <button
            type="button"
            data-bar={item.itemNum}
            data-severity={sev}
            aria-label={describe(item, p)}
            {...handlers}
            className={cn(
              "absolute z-[2] flex items-center justify-center",
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

function HoverCard({
  item,
  anchor,
  scrollBox,
  today,
  titles,
  dependents,
}: {
  item: TimelineItem;
  anchor: HTMLElement;
  scrollBox: HTMLElement | null;
  today: IsoDate;
  titles: Map<number, TimelineItem>;
  dependents: number[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);

  useLayoutEffect(() => {
    const place = () => {
      const card = ref.current;
      if (!card) return;
      const a = anchor.getBoundingClientRect();
      const box = scrollBox?.getBoundingClientRect();
      const w = card.offsetWidth;
      const h = card.offsetHeight;
      const minLeft = Math.max(8, box ? box.left : 8);
      const left = Math.min(Math.max(a.left, minLeft), window.innerWidth - w - 8);
      const below = a.bottom + 8;
      const top = below + h <= window.innerHeight - 8 ? below : Math.max(8, a.top - h - 8);
      setPos({ left, top });
    };
    place();
    window.addEventListener("scroll", place, true);
    window.addEventListener("resize", place);
    return () => {
      window.removeEventListener("scroll", place, true);
      window.removeEventListener("resize", place);
    };
  }, [anchor, scrollBox, item.itemNum]);

  const rows: [string, React.ReactNode][] = [
    ["Start", item.start ? formatIsoDate(item.start) : "—"],
    ["Finish", item.finish ? formatIsoDate(item.finish) : "—"],
  ];
  if (item.deadline)
    rows.push([
      "Deadline",
      <>
        {formatIsoDate(item.deadline)}{" "}
        <span className="text-slate-600">({relativeDay(item.deadline, today)})</span>
      </>,
    ]);
  if (item.duration !== null)
    rows.push(["Duration", `${item.duration} business day${item.duration === 1 ? "" : "s"}`]);
  if (item.assignedTo) rows.push(["Assignee", item.assignedTo]);
  if (item.workstream) rows.push(["Workstream", item.workstream]);
  const tone = SEVERITY_TONE[severityKey(item)];

  return (
    <div
      ref={ref}
      role="tooltip"
      data-testid="timeline-card"
      className="pointer-events-none fixed z-50 w-72 rounded-xl border border-slate-200 bg-white p-3 text-sm shadow-xl ring-1 ring-black/5"
      style={{ left: pos?.left ?? -9999, top: pos?.top ?? -9999 }}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-semibold text-slate-600 tabular-nums">#{item.itemNum}</span>
        <TypeBadge type={item.type} />
        {item.draft ? (
          <span className="rounded-full bg-white px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-300 ring-inset">
            Draft
          </span>
        ) : (
          <IndicatorBadge indicator={item.indicator} />
        )}
      </div>
      <p className="mt-2 line-clamp-3 font-semibold break-words text-slate-900">{item.title}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-600">{k}</dt>
            <dd className="text-slate-900">{v}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-2">
        <div className="flex justify-between text-xs text-slate-700">
          <span>Progress</span>
          <span className="font-medium tabular-nums">{item.percentComplete}%</span>
        </div>
        <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-200">
          <div className={cn("h-full", tone.solid)} style={{ width: `${item.percentComplete}%` }} />
        </div>
      </div>
      {(item.dependsOn.length > 0 || dependents.length > 0) && (
        <div className="mt-2 flex flex-col gap-1 border-t border-slate-100 pt-2 text-xs">
          {item.dependsOn.length > 0 && (
            <DepList
              label="Depends on"
              nums={item.dependsOn}
              items={titles}
              late={(other) => startsBeforeEnd(item, other)}
              lateText="finishes after this starts"
            />
          )}
          {dependents.length > 0 && (
            <DepList
              label="Blocks"
              nums={dependents}
              items={titles}
              late={(other) => startsBeforeEnd(other, item)}
              lateText="starts before this finishes"
            />
          )}
        </div>
      )}
      <p className="mt-2 text-xs text-slate-600">Click or press Enter to open</p>
    </div>
  );
}

/** Does `succ` start before `pred` ends (a finish-to-start dependency out of order)? */
function startsBeforeEnd(succ: TimelineItem, pred: TimelineItem): boolean {
  const a = placementOf(succ);
  const b = placementOf(pred);
  return !!a && !!b && placementStart(a) < placementEnd(b);
}

function DepList({
  label,
  nums,
  items,
  late,
  lateText,
}: {
  label: string;
  nums: number[];
  items: Map<number, TimelineItem>;
  late: (other: TimelineItem) => boolean;
  lateText: string;
}) {
  return (
    <div>
      <span className="font-medium text-slate-700">{label}:</span>
      <ul className="mt-0.5 flex flex-col gap-0.5">
        {nums.slice(0, 4).map((n) => {
          const other = items.get(n);
          return (
            <li key={n} className="truncate text-slate-800">
              #{n}
              {other && <span className="text-slate-600"> {other.title}</span>}
              {other && late(other) && <span className="block font-medium text-red-700">↳ {lateText}</span>}
            </li>
          );
        })}
        {nums.length > 4 && <li className="text-slate-600">and {nums.length - 4} more</li>}
      </ul>
    </div>
  );
}
