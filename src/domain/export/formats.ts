/**
 * Every export format the app offers: CSV, the three Markdown reports, v1 YAML,
 * JSON, and "what changed since <date | baseline>" (md-changes, SPEC §13).
 */
export const EXPORT_FORMATS = [
  "csv",
  "md-active",
  "md-summary",
  "md-table",
  "yaml",
  "json",
  "md-changes",
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
