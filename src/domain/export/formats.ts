/** Every export format the app offers: CSV, the three Markdown reports, v1 YAML and JSON. */
export const EXPORT_FORMATS = ["csv", "md-active", "md-summary", "md-table", "yaml", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
