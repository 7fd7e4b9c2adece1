/**
 * Exports of a project's items: CSV, Markdown reports, v1 YAML, JSON, the
 * Excel workbook and the PDF status report (both binary: `content` is a
 * Buffer), and the project's budget as v1 Budget YAML. Indicators are
 * computed for the requested date in memory (`asOf`), so an export never
 * changes stored data. Filters and the client view apply to every item format.
 */
import type { TenantDb } from "@/server/db/tenant";
import { computeIndicator } from "@/domain/indicators";
import { applyFilters, filterSlug, type ItemFilter } from "@/domain/item-filter";
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
import { budgetYaml } from "./export-budget-yaml";
import { buildXlsx } from "@/server/export/xlsx";
import { buildPdf } from "@/server/export/pdf";
import { DomainError } from "@/domain/errors";

export { EXPORT_FORMATS, type ExportFormat };

/** `content` is a Buffer for the binary formats (xlsx, pdf), text for the others. */
export type ExportFile = { filename: string; contentType: string; content: string | Buffer; items: number };

/**
 * What the API returns: text as is (`encoding: "utf8"`), bytes as base64
 * (`encoding: "base64"`), so the JSON wire format carries both;
 * /api/export and the CLI turn base64 back into bytes.
 */
export type EncodedExportFile = Omit<ExportFile, "content"> & {
  content: string;
  encoding: "utf8" | "base64";
};

export function encodeExportFile(file: ExportFile): EncodedExportFile {
  return typeof file.content === "string"
    ? { ...file, content: file.content, encoding: "utf8" }
    : { ...file, content: file.content.toString("base64"), encoding: "base64" };
}

export function decodeExportContent(file: Pick<EncodedExportFile, "content" | "encoding">): string | Buffer {
  return file.encoding === "base64" ? Buffer.from(file.content, "base64") : file.content;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  "md-active": "text/markdown; charset=utf-8",
  "md-summary": "text/markdown; charset=utf-8",
  "md-table": "text/markdown; charset=utf-8",
  yaml: "application/yaml; charset=utf-8",
  json: "application/json; charset=utf-8",
  "md-changes": "text/markdown; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
  "budget-yaml": "application/yaml; charset=utf-8",
};

const EXTENSIONS: Record<ExportFormat, string> = {
  csv: "csv",
  "md-active": "md",
  "md-summary": "md",
  "md-table": "md",
  yaml: "yaml",
  json: "json",
  "md-changes": "md",
  xlsx: "xlsx",
  pdf: "pdf",
  "budget-yaml": "yaml",
};

function fileStem(name: string): string {
  return (
    name
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "project"
  );
}

/** "-critical-open" when the export is filtered (the client view counts), "" for everything. */
function slugPart(opts: { filter: ItemFilter; clientView?: boolean }): string {
  const slug = filterSlug({ ...opts.filter, clientView: opts.clientView || opts.filter.clientView });
  return slug ? `-${slug}` : "";
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
  if (opts.format === "budget-yaml") {
    if (opts.clientView)
      throw new DomainError("INVALID", "The budget file has no client view (it holds rates and costs)", {
        fieldErrors: { clientView: ["The budget file has no client view"] },
      });
    const b = await budgetYaml(db, projectId, opts.today);
    return {
      filename: `${fileStem(b.projectName)}-budget-${opts.today}.yaml`,
      contentType: CONTENT_TYPES["budget-yaml"],
      content: b.content,
      items: b.records,
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
  let content: string | Buffer;
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
    case "xlsx":
    case "pdf": {
      const data = {
        project: meta,
        items,
        budget: await budgetMetricsIfAny(db, projectId),
        asOf: opts.asOf,
        generatedOn: opts.today,
        clientView: !!opts.clientView,
      };
      content = opts.format === "xlsx" ? await buildXlsx(data) : await buildPdf(data);
      break;
    }
    default:
      throw new Error(`Unhandled export format ${opts.format}`);
  }
  const suffix = opts.format.startsWith("md-")
    ? `-${opts.format.slice(3)}`
    : opts.format === "pdf"
      ? "-status"
      : "";
  return {
    filename: `${fileStem(meta.name)}${suffix}${slugPart(opts)}-${opts.asOf}.${EXTENSIONS[opts.format]}`,
    contentType: CONTENT_TYPES[opts.format],
    content,
    items: items.length,
  };
}
