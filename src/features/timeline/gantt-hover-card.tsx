"use client";

import { SEVERITY_META } from "@/lib/item-meta";
import { useLayoutEffect, useRef, useState } from "react";
import { IndicatorBadge, TypeBadge } from "@/components/ui/badges";
import type { IsoDate } from "@/domain/types";
import { cn } from "@/lib/cn";
import { formatIsoDate } from "@/lib/format";
import { relativeDay } from "@/features/items/view-meta";
import { placementEnd, placementOf, placementStart, severityKey, type TimelineItem } from "./scale";
import { baselineText, type LineSchedule } from "./gantt-line";

export function HoverCard({
  item,
  anchor,
  scrollBox,
  today,
  titles,
  dependents,
  schedule,
}: {
  item: TimelineItem;
  schedule: LineSchedule;
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
  if (schedule.slack)
    rows.push([
      "Slack",
      <span
        key="slack"
        data-testid="timeline-card-slack"
        className={cn(schedule.critical && "font-semibold text-orange-900")}
      >
        {schedule.slack.replace(/^Slack: /, "")}
      </span>,
    ]);
  if (schedule.ghost !== undefined)
    rows.push([
      "Baseline",
      <span key="baseline" data-testid="timeline-card-baseline">
        {baselineText(item, schedule.ghost).replace(/^Baseline /, "")}
      </span>,
    ]);
  if (item.assignedTo) rows.push(["Assignee", item.assignedTo]);
  if (item.workstream) rows.push(["Workstream", item.workstream]);
  const tone = SEVERITY_META[severityKey(item)];

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
