"use client";

import { CalendarOff, ChartGantt, LocateFixed } from "lucide-react";
import { usePathname } from "next/navigation";
import { createSerializer, useQueryStates } from "nuqs";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Checkbox, Select } from "@/components/ui/field";
import { can } from "@/domain/permissions";
import { cn } from "@/lib/cn";
import { plural } from "@/lib/format";
import { api } from "@/trpc/react";
import { useOpenItem } from "@/features/items/item-editor-host";
import { GoToAllItems } from "@/features/project-pages/go-to-all-items";
import { ItemPage } from "@/features/project-pages/item-page";
import { DateHint, ItemRowList } from "@/features/items/item-row";
import { ViewHeader } from "@/features/items/view-header";
import { Gantt, type GanttRow } from "./gantt";
import {
  byPlacement,
  type Placement,
  placementEnd,
  placementOf,
  placementStart,
  rangeOf,
  type TimelineItem,
  type Zoom,
  ZOOMS,
} from "./scale";
import { BaselinesDialog, takenOn } from "./baselines-dialog";
import { ComparePanel } from "./compare-panel";
import { CriticalPathSummary, ScheduleControls } from "./schedule-controls";
import { Legend } from "./timeline-legend";
import { timelineParsers, timelineUrlKeys } from "./timeline-params";
import { parseAsItemNum } from "@/lib/url-parsers";
import { useScheduleOverlay } from "./use-schedule-overlay";
import { TimelineDownload } from "./timeline-download";

type Grouping = "none" | "workstream" | "type";
const GROUPINGS: { value: Grouping; label: string }[] = [
  { value: "none", label: "No grouping" },
  { value: "workstream", label: "Workstream" },
  { value: "type", label: "Type" },
];
const ZOOM_LABEL: Record<Zoom, string> = { day: "Day", week: "Week", month: "Month" };
/** A link to this view with an item open (`?item=12`), keeping the view state. */
const serializeWithItem = createSerializer(
  { ...timelineParsers, item: parseAsItemNum },
  { urlKeys: timelineUrlKeys },
);

/**
 * Timeline (SPEC §7): a Gantt chart of the project, from project.timeline
 * (every item with its dates, indicator and dependencies). The
 * schedule overlays (SPEC §13) — the critical path (`?cp=1`) and a baseline
 * to compare with (`?compare=<id>`: ghost bars and a compare panel) — live
 * in the URL too.
 */
