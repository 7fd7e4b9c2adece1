"use client";

import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import { SEVERITY_META } from "@/lib/item-meta";

/**
 * The chart's key; the schedule entries show while their overlay is on. On a
 * phone it is two columns of entries whose labels wrap, so it never runs off a
 * 390 px screen; no entry depends on a mouse to be understood.
 */
export function Legend({ showCritical, comparing }: { showCritical: boolean; comparing: boolean }) {
  const sevs = ["critical", "warning", "active", "upcoming", "completed", "done"] as const;
  return (
    <div
      className="grid grid-cols-2 gap-x-3 gap-y-2 text-xs text-slate-700 sm:flex sm:flex-wrap sm:items-center sm:gap-x-4 [&>span]:min-w-0 [&>span>*:first-child]:shrink-0"
      aria-label="Legend"
      role="group"
    >
      {sevs.map((s) => (
        <span key={s} className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className={cn("h-2.5 w-5 rounded-sm", SEVERITY_META[s].solid)} />
          {SEVERITY_META[s].label}
        </span>
      ))}
      <span className="inline-flex items-center gap-1.5">
        <span
          aria-hidden="true"
          className="h-2.5 w-5 rounded-sm border border-dashed border-slate-500 bg-white"
        />
        Draft
      </span>
      <span className="inline-flex items-center gap-1.5">
        <span
          aria-hidden="true"
          className="relative h-2.5 w-5 overflow-hidden rounded-sm bg-blue-100 ring-1 ring-blue-400 ring-inset"
        >
          <span className="absolute inset-y-0 left-0 w-1/2 bg-blue-600" />
        </span>
        Filled share = % complete
      </span>
      <span className="inline-flex items-center gap-1.5">
        <span aria-hidden="true" className="size-2 rotate-45 bg-slate-500" />
        Milestone (one date)
      </span>
      <span className="inline-flex items-center gap-1.5">
        <span aria-hidden="true" className="h-3.5 w-0.5 rounded-full bg-slate-900" />
        Deadline
      </span>
      <span className="inline-flex items-center gap-1.5">
        <LegendArrow colour="slate-500" width={1.5} />
        Depends on
      </span>
      <span className="inline-flex items-center gap-1.5">
        <LegendArrow colour="slate-500" width={1.5} dashed />
        Starts before its prerequisite finishes (red while its item is pointed at or focused)
      </span>
      <span className="inline-flex items-center gap-1.5">
        <span aria-hidden="true" className="h-3.5 w-0.5 bg-red-600" />
        Today
      </span>
      {showCritical && (
        <>
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="rounded-md border-2 border-orange-600 p-0.5">
              <span className="block h-2 w-4 rounded-sm bg-blue-100 ring-1 ring-blue-400 ring-inset" />
            </span>
            <span
              aria-hidden="true"
              className="rounded bg-orange-100 px-1 text-[10px] leading-4 font-bold text-orange-900 ring-1 ring-orange-600 ring-inset"
            >
              CP
            </span>
            Critical path: no slack (other items faded)
          </span>
          <span className="inline-flex items-center gap-1.5">
            <LegendArrow colour="orange-600" width={2.5} />
            Critical dependency
          </span>
        </>
      )}
      {comparing && (
        <>
          <span className="inline-flex items-center gap-1.5">
            <span
              aria-hidden="true"
              className="h-1.5 w-5 rounded-sm border border-dashed border-slate-600 bg-slate-400/40"
            />
            Baseline dates (ghost bar)
          </span>
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="text-[10px] font-semibold text-red-700 tabular-nums">
              +5d
            </span>
            /
            <span aria-hidden="true" className="text-[10px] font-semibold text-green-800 tabular-nums">
              −2d
            </span>
            Finish later / earlier than the baseline
          </span>
        </>
      )}
    </div>
  );
}

/** The controls and chart while the page loads (its loading.tsx). */
export function TimelineSkeleton() {
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap gap-3">
        <Skeleton className="h-9 w-52" />
        <Skeleton className="h-9 w-24" />
        <Skeleton className="h-9 w-48" />
      </div>
      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
        <Skeleton className="h-12 rounded-none" />
        {Array.from({ length: 9 }, (_, i) => (
          <div key={i} className="flex h-10 items-center gap-3 border-t border-slate-100 px-3">
            <Skeleton className="h-4 w-24 sm:w-52" />
            <div className="flex-1">
              <div style={{ marginLeft: `${(i * 37) % 50}%`, width: `${15 + ((i * 23) % 30)}%` }}>
                <Skeleton className="h-5 w-full rounded-md" />
              </div>
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

/** A dependency arrow as the chart draws it. */
function LegendArrow({ colour, width, dashed }: { colour: string; width: number; dashed?: boolean }) {
  return (
    <svg aria-hidden="true" width="22" height="8" className="overflow-visible">
      <path
        d="M0,4 H18"
        stroke={`var(--color-${colour})`}
        strokeWidth={width}
        strokeDasharray={dashed ? "4 3" : undefined}
      />
      <path d="M16,0 L22,4 L16,8 z" fill={`var(--color-${colour})`} />
    </svg>
  );
}
