/**
 * The fields a timesheet CSV column can hold. Kept apart from the reader so
 * the browser can show the mapping without loading the parsers.
 */
export const TIMESHEET_CSV_FIELDS = [
  "weekEnding",
  "resource",
  "hours",
  "rate",
  "completeWeek",
  "cost",
] as const;
export type TimesheetCsvField = (typeof TIMESHEET_CSV_FIELDS)[number];

export const TIMESHEET_CSV_FIELD_LABELS: Record<TimesheetCsvField, string> = {
  weekEnding: "Week ending",
  resource: "Resource",
  hours: "Hours",
  rate: "Rate",
  completeWeek: "Complete week",
  cost: "Cost (checked only)",
};

/** Columns that must be mapped; a missing rate comes from the rate card, a missing flag means complete. */
export const REQUIRED_TIMESHEET_FIELDS: readonly TimesheetCsvField[] = ["weekEnding", "resource", "hours"];

/** Field → column index (0-based); null or absent = not in the file. */
export type TimesheetCsvMapping = Partial<Record<TimesheetCsvField, number | null>>;
