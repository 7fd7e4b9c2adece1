/**
 * The item fields a CSV or Excel column can hold, labelled as the CSV export
 * heads its columns (src/domain/export/csv.ts), so an exported file maps 1:1.
 * Kept apart from the reader so the browser can show the mapping without
 * loading the parsers.
 */
import { RISK_DATA_KEYS } from "./types";

export const ITEM_TABLE_FIELDS = [
  "itemNum",
  "type",
  "workstream",
  "title",
  "description",
  "assignedTo",
  "start",
  "finish",
  "deadline",
  "duration",
  "percentComplete",
  "priority",
  "draft",
  "clientVisible",
  "budgetAmount",
  ...RISK_DATA_KEYS,
] as const;
export type ItemTableField = (typeof ITEM_TABLE_FIELDS)[number];

export const ITEM_TABLE_FIELD_LABELS: Record<ItemTableField, string> = {
  itemNum: "Item #",
  type: "Type",
  workstream: "Workstream",
  title: "Title",
  description: "Description",
  assignedTo: "Assigned To",
  start: "Start",
  finish: "Finish",
  deadline: "Deadline",
  duration: "Duration",
  percentComplete: "% Complete",
  priority: "Priority",
  draft: "Draft",
  clientVisible: "Client Visible",
  budgetAmount: "Budget Amount",
  probability: "Probability",
  impact: "Impact",
  residualProbability: "Residual Probability",
  residualImpact: "Residual Impact",
  riskOwner: "Risk Owner",
  mitigation: "Mitigation",
  contingency: "Contingency",
  costImpact: "Cost Impact",
  scheduleImpactDays: "Schedule Impact Days",
};

/** Columns that must be mapped; without an "Item #" column items are numbered in row order. */
export const REQUIRED_ITEM_TABLE_FIELDS: readonly ItemTableField[] = ["type", "title"];

/** Field → column index (0-based); null or absent = not in the file. */
export type ItemTableMapping = Partial<Record<ItemTableField, number | null>>;

export type ItemTableIssue = {
  /** Data row (1 = the first row under the headings); null for a problem with the whole table. */
  row: number | null;
  /** The CSV line or sheet row the data row starts on. */
  line: number | null;
  field?: ItemTableField;
  /** The heading of the column, as written. */
  column?: string;
  message: string;
};

/** "Row 3 (line 4), Start: …" — `lineWord` is "line" for CSV, "sheet row" for a workbook. */
export function describeTableIssue(issue: ItemTableIssue, lineWord = "line"): string {
  const where =
    issue.row === null
      ? issue.line
        ? `${lineWord[0]!.toUpperCase()}${lineWord.slice(1)} ${issue.line}`
        : ""
      : `Row ${issue.row}${issue.line ? ` (${lineWord} ${issue.line})` : ""}`;
  const column = issue.column ? `column "${issue.column}"` : "";
  const prefix = [where, column].filter(Boolean).join(", ");
  return prefix ? `${prefix}: ${issue.message}` : issue.message;
}
