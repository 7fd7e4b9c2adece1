/**
 * project.statusReport: the weekly status report (SPEC §14) as Markdown — the
 * project's items with indicators as of `asOf`, the week's created / closed /
 * updated items from the audit log (the 7 days ending on `asOf`), and the
 * budget. The Markdown itself is built by src/domain/export/status-report.ts.
 */
import type { TenantDb } from "@/server/db/tenant";
import { addDays, isoToDate } from "@/domain/dates";
import { computeIndicator } from "@/domain/indicators";
import type { ItemEvent } from "@/domain/export/md-changes";
import { statusReportMarkdown } from "@/domain/export/status-report";
import type { IsoDate } from "@/domain/types";
import { budgetMetricsIfAny } from "./budget";
import { loadProjectRecords } from "./records";
import { auditChanges } from "./risk-schedule";

export async function statusReport(
  db: TenantDb,
  projectId: string,
  asOf: IsoDate,
): Promise<{ markdown: string; projectName: string }> {
  const { meta, items } = await loadProjectRecords(db, projectId, { withNotes: false });
  const current = items.map(({ updatedAt: _u, ...i }) => ({ ...i, indicator: computeIndicator(i, asOf) }));
  const changes = await auditChanges(db, projectId, isoToDate(addDays(asOf, -6)));
  const inWeek = (e: ItemEvent) => e.date <= asOf;
  const created = changes.created.filter(inWeek);
  const closed = changes.closed.filter(inWeek);
  const skip = new Set([...created, ...closed].map((e) => e.itemNum));
  const latest = new Map<number, ItemEvent>();
  for (const e of changes.updates.filter(inWeek)) if (!skip.has(e.itemNum)) latest.set(e.itemNum, e);
  const updated = [...latest.values()].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.itemNum - b.itemNum,
  );
  const markdown = statusReportMarkdown({
    project: meta,
    asOf,
    items: current,
    created,
    closed,
    updated,
    budget: await budgetMetricsIfAny(db, projectId),
  });
  return { markdown, projectName: meta.name };
}