export function TimelineView({ orgSlug, projectId }: { orgSlug: string; projectId: string }) {
  const pathname = usePathname();
  const [view, setView] = useQueryStates(timelineParsers, { urlKeys: timelineUrlKeys });
  const editor = useOpenItem();
  // Prefetched by the page and the project layout (loading.tsx and error.tsx stand in otherwise).
  const [data] = api.project.timeline.useSuspenseQuery({ orgSlug, projectId }, { staleTime: 30_000 });
  const [project] = api.project.get.useSuspenseQuery({ orgSlug, projectId });
  const [baselines] = api.baseline.list.useSuspenseQuery({ orgSlug, projectId });
  const [baselinesOpen, setBaselinesOpen] = useState(false);

  const { zoom, group: grouping, hideDone, showArrows, showCritical, compare: compareId } = view;
  const [todaySignal, setTodaySignal] = useState(0);

  const itemHref = (n: number) => serializeWithItem(pathname, { ...view, item: n });

  const schedule = useScheduleOverlay({
    orgSlug,
    projectId,
    items: data.items,
    showCritical,
    compareId,
  });
  const snapshot = schedule.snapshot;

  const model = useMemo(() => {
    const placed: { item: TimelineItem; placement: Placement }[] = [];
    const unscheduled: TimelineItem[] = [];
    const titles = new Map<number, TimelineItem>();
    const dependents = new Map<number, number[]>();
    let hidden = 0;
    for (const item of data.items) {
      titles.set(item.itemNum, item);
      for (const d of item.dependsOn) dependents.set(d, [...(dependents.get(d) ?? []), item.itemNum]);
      const placement = placementOf(item);
      if (!placement) unscheduled.push(item);
      else if (hideDone && (item.indicator === "Completed" || item.indicator === "Completed Recently"))
        hidden += 1;
      else placed.push({ item, placement });
    }
    placed.sort(byPlacement);
    const ghosts = schedule.overlay.ghosts;
    const range = rangeOf(
      placed.flatMap(({ item, placement }) => {
        const ghost = ghosts?.get(item.itemNum);
        return [
          placementStart(placement),
          placementEnd(placement),
          ...(item.deadline ? [item.deadline] : []),
          ...(ghost?.start ? [ghost.start] : []),
          ...(ghost?.finish ? [ghost.finish] : []),
        ];
      }),
      data.today,
    );
    let rows: GanttRow[];
    if (grouping === "none") {
      rows = placed.map((p) => ({ kind: "item", ...p }));
    } else {
      const groups = new Map<string, typeof placed>();
      for (const p of placed) {
        const key = (grouping === "workstream" ? p.item.workstream : p.item.type) ?? "";
        groups.set(key, [...(groups.get(key) ?? []), p]);
      }
      const keys = [...groups.keys()].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
      rows = keys.flatMap((key) => [
        {
          kind: "group" as const,
          key: key || "—",
          label: key || (grouping === "workstream" ? "No workstream" : "—"),
          count: groups.get(key)!.length,
        },
        ...groups.get(key)!.map((p) => ({ kind: "item" as const, ...p })),
      ]);
    }
    return {
      rows,
      range,
      unscheduled,
      titles,
      dependents,
      placedCount: placed.length,
      hidden,
      total: data.items.length,
    };
  }, [data, grouping, hideDone, schedule.overlay.ghosts]);

  return (
    <ItemPage orgSlug={orgSlug} projectId={projectId} editor={editor} className="max-w-none">
      <ViewHeader
        orgSlug={orgSlug}
        projectId={projectId}
        title="Timeline"
        description="Start to finish for every dated item, coloured by indicator, with dependencies and today's date."
      />

      <div className="mt-6 flex flex-col gap-4">
        {model.total === 0 ? (
          <EmptyState
            icon={ChartGantt}
            title="Nothing to plot yet"
            action={<GoToAllItems orgSlug={orgSlug} projectId={projectId} />}
          >
            <p>
              The timeline draws each item from its start to its finish date. Add items with dates on the All
              items page (or import a v1 YAML log) and they appear here, with their dependencies.
            </p>
          </EmptyState>
        ) : (
          <>
            <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
              <div
                role="group"
                aria-label="Zoom"
                className="inline-flex rounded-lg bg-slate-100 p-1 ring-1 ring-slate-200 ring-inset"
              >
                {ZOOMS.map((z) => (
                  <button
                    key={z}
                    type="button"
                    aria-pressed={zoom === z}
                    onClick={() => void setView({ zoom: z })}
                    className={cn(
                      "min-h-9 rounded-md px-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-blue-600 sm:min-h-8",
                      zoom === z
                        ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200"
                        : "text-slate-700 hover:text-slate-900",
                    )}
                  >
                    {ZOOM_LABEL[z]}
                  </button>
                ))}
              </div>
              <Button variant="secondary" size="sm" onClick={() => setTodaySignal((n) => n + 1)}>
                <LocateFixed className="size-4" aria-hidden="true" />
                Today
              </Button>
              <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
                Group by
                <Select
                  value={grouping}
                  onChange={(e) =>
                    void setView({ group: GROUPINGS.find((g) => g.value === e.target.value)?.value ?? null })
                  }
                  className="min-h-9 w-40 sm:min-h-8"
                >
                  {GROUPINGS.map((g) => (
                    <option key={g.value} value={g.value}>
                      {g.label}
                    </option>
                  ))}
                </Select>
              </label>
              <Checkbox
                label="Hide completed"
                checked={hideDone}
                onChange={(e) => void setView({ hideDone: e.target.checked })}
                className="min-h-9 py-0 sm:min-h-8"
              />
              <Checkbox
                label="Dependency arrows"
                checked={showArrows}
                onChange={(e) => void setView({ showArrows: e.target.checked })}
                className="min-h-9 py-0 sm:min-h-8"
              />
              <ScheduleControls
                showCritical={showCritical}
                onCritical={(on) => void setView({ showCritical: on })}
                compareId={compareId}
                onCompare={(id) => void setView({ compare: id })}
                baselines={baselines}
                onManage={() => setBaselinesOpen(true)}
              />
              {model.placedCount > 0 && (
                <TimelineDownload
                  rows={model.rows}
                  range={model.range}
                  today={data.today}
                  projectName={project.name}
                  showArrows={showArrows}
                />
              )}
              <p className="text-sm text-slate-700 sm:ml-auto" aria-live="polite">
                {plural(model.placedCount, "item")} on the timeline
                {model.hidden > 0 && ` · ${model.hidden} completed hidden`}
                {model.unscheduled.length > 0 && ` · ${model.unscheduled.length} not scheduled`}
              </p>
            </div>

            {showCritical && (
              <CriticalPathSummary
                result={schedule.cp.data}
                error={schedule.cp.isError}
                onRetry={() => void schedule.cp.refetch()}
              />
            )}
            {compareId && schedule.baseline.isError && (
              <div
                role="alert"
                className="flex flex-wrap items-center gap-3 rounded-xl border border-amber-300 bg-amber-50 px-4 py-2.5 text-sm text-amber-950"
              >
                <span className="flex-1">
                  {schedule.baseline.error.data?.code === "NOT_FOUND"
                    ? "That baseline no longer exists."
                    : "Couldn't load the baseline to compare with."}
                </span>
                <Button variant="secondary" size="sm" onClick={() => void setView({ compare: null })}>
                  Stop comparing
                </Button>
              </div>
            )}

            {model.placedCount > 0 ? (
              <>
                <Gantt
                  rows={model.rows}
                  range={model.range}
                  zoom={zoom}
                  today={data.today}
                  todaySignal={todaySignal}
                  onOpen={editor.open}
                  titles={model.titles}
                  dependents={model.dependents}
                  showArrows={showArrows}
                  overlay={schedule.overlay}
                />
                <Legend showCritical={showCritical} comparing={!!snapshot} />
              </>
            ) : (
              <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-700">
                {model.hidden > 0
                  ? "Every dated item is completed. Clear “Hide completed” to see them."
                  : "None of the items has a start, finish or deadline yet. Open an item below and give it dates to place it on the timeline."}
              </p>
            )}

            {snapshot && schedule.comparison && (
              <ComparePanel
                name={snapshot.name}
                takenOn={takenOn(snapshot)}
                comparison={schedule.comparison}
                baselineItems={snapshot.items}
                titles={model.titles}
                itemHref={itemHref}
                onOpen={editor.open}
              />
            )}

            {model.unscheduled.length > 0 && (
              <section
                aria-labelledby="tl-unscheduled"
                className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
              >
                <div className="flex items-start gap-3 border-b border-slate-200 px-4 py-3">
                  <CalendarOff className="mt-0.5 size-5 shrink-0 text-slate-600" aria-hidden="true" />
                  <div>
                    <h2 id="tl-unscheduled" className="text-base font-semibold text-slate-900">
                      Not scheduled{" "}
                      <span className="ml-1 rounded-full bg-slate-100 px-2 py-0.5 text-sm font-semibold text-slate-700 tabular-nums">
                        {model.unscheduled.length}
                      </span>
                    </h2>
                    <p className="text-sm text-slate-600">
                      No start, finish or deadline. Give them dates to place them on the timeline.
                    </p>
                  </div>
                </div>
                <ItemRowList
                  items={model.unscheduled}
                  onOpen={editor.open}
                  date={() => <DateHint date="No dates" />}
                />
              </section>
            )}
          </>
        )}
      </div>

      <BaselinesDialog
        orgSlug={orgSlug}
        projectId={projectId}
        open={baselinesOpen}
        onClose={() => setBaselinesOpen(false)}
        mayManage={can(project.role, "project.manage")}
        comparedId={compareId}
        onCompare={(id) => void setView({ compare: id })}
      />
    </ItemPage>
  );
}
