"use client";

import { useMemo } from "react";
import { compareBaseline, snapshotItems } from "@/domain/baseline";
import { api } from "@/trpc/react";
import type { GanttOverlay } from "./gantt";
import type { TimelineItem } from "./scale";
import { cpmIndex, criticalLinks } from "./schedule";

/**
 * The timeline's schedule overlays, memoised so a 10,000-item chart derives
 * them once per data change: the critical path (project.criticalPath — the
 * same query the item editor reads, cached per project; the page prefetches
 * it) and, when comparing, the baseline's snapshot (baseline.get) with its
 * comparison against the items on the chart, by the same rule
 * (compareBaseline) as the server's baseline.compare and md-changes.
 */
export function useScheduleOverlay({
  orgSlug,
  projectId,
  items,
  showCritical,
  compareId,
}: {
  orgSlug: string;
  projectId: string;
  /** Every item of the project (project.export), null while loading. */
  items: readonly TimelineItem[] | null;
  showCritical: boolean;
  compareId: string | null;
}) {
  const scope = { orgSlug, projectId };
  const cp = api.project.criticalPath.useQuery(scope, { staleTime: 30_000 });
  const baseline = api.baseline.get.useQuery(
    { ...scope, baselineId: compareId ?? "00000000-0000-4000-8000-000000000000" },
    // A baseline never changes once taken.
    { enabled: compareId !== null, staleTime: Infinity },
  );
  const snapshot = compareId !== null ? baseline.data : undefined;

  const cpm = useMemo(() => (cp.data ? cpmIndex(cp.data.items) : null), [cp.data]);
  const links = useMemo(
    () => (items ?? []).flatMap((i) => i.dependsOn.map((from) => ({ from, to: i.itemNum }))),
    [items],
  );
  const onPath = useMemo(() => (cpm ? criticalLinks(links, cpm) : new Set<string>()), [links, cpm]);
  const ghosts = useMemo(
    () =>
      snapshot ? new Map(snapshot.items.map((b) => [b.itemNum, { start: b.start, finish: b.finish }])) : null,
    [snapshot],
  );
  const comparison = useMemo(
    () => (snapshot && items ? compareBaseline(snapshotItems(items), snapshot.items) : null),
    [snapshot, items],
  );
  const overlay = useMemo<GanttOverlay>(
    () => ({ cpm, showCritical, criticalLinks: onPath, ghosts }),
    [cpm, showCritical, onPath, ghosts],
  );
  return { cp, baseline, snapshot, comparison, overlay };
}
