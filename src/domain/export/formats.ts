/**
 * Every export format the app offers: CSV, the three Markdown reports, v1 YAML,
 * JSON, "what changed since <date | baseline>" (md-changes, SPEC §13), the
 * Excel workbook and the PDF status report (binary), and the project's budget
 * as a v1 Budget YAML file (re-importable with budget.importYaml).
 */
export const EXPORT_FORMATS = [
  "csv",
  "md-active",
  "md-summary",
  "md-table",
  "yaml",
  "json",
  "md-changes",
  "xlsx",
  "pdf",
  "budget-yaml",
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Formats whose content is bytes, not text (the CLI writes them with --out FILE). */
export const BINARY_EXPORT_FORMATS = ["xlsx", "pdf"] as const satisfies readonly ExportFormat[];

export function isBinaryExportFormat(format: string): format is (typeof BINARY_EXPORT_FORMATS)[number] {
  return (BINARY_EXPORT_FORMATS as readonly string[]).includes(format);
}
