"use client";

import { CalendarOff, ChartGantt, ListChecks, LocateFixed } from "lucide-react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { PageContainer } from "@/components/page-header";
import { QueryError } from "@/components/query-error";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Checkbox, Select } from "@/components/ui/field";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import type { JsonExport } from "@/domain/export/json";
import type { IsoDate } from "@/domain/types";
import { cn } from "@/lib/cn";
import { plural } from "@/lib/format";
import { SEVERITY_META } from "@/lib/item-meta";
import { api } from "@/trpc/react";
import { ItemEditorHost, useOpenItem } from "@/features/items/item-editor-host";
import { DateHint, ItemRow } from "@/features/items/item-row";
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
import { replaceSearchParams } from "@/lib/url-state";

type Grouping = "none" | "workstream" | "type";
const GROUPINGS: { value: Grouping; label: string }[] = [
  { value: "none", label: "No grouping" },
  { value: "workstream", label: "Workstream" },
  { value: "type", label: "Type" },
];
const ZOOM_LABEL: Record<Zoom, string> = { day: "Day", week: "Week", month: "Month" };

/** The JSON export, parsed: items with their indicator as of today and their dependencies. */
function parseExport(content: string): { today: IsoDate; items: TimelineItem[] } {
  const data = JSON.parse(content) as JsonExport;
  if (data.format !== "braidmgr.items" || !Array.isArray(data.items))
    throw new Error("Unexpected export format");
  return {
    today: data.asOf,
    items: data.items.map((i) => ({
      itemNum: i.itemNum,
      type: i.type,
      title: i.title,
      workstream: i.workstream,
      assignedTo: i.assignedTo,
      start: i.start,
      finish: i.finish,
      deadline: i.deadline,
      duration: i.duration,
      percentComplete: i.percentComplete,
      draft: i.draft,
      indicator: i.indicator,
      dependsOn: i.dependsOn ?? [],
    })),
  };
}

/**
 * Timeline (SPEC §7): a Gantt chart of the project. Reads project.export in
 * JSON, the one query that carries every item with its dependencies.
 */
