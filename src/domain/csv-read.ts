/**
 * Reading CSV text (RFC 4180: quoted fields, doubled quotes, line breaks
 * inside quotes), lenient where spreadsheets differ: a UTF-8 BOM, CRLF / LF /
 * CR line ends, `,` `;` or tab as the separator, blank lines; and reading the
 * values of its cells (dates, decimals, yes/no). Pure. Used by the timesheet
 * CSV upload (timesheet-csv.ts).
 */
import { decimalToCents } from "./budget";
import { isoFromParts, monthFromName } from "./dates";
import type { IsoDate } from "./types";
import { parseDateText } from "./yaml-v1";

// ---------------------------------------------------------------------------
// Reading CSV text
// ---------------------------------------------------------------------------

export type CsvDelimiter = "," | ";" | "\t";
export type CsvRecord = { line: number; cells: string[] };
export type CsvTable = {
  delimiter: CsvDelimiter;
  headers: string[];
  headerLine: number;
  records: CsvRecord[];
};
export type CsvReadResult = ({ ok: true } & CsvTable) | { ok: false; line: number | null; message: string };

const DELIMITERS: readonly CsvDelimiter[] = [",", ";", "\t"];

/** The separator that splits the first line into the most fields (quotes respected). */
export function detectDelimiter(text: string): CsvDelimiter {
  const firstLine =
    stripBom(text)
      .split(/\r\n|\n|\r/)
      .find((l) => l.trim() !== "") ?? "";
  let best: CsvDelimiter = ",";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const c of firstLine) {
      if (c === '"') quoted = !quoted;
      else if (c === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Every record with the line it starts on; blank lines are dropped. */
export function parseCsvRecords(
  text: string,
  delimiter: CsvDelimiter = ",",
): { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string } {
  const src = stripBom(text);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 1;
  let afterQuote = false;

  const endRecord = () => {
    cells.push(field);
    if (cells.some((c) => c.trim() !== "")) records.push({ line: recordLine, cells });
    cells = [];
    field = "";
    afterQuote = false;
  };

  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
        afterQuote = true;
      } else {
        if (c === "\n" || (c === "\r" && src[i + 1] !== "\n")) line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field.trim() === "" && !afterQuote) {
      // An opening quote (spaces before it are dropped, as spreadsheets do).
      field = "";
      quoted = true;
      quoteLine = line;
    } else if (c === delimiter) {
      cells.push(field);
      field = "";
      afterQuote = false;
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (afterQuote) {
      if (c.trim() !== "") {
        return { ok: false, line, message: `unexpected text after a closing quote on line ${line}` };
      }
    } else {
      field += c;
    }
  }
  if (quoted)
    return { ok: false, line: quoteLine, message: `a quote opened on line ${quoteLine} is never closed` };
  if (field !== "" || cells.length > 0 || afterQuote) endRecord();
  return { ok: true, records };
}

/** The first non-blank record is the heading row. */
export function readCsv(text: string, opts: { delimiter?: CsvDelimiter } = {}): CsvReadResult {
  if (stripBom(text).trim() === "") return { ok: false, line: null, message: "The file is empty" };
  const delimiter = opts.delimiter ?? detectDelimiter(text);
  const parsed = parseCsvRecords(text, delimiter);
  if (!parsed.ok)
    return { ok: false, line: parsed.line, message: `The file is not valid CSV: ${parsed.message}` };
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, line: null, message: "The file is empty" };
  return {
    ok: true,
    delimiter,
    headers: header.cells.map((h) => h.trim()),
    headerLine: header.line,
    records,
  };
}

// ---------------------------------------------------------------------------
// Columns and the mapping
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------

/**
 * SPEC §8's formats — `YYYY-MM-DD`, `MM/DD/YYYY`, `YYYY/MM/DD`, `Month D, YYYY` —
 * plus `D Month YYYY` and `DD-Mon-YYYY`, which spreadsheets also write. A time
 * after the date (`2025-03-07 00:00:00`, `2025-03-07T00:00`) is ignored.
 */
export function parseCsvDate(text: string): IsoDate | null {
  const t = text
    .trim()
    .replace(/(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)$/, "")
    .trim();
  const known = parseDateText(t);
  if (known) return known;
  const m = /^(\d{1,2})[\s-]([A-Za-z]{3,9})\.?,?[\s-](\d{4})$/.exec(t);
  if (m) {
    const month = monthFromName(m[2]!);
    if (month !== null) return isoFromParts(+m[3]!, month, +m[1]!);
  }
  return null;
}

