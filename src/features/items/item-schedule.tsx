"use client";

import { Route } from "lucide-react";
import { useCallback } from "react";
import type { CriticalPathResult } from "@/domain/critical-path";
import { cn } from "@/lib/cn";
import { formatIsoDate } from "@/lib/format";
import { api } from "@/trpc/react";
import { slackText, unscheduledText } from "@/features/timeline/schedule";
import type { FullItem, Scope } from "./item-editor-types";

/**
 * The editor's slack line: the item's slack and whether it is on the critical
 * path, picked out of project.criticalPath — one query per project, shared
 * with the timeline and every other item's editor (no query per item).
 * Figures are for the saved plan; they move when a change is saved.
 */
export function ItemSchedule({ scope, item }: { scope: Scope; item: FullItem }) {
  const select = useCallback(
    (d: CriticalPathResult) => {
      const info = d.items.find((i) => i.itemNum === item.itemNum) ?? null;
      const step = d.path.indexOf(item.itemNum);
      return { info, step: step >= 0 ? step + 1 : null, pathLength: d.path.length, finish: d.finish };
    },
    [item.itemNum],
  );
  const cp = api.project.criticalPath.useQuery(scope, { staleTime: 30_000, select });

  const box = "flex items-start gap-2 rounded-lg px-3 py-2 text-sm sm:col-span-2";
  if (cp.isError)
    return (
      <p className={cn(box, "bg-slate-100 text-slate-800")} data-testid="item-schedule">
        Couldn&apos;t work out the slack just now.
      </p>
    );
  if (!cp.data)
    return (
      <p className={cn(box, "bg-slate-100 text-slate-700")} data-testid="item-schedule" aria-busy="true">
        Working out the slack…
      </p>
    );

  const { info, step, pathLength, finish } = cp.data;
  if (!info)
    return (
      <p className={cn(box, "bg-slate-100 text-slate-800")} data-testid="item-schedule">
        {unscheduledText(item)}.
      </p>
    );
  const critical = info.slack === 0;
  return (
    <div
      className={cn(
        box,
        "flex-col gap-0.5",
        critical
          ? "bg-orange-50 text-orange-950 ring-1 ring-orange-300 ring-inset"
          : "bg-slate-100 text-slate-800",
      )}
      data-testid="item-schedule"
      data-critical={critical || undefined}
    >
      <p className="flex items-center gap-2">
        {critical && <Route className="size-4 shrink-0 text-orange-700" aria-hidden="true" />}
        <strong className="font-semibold">{slackText(info.slack)}</strong>
      </p>
      <p>
        {critical
          ? `${step ? `On the critical path (step ${step} of ${pathLength})` : "Critical"}: a day late here is a day late for the project (finish ${formatIsoDate(finish)}).`
          : `Not on the critical path: it can finish as late as ${formatIsoDate(info.lf)} without moving the project finish.`}
      </p>
      <p className="text-xs opacity-90">
        Earliest {formatIsoDate(info.es)} – {formatIsoDate(info.ef)} · latest {formatIsoDate(info.ls)} –{" "}
        {formatIsoDate(info.lf)} (as saved)
      </p>
    </div>
  );
}
