/**
 * Exports of a project's items: CSV, Markdown reports, v1 YAML and JSON.
 * Indicators are computed for the requested date in memory (`asOf`), so an
 * export never changes stored data. Filters and the client view apply to all.
 */
import type { TenantDb } from "@/server/db/tenant";
import { computeIndicator } from "@/domain/indicators";
import { applyFilters, type ItemFilter } from "@/domain/item-filter";
import {
  activeItemsMarkdown,
  EXPORT_FORMATS,
  type ExportFormat,
  itemsTableMarkdown,
  jsonExport,
  summaryMarkdown,
  toCsv,
} from "@/domain/export";
import { serializeRaidYaml } from "@/domain/yaml-v1";
import type { IsoDate } from "@/domain/types";
import { loadProjectRecords } from "./records";
import { budgetMetricsIfAny } from "./budget";
import { changesReport } from "./risk-schedule";

export { EXPORT_FORMATS, type ExportFormat };

export type ExportFile = { filename: string; contentType: string; content: string; items: number };

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  "md-active": "text/markdown; charset=utf-8",
  "md-summary": "text/markdown; charset=utf-8",
  "md-table": "text/markdown; charset=utf-8",
  yaml: "application/yaml; charset=utf-8",
  json: "application/json; charset=utf-8",
  "md-changes": "text/markdown; charset=utf-8",
};

const EXTENSIONS: Record<ExportFormat, string> = {
  csv: "csv",
  "md-active": "md",
  "md-summary": "md",
  "md-table": "md",
  yaml: "yaml",
  json: "json",
  "md-changes": "md",
};

function fileStem(name: string): string {
  return (
    name
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "project"
  );
}

export async function exportProject(
  db: TenantDb,
  projectId: string,
  opts: {
    format: ExportFormat;
    asOf: IsoDate;
    today: IsoDate;
    /** Which items (drafts only when it says `includeDrafts: true`). */
    filter: ItemFilter;
    clientView?: boolean;
    since?: IsoDate;
    baselineId?: string;
  },
): Promise<ExportFile> {
  if (opts.format === "md-changes") {
    const report = await changesReport(db, projectId, opts);
    return {
      filename: `${fileStem(report.projectName)}-changes-${opts.today}.md`,
      contentType: CONTENT_TYPES["md-changes"],
      content: report.content,
      items: report.items,
    };
  }
  const { meta, items: all } = await loadProjectRecords(db, projectId);
  const withIndicators = all.map(({ updatedAt: _u, ...i }) => ({
    ...i,
    indicator: computeIndicator(i, opts.asOf),
  }));
  let items = applyFilters(withIndicators, {
    ...opts.filter,
    clientView: opts.clientView || opts.filter.clientView,
  });
  if (opts.clientView) items = items.map((i) => ({ ...i, notes: [] }));
  const ctx = { project: meta, generatedOn: opts.today, asOf: opts.asOf };
  let content: string;
  switch (opts.format) {
    case "csv":
      content = toCsv(items);
      break;
    case "md-active":
      content = activeItemsMarkdown(items, ctx);
      break;
    case "md-summary":
      content = summaryMarkdown(items, {
        ...ctx,
        budget: await budgetMetricsIfAny(db, projectId),
      });
      break;
    case "md-table":
      content = itemsTableMarkdown(items, ctx);
      break;
    case "yaml":
      content = serializeRaidYaml(meta, items);
      break;
    case "json":
      content = `${JSON.stringify(jsonExport(meta, items, { generatedOn: opts.today, asOf: opts.asOf, includeNotes: !opts.clientView }), null, 2)}\n`;
      break;
    default:
      throw new Error(`Unhandled export format ${opts.format}`);
  }
  const suffix = opts.format.startsWith("md-") ? `-${opts.format.slice(3)}` : "";
  return {
    filename: `${fileStem(meta.name)}${suffix}-${opts.asOf}.${EXTENSIONS[opts.format]}`,
    contentType: CONTENT_TYPES[opts.format],
    content,
    items: items.length,
  };
}