export function TimelineView({ orgSlug, projectId }: { orgSlug: string; projectId: string }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const editor = useOpenItem();
  const exp = api.project.export.useQuery({ orgSlug, projectId, format: "json" }, { staleTime: 30_000 });

  const zoomParam = searchParams.get("zoom");
  const zoom: Zoom = (ZOOMS as string[]).includes(zoomParam ?? "") ? (zoomParam as Zoom) : "week";
  const groupParam = searchParams.get("group");
  const grouping: Grouping = groupParam === "workstream" || groupParam === "type" ? groupParam : "none";
  const hideDone = searchParams.get("done") === "hide";
  const showArrows = searchParams.get("deps") !== "off";
  const [todaySignal, setTodaySignal] = useState(0);

  const setParam = (key: string, value: string | null) => {
    const p = new URLSearchParams(searchParams);
    if (value === null) p.delete(key);
    else p.set(key, value);
    replaceSearchParams(pathname, p);
  };

  const parsed = useMemo(() => {
    if (!exp.data) return null;
    try {
      return { ok: true as const, ...parseExport(exp.data.content) };
    } catch (err) {
      return { ok: false as const, error: err };
    }
  }, [exp.data]);

  const model = useMemo(() => {
    if (!parsed?.ok) return null;
    const placed: { item: TimelineItem; placement: Placement }[] = [];
    const unscheduled: TimelineItem[] = [];
    const titles = new Map<number, TimelineItem>();
    const dependents = new Map<number, number[]>();
    let hidden = 0;
    for (const item of parsed.items) {
      titles.set(item.itemNum, item);
      for (const d of item.dependsOn) dependents.set(d, [...(dependents.get(d) ?? []), item.itemNum]);
      const placement = placementOf(item);
      if (!placement) unscheduled.push(item);
      else if (hideDone && (item.indicator === "Completed" || item.indicator === "Completed Recently"))
        hidden += 1;
      else placed.push({ item, placement });
    }
    placed.sort(byPlacement);
    const range = rangeOf(
      placed.flatMap(({ item, placement }) => [
        placementStart(placement),
        placementEnd(placement),
        ...(item.deadline ? [item.deadline] : []),
      ]),
      parsed.today,
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
      total: parsed.items.length,
    };
  }, [parsed, grouping, hideDone]);

  return (
    <PageContainer className="max-w-none">
      <ViewHeader
        orgSlug={orgSlug}
        projectId={projectId}
        title="Timeline"
        description="Start to finish for every dated item, coloured by indicator, with dependencies and today's date."
      />

      <div className="mt-6 flex flex-col gap-4">
        {exp.isError || (parsed && !parsed.ok) ? (
          <QueryError
            what="the timeline"
            error={exp.error ?? (parsed && !parsed.ok ? parsed.error : null)}
            onRetry={() => void exp.refetch()}
          />
        ) : !model || !parsed?.ok ? (
          <TimelineSkeleton />
        ) : model.total === 0 ? (
          <EmptyState
            icon={ChartGantt}
            title="Nothing to plot yet"
            action={
              <Link href={`/o/${orgSlug}/p/${projectId}`} className={buttonClasses("primary")}>
                <ListChecks className="size-4" aria-hidden="true" />
                Go to All items
              </Link>
            }
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
                    onClick={() => setParam("zoom", z === "week" ? null : z)}
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
                  onChange={(e) => setParam("group", e.target.value === "none" ? null : e.target.value)}
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
                onChange={(e) => setParam("done", e.target.checked ? "hide" : null)}
                className="min-h-9 py-0 sm:min-h-8"
              />
              <Checkbox
                label="Dependency arrows"
                checked={showArrows}
                onChange={(e) => setParam("deps", e.target.checked ? null : "off")}
                className="min-h-9 py-0 sm:min-h-8"
              />
              <p className="text-sm text-slate-700 sm:ml-auto" aria-live="polite">
                {plural(model.placedCount, "item")} on the timeline
                {model.hidden > 0 && ` · ${model.hidden} completed hidden`}
                {model.unscheduled.length > 0 && ` · ${model.unscheduled.length} not scheduled`}
              </p>
            </div>

            {model.placedCount > 0 ? (
              <>
                <Gantt
                  rows={model.rows}
                  range={model.range}
                  zoom={zoom}
                  today={parsed.today}
                  todaySignal={todaySignal}
                  onOpen={editor.open}
                  titles={model.titles}
                  dependents={model.dependents}
                  showArrows={showArrows}
                />
                <Legend />
              </>
            ) : (
              <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-700">
                {model.hidden > 0
                  ? "Every dated item is completed. Clear “Hide completed” to see them."
                  : "None of the items has a start, finish or deadline yet. Open an item below and give it dates to place it on the timeline."}
              </p>
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
                <ul className="divide-y divide-slate-100">
                  {model.unscheduled.map((item) => (
                    <ItemRow
                      key={item.itemNum}
                      item={item}
                      onOpen={editor.open}
                      date={<DateHint date="No dates" />}
                    />
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </div>

      <ItemEditorHost
        orgSlug={orgSlug}
        projectId={projectId}
        itemNum={editor.itemNum}
        onClose={editor.close}
      />
    </PageContainer>
  );
}

function Legend() {
  const sevs = ["critical", "warning", "active", "upcoming", "completed", "done"] as const;
  return (
    <div
      className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-slate-700"
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
        <svg aria-hidden="true" width="22" height="8" className="overflow-visible">
          <path d="M0,4 H18" stroke="var(--color-slate-500)" strokeWidth="1.5" />
          <path d="M16,0 L22,4 L16,8 z" fill="var(--color-slate-500)" />
        </svg>
        Depends on
      </span>
      <span className="inline-flex items-center gap-1.5">
        <svg aria-hidden="true" width="22" height="8" className="overflow-visible">
          <path d="M0,4 H18" stroke="var(--color-slate-500)" strokeWidth="1.5" strokeDasharray="4 3" />
          <path d="M16,0 L22,4 L16,8 z" fill="var(--color-slate-500)" />
        </svg>
        Starts before its prerequisite finishes (red on hover)
      </span>
      <span className="inline-flex items-center gap-1.5">
        <span aria-hidden="true" className="h-3.5 w-0.5 bg-red-600" />
        Today
      </span>
    </div>
  );
}

function TimelineSkeleton() {
  return (
    <LoadingRegion label="Loading the timeline" className="flex flex-col gap-4">
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
    </LoadingRegion>
  );
}
