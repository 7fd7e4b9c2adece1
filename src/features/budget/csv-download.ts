/** Client-side CSV files: RFC 4180 quoting, CRLF, a BOM so Excel reads UTF-8. */
import { encodeCsvField } from "@/domain/export/csv";
import { downloadBlob } from "@/lib/download";

/** Text cells that a spreadsheet would run as a formula get a leading apostrophe. */
export const csvText = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

export function toCsvText(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(encodeCsvField).join(",")).join("\r\n")}\r\n`;
}

export function downloadCsv(fileName: string, rows: readonly (readonly string[])[]) {
  const blob = new Blob([toCsvText(rows)], { type: "text/csv;charset=utf-8" });
  downloadBlob(blob, fileName);
}

/** "Harbor Bridge" → "harbor-bridge" for file names. */
export const slugForFile = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "project";
