"use client";

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { dayNumber, isoWeekday } from "@/domain/dates";
import type { IsoDate } from "@/domain/types";
import { cn } from "@/lib/cn";
import { monthShortLabel } from "@/features/items/view-meta";
import {
  arrowsFor,
  dayTicks,
  dayX,
  monthSpans,
  pxPerDay,
  type Placement,
  type Range,
  firstViewStartDay,
  severityKey,
  type TimelineItem,
  weekTicks,
  type Zoom,
} from "./scale";
import {
  ARROW,
  DAY_LETTER,
  GROUP_H,
  HEAD_H,
  ItemLine,
  type LineSchedule,
  ROW_H,
  shortDate,
} from "./gantt-line";
import { HoverCard } from "./gantt-hover-card";
import { type CpmInfo, linkKey, slackLabel } from "./schedule";

/** The schedule overlays (src/features/timeline/use-schedule-overlay.ts). */
export type GanttOverlay = {
  /** The CPM per scheduled item; null while project.criticalPath loads (or failed). */
  cpm: ReadonlyMap<number, CpmInfo> | null;
  /** The "Critical path" toggle. */
  showCritical: boolean;
  /** Keys (`from-to`) of the dependency arrows on the critical path. */
  criticalLinks: ReadonlySet<string>;
  /** The compared baseline's dates per item; null when not comparing. */
  ghosts: ReadonlyMap<number, { start: IsoDate | null; finish: IsoDate | null }> | null;
};

function lineSchedule(item: TimelineItem, o: GanttOverlay): LineSchedule {
  const info = o.cpm?.get(item.itemNum);
  return {
    slack: o.cpm ? slackLabel(info, item) : null,
    critical: info?.slack === 0,
    showCritical: o.showCritical,
    // Drafts are in neither plan of a comparison.
    ghost: o.ghosts && !item.draft ? (o.ghosts.get(item.itemNum) ?? null) : undefined,
  };
}

export type GanttRow =
  | { kind: "group"; key: string; label: string; count: number }
  | { kind: "item"; item: TimelineItem; placement: Placement };

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
  overlay,
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
  /** All arrows; when off, only the hovered item's (and the critical path's, when shown). */
  showArrows: boolean;
  overlay: GanttOverlay;
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

  // The critical path's arrows are drawn last, over the others.
  const drawnArrows = useMemo(() => {
    if (!overlay.showCritical || overlay.criticalLinks.size === 0) return arrows;
    const onPath = (a: (typeof arrows)[number]) => overlay.criticalLinks.has(linkKey(a.from, a.to));
    return [...arrows.filter((a) => !onPath(a)), ...arrows.filter(onPath)];
  }, [arrows, overlay.showCritical, overlay.criticalLinks]);

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
                    // The Today pill sits on this row: a label it would cover moves past the pill
                    // when the week has room there, and is left out only when it has none.
                    const labelW = zoom === "week" ? 36 : 16;
                    const covered = x + labelW > todayX - 26 && x < todayX + 26;
                    const shift = covered && todayX + 26 + labelW <= x + 7 * ppd ? todayX + 26 - x : 0;
                    return (
                      <div
                        key={t.day}
                        className="absolute top-6 flex h-7 items-center border-l border-slate-200 pl-1 text-[11px] whitespace-nowrap text-slate-700 tabular-nums"
                        style={{ left: x, width: 7 * ppd }}
                      >
                        {(!covered || shift > 0) && (
                          <span
                            data-testid="timeline-scale-label"
                            style={shift ? { marginLeft: shift - 4 } : undefined}
                          >
                            {zoom === "week" ? shortDate(t.date) : Number(t.date.slice(8))}
                          </span>
                        )}
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
                    ["arrow-cp", ARROW.critical],
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
              {drawnArrows.map((a) => {
                const hi = activeNum !== null && (a.from === activeNum || a.to === activeNum);
                const crit = overlay.showCritical && overlay.criticalLinks.has(linkKey(a.from, a.to));
                const dim = (activeNum !== null && !hi) || (overlay.showCritical && !crit && !hi);
                if (!showArrows && !hi && !crit) return null;
                // Quiet by default (slate; dashed when the order is violated); the hovered item's arrows
                // stand out, and so does the critical path when it is shown.
                const kind = hi ? (a.conflict ? "arrow-bad" : "arrow-hi") : crit ? "arrow-cp" : "arrow";
                const stroke = hi ? (a.conflict ? ARROW.bad : ARROW.hi) : crit ? ARROW.critical : ARROW.quiet;
                return (
                  <path
                    key={`${a.from}-${a.to}`}
                    d={a.path}
                    fill="none"
                    stroke={stroke}
                    strokeWidth={hi ? 2 : crit ? 2.5 : 1}
                    strokeDasharray={a.conflict ? "4 3" : undefined}
                    strokeLinejoin="round"
                    opacity={dim ? 0.12 : hi || crit ? 1 : 0.45}
                    markerEnd={`url(#gantt-${kind})`}
                    data-conflict={a.conflict || undefined}
                    data-critical={crit || undefined}
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
                    schedule={lineSchedule(row.item, overlay)}
                    onOpen={onOpen}
                    onActive={(anchor) =>
                      // Leaving one bar (mouse out, blur) closes only its own card: a pointer that a
                      // scroll moved off some other bar must not close the card of the focused one.
                      setActive((cur) =>
                        anchor
                          ? { itemNum: row.item.itemNum, anchor }
                          : cur?.itemNum === row.item.itemNum
                            ? null
                            : cur,
                      )
                    }
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
          schedule={lineSchedule(activeRow.item, overlay)}
        />
      )}
    </div>
  );
}