/** Why a date did not read, with a hint for day-first dates. */
export function dateProblem(text: string): string {
  const dayFirst = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text.trim());
  if (dayFirst && +dayFirst[1]! > 12 && +dayFirst[2]! <= 12) {
    return `"${text}" looks like day/month/year; dates are read as MM/DD/YYYY — use YYYY-MM-DD to be unambiguous`;
  }
  return `"${text}" is not a date (use YYYY-MM-DD, MM/DD/YYYY, YYYY/MM/DD or "Month D, YYYY")`;
}

/**
 * A decimal written by a person or a spreadsheet, as integer hundredths:
 * currency signs and spaces are dropped, `1,234.50` thousands separators
 * accepted; a decimal comma too (`37,5`; `1.234,50` when `;` separates fields).
 * More than two decimals is an error rather than a silent rounding.
 */
export function parseCsvDecimal(
  text: string,
  delimiter: CsvDelimiter = ",",
): { value: number } | { problem: string } {
  let t = text
    .trim()
    .replace(/[$€£¥\s\u00a0]/g, "")
    .replace(/^(USD|EUR|GBP)|(USD|EUR|GBP)$/gi, "");
  if (t.startsWith("(") && t.endsWith(")")) t = `-${t.slice(1, -1)}`; // accounting negative
  if (t === "") return { problem: "is empty" };
  if (/^-?\d+,\d{1,2}$/.test(t) || (delimiter === ";" && /^-?\d{1,3}(\.\d{3})+,\d+$/.test(t))) {
    t = t.replace(/\./g, "").replace(",", ".");
  } else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) {
    t = t.replace(/,/g, "");
  }
  if (/^-?\d+\.\d{3,}$/.test(t)) {
    const trimmed = t.replace(/0+$/, "");
    if (/^-?\d+\.\d{3,}$/.test(trimmed)) return { problem: `"${text.trim()}" has more than 2 decimals` };
    t = trimmed;
  }
  if (t.endsWith(".")) t = t.slice(0, -1);
  if (/^-?\./.test(t)) t = t.replace(".", "0."); // ".5" → "0.5"
  const cents = decimalToCents(t);
  return cents === null ? { problem: `"${text.trim()}" is not a number` } : { value: cents };
}

const TRUE_WORDS = new Set([
  "yes",
  "y",
  "true",
  "t",
  "1",
  "x",
  "✓",
  "✔",
  "complete",
  "completed",
  "final",
  "full",
]);
const FALSE_WORDS = new Set([
  "no",
  "n",
  "false",
  "f",
  "0",
  "incomplete",
  "partial",
  "draft",
  "open",
  "estimate",
]);

/** Yes/no in the usual spellings; blank means a complete week. */
export function parseCompleteWeek(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (t === "") return true;
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return null;
}

// ---------------------------------------------------------------------------
// Column mappings
// ---------------------------------------------------------------------------

/** A problem of a column mapping: about the whole file, so without a row or line. */
export type MappingIssue<F extends string> = { row: null; line: null; field: F; message: string };

/**
 * Problems of a field → column mapping itself: a required field without a column, a column
 * that is not in the file, a column chosen for two fields.
 */
export function mappingIssues<F extends string>(
  fields: readonly F[],
  required: readonly F[],
  labels: Record<F, string>,
  mapping: Partial<Record<F, number | null>>,
  columnCount: number,
): MappingIssue<F>[] {
  const issues: MappingIssue<F>[] = [];
  const issue = (field: F, message: string) => issues.push({ row: null, line: null, field, message });
  const seen = new Map<number, F>();
  for (const field of fields) {
    const col = mapping[field];
    const label = labels[field];
    if (col === null || col === undefined) {
      if (required.includes(field)) issue(field, `Choose the column that holds "${label}"`);
      continue;
    }
    if (!Number.isInteger(col) || col < 0 || col >= columnCount) {
      issue(field, `Column ${col + 1} for "${label}" is not in the file`);
      continue;
    }
    const other = seen.get(col);
    if (other) issue(field, `Column ${col + 1} is chosen for both "${labels[other]}" and "${label}"`);
    seen.set(col, field);
  }
  return issues;
}
