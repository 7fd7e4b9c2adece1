"use client";

import { Route } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Checkbox, Select } from "@/components/ui/field";
import type { CriticalPathResult } from "@/domain/critical-path";
import { formatIsoDate, plural } from "@/lib/format";
import { type BaselineSummary, takenOn } from "./baselines-dialog";
import { pathSummary } from "./schedule";

/** The timeline's schedule tools: the critical-path toggle, the baseline to compare with, and Baselines…. */
export function ScheduleControls({
  showCritical,
  onCritical,
  compareId,
  onCompare,
  baselines,
  onManage,
}: {
  showCritical: boolean;
  onCritical: (on: boolean) => void;
  compareId: string | null;
  onCompare: (id: string | null) => void;
  /** baseline.list (undefined while loading). */
  baselines: BaselineSummary[] | undefined;
  onManage: () => void;
}) {
  const known = !compareId || !baselines || baselines.some((b) => b.id === compareId);
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-3" role="group" aria-label="Schedule">
      <Checkbox
        label="Critical path"
        checked={showCritical}
        onChange={(e) => onCritical(e.target.checked)}
        className="min-h-9 py-0 sm:min-h-8"
      />
      {/* Kept on one line, also on a phone: "Compare" [baseline ▾] [Baselines…]. */}
      <div className="flex items-center gap-2 sm:gap-3">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
          <span>
            Compare<span className="max-sm:hidden"> with</span>
          </span>
          <Select
            aria-label="Compare with"
            value={compareId ?? ""}
            onChange={(e) => onCompare(e.target.value || null)}
            className="min-h-9 w-[9.5rem] sm:min-h-8 sm:w-60"
          >
            <option value="">No baseline</option>
            {!known && compareId && <option value={compareId}>A deleted baseline</option>}
            {baselines?.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name} · {formatIsoDate(takenOn(b))}
              </option>
            ))}
          </Select>
        </label>
        <Button variant="secondary" size="sm" onClick={onManage}>
          Baselines…
        </Button>
      </div>
    </div>
  );
}

/** One line above the chart while the critical path is shown: the chain, its length and the finish. */
export function CriticalPathSummary({
  result,
  error,
  onRetry,
}: {
  result: CriticalPathResult | undefined;
  error: boolean;
  onRetry: () => void;
}) {
  const box =
    "flex flex-wrap items-center gap-x-3 gap-y-1 rounded-xl border border-orange-300 bg-orange-50 px-4 py-2.5 text-sm text-orange-950";
  if (error)
    return (
      <div role="alert" className={box}>
        Couldn&apos;t work out the critical path.
        <Button variant="secondary" size="sm" onClick={onRetry}>
          Try again
        </Button>
      </div>
    );
  if (!result)
    return (
      <p role="status" className={box}>
        Working out the critical path…
      </p>
    );
  if (result.path.length === 0)
    return (
      <p role="status" className={box}>
        No critical path yet: it needs items with both a start and a finish (drafts are left out).
      </p>
    );
  const critical = result.items.filter((i) => i.slack === 0).length;
  const left = result.excluded.cycle.length + result.excluded.invalidDates.length;
  return (
    <div role="status" className={box} data-testid="critical-path-summary">
      <Route className="size-4 shrink-0 text-orange-700" aria-hidden="true" />
      <span className="min-w-0 break-words">
        <strong className="font-semibold">Critical path</strong> ({plural(result.path.length, "item")}):{" "}
        <span className="tabular-nums">{pathSummary(result.path)}</span>
      </span>
      <span>
        Finishes <strong className="font-semibold tabular-nums">{formatIsoDate(result.finish)}</strong>
      </span>
      <span className="text-orange-900">
        {plural(critical, "item")} with no slack
        {left > 0 && ` · ${left} left out (finish before start, or a dependency loop)`}
      </span>
    </div>
  );
}
