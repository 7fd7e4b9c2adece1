/**
 * CSV export (SPEC §8): fixed columns, one row per item ordered by item
 * number, RFC 4180 quoting, CRLF line ends and a UTF-8 byte-order mark so
 * Excel opens it as UTF-8. Items must already carry their indicator (see
 * `withIndicators`); filtering is the caller's job (see `applyFilters`), so
 * drafts are exported when the caller keeps them, as the fixtures expect.
 */
import { hasRiskData, type ItemRecord } from "../types";

export const CSV_COLUMNS = [
  "Item #",
  "Type",
  "Workstream",
  "Title",
  "Description",
  "Assigned To",
  "Start",
  "Finish",
  "Deadline",
  "% Complete",
  "Indicator",
  "Priority",
  "Draft",
  "Client Visible",
] as const;

/**
 * Risk columns (SPEC §13), after the SPEC §8 columns. They are added when any
 * exported item carries a risk field, so a log without risk data keeps the
 * exact §8 layout.
 */
export const CSV_RISK_COLUMNS = [
  "Probability",
  "Impact",
  "Residual Probability",
  "Residual Impact",
  "Risk Owner",
  "Mitigation",
  "Contingency",
  "Cost Impact",
  "Schedule Impact Days",
] as const;

const BOM = "\uFEFF";
const CRLF = "\r\n";

/**
 * A spreadsheet runs a cell starting with = + - @ (or a tab / carriage
 * return) as a formula. Free-text cells that start that way get a leading
 * apostrophe, which Excel and LibreOffice show as plain text. Only free text
 * is touched, so numbers and dates stay numbers and dates. None of the
 * fixture cells start with these characters.
 */
function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const text = (value: string | null): string => neutraliseFormula(value ?? "");
const yesNo = (value: boolean): string => (value ? "Yes" : "No");

/** The cells of one item, in CSV_COLUMNS order; null → empty cell. */
export function csvCells(item: ItemRecord): string[] {
  return [
    String(item.itemNum),
    item.type,
    text(item.workstream),
    text(item.title),
    text(item.description),
    text(item.assignedTo),
    item.start ?? "",
    item.finish ?? "",
    item.deadline ?? "",
    String(item.percentComplete),
    item.indicator ?? "",
    text(item.priority),
    yesNo(item.draft),
    yesNo(item.clientVisible),
  ];
}

const num = (value: number | string | null | undefined): string =>
  value === null || value === undefined ? "" : String(value);

/** The risk cells of one item, in CSV_RISK_COLUMNS order. */
export function csvRiskCells(item: ItemRecord): string[] {
  return [
    num(item.probability),
    num(item.impact),
    num(item.residualProbability),
    num(item.residualImpact),
    text(item.riskOwner ?? null),
    text(item.mitigation ?? null),
    text(item.contingency ?? null),
    num(item.costImpact),
    num(item.scheduleImpactDays),
  ];
}

/** RFC 4180: quote a field holding a quote, comma or line break; double the quotes inside. */
export function encodeCsvField(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Header + one row per item, ordered by item number. */
export function csvTable(items: readonly ItemRecord[]): string[][] {
  const sorted = [...items].sort((a, b) => a.itemNum - b.itemNum);
  if (!items.some(hasRiskData)) return [[...CSV_COLUMNS], ...sorted.map(csvCells)];
  return [[...CSV_COLUMNS, ...CSV_RISK_COLUMNS], ...sorted.map((i) => [...csvCells(i), ...csvRiskCells(i)])];
}

export function toCsv(items: readonly ItemRecord[], { bom = true }: { bom?: boolean } = {}): string {
  const lines = csvTable(items).map((row) => row.map(encodeCsvField).join(","));
  return (bom ? BOM : "") + lines.join(CRLF) + CRLF;
}
