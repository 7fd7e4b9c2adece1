/**
 * CSV export (SPEC §8): fixed columns, one row per item ordered by item
 * number, RFC 4180 quoting, CRLF line ends and a UTF-8 byte-order mark so
 * Excel opens it as UTF-8. Items must already carry their indicator (see
 * `withIndicators`); filtering is the caller's job (see `applyFilters`), so
 * drafts are exported when the caller keeps them, as the fixtures expect.
 */
import type { ItemRecord } from "../types";

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

/** RFC 4180: quote a field holding a quote, comma or line break; double the quotes inside. */
export function encodeCsvField(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Header + one row per item, ordered by item number. */
export function csvTable(items: readonly ItemRecord[]): string[][] {
  const rows = [...items].sort((a, b) => a.itemNum - b.itemNum).map(csvCells);
  return [[...CSV_COLUMNS], ...rows];
}

export function toCsv(items: readonly ItemRecord[], { bom = true }: { bom?: boolean } = {}): string {
  const lines = csvTable(items).map((row) => row.map(encodeCsvField).join(","));
  return (bom ? BOM : "") + lines.join(CRLF) + CRLF;
}
