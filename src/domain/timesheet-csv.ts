/**
 * Timesheet CSV upload (SPEC §2, §5): reading the file, suggesting which
 * column holds what, and turning each row into a timesheet entry or a
 * reason it cannot be one. Pure: no I/O; the rate card comes in as a
 * look-up function.
 *
 * Reading follows RFC 4180 (quoted fields, doubled quotes, line breaks
 * inside quotes) and is lenient where spreadsheets differ: a UTF-8 BOM,
 * CRLF / LF / CR line ends, `,` `;` or tab as the separator, blank lines.
 *
 * Numbering: `row` counts data rows from 1 (the heading row is not counted);
 * `line` is the physical line of the file the row starts on (the heading is
 * line 1), which is the row number a spreadsheet shows.
 */
import { centsToDecimal, costOf, decimalToCents } from "./budget";
import { isoFromParts, monthFromName } from "./dates";
import { resourceKey } from "./rate-card";
import {
  REQUIRED_TIMESHEET_FIELDS,
  TIMESHEET_CSV_FIELD_LABELS,
  TIMESHEET_CSV_FIELDS,
  type TimesheetCsvField,
  type TimesheetCsvMapping,
} from "./timesheet-csv-fields";
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

export {
  REQUIRED_TIMESHEET_FIELDS,
  TIMESHEET_CSV_FIELD_LABELS,
  TIMESHEET_CSV_FIELDS,
  type TimesheetCsvField,
  type TimesheetCsvMapping,
} from "./timesheet-csv-fields";

/** Heading names, normalized (lower case, letters and digits only), best first. */
const SYNONYMS: Record<TimesheetCsvField, readonly string[]> = {
  weekEnding: [
    "weekending",
    "weekendingdate",
    "weekend",
    "weekenddate",
    "weekended",
    "we",
    "wedate",
    "periodending",
    "periodend",
    "week",
    "weekof",
    "date",
  ],
  resource: [
    "resource",
    "resourcename",
    "name",
    "employee",
    "employeename",
    "person",
    "consultant",
    "staff",
    "worker",
    "teammember",
    "member",
  ],
  hours: [
    "hours",
    "hrs",
    "hoursworked",
    "totalhours",
    "hoursbilled",
    "billablehours",
    "time",
    "quantity",
    "qty",
  ],
  rate: [
    "rate",
    "hourlyrate",
    "billrate",
    "billingrate",
    "rateperhour",
    "ratehr",
    "costrate",
    "priceperhour",
  ],
  completeWeek: ["completeweek", "weekcomplete", "complete", "iscomplete", "completed", "final", "full week"],
  cost: ["cost", "totalcost", "amount", "total", "extendedcost", "value"],
};

const normalizeHeading = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * A best guess of which column holds each field: an exact heading match
 * first (in the synonyms' order of preference), then a heading that
 * contains a synonym ("Week ending (Sat)"). A column is used once.
 */
export function suggestTimesheetMapping(headers: readonly string[]): TimesheetCsvMapping {
  const normalized = headers.map(normalizeHeading);
  const used = new Set<number>();
  const mapping: TimesheetCsvMapping = {};
  const claim = (field: TimesheetCsvField, match: (h: string, s: string) => boolean) => {
    if (mapping[field] !== undefined) return;
    for (const s of SYNONYMS[field].map(normalizeHeading)) {
      const i = normalized.findIndex((h, idx) => !used.has(idx) && h !== "" && match(h, s));
      if (i >= 0) {
        mapping[field] = i;
        used.add(i);
        return;
      }
    }
  };
  for (const f of TIMESHEET_CSV_FIELDS) claim(f, (h, s) => h === s);
  // Substring matches only for synonyms long enough not to hit by accident ("we" in "weekly").
  for (const f of TIMESHEET_CSV_FIELDS) claim(f, (h, s) => s.length >= 4 && h.includes(s));
  return mapping;
}

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
function dateProblem(text: string): string {
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
// Rows
// ---------------------------------------------------------------------------

/** One valid row, money and hours as exact decimal strings; cost = hours × rate. */
export type TimesheetCsvRow = {
  row: number;
  line: number;
  weekEnding: IsoDate;
  resource: string;
  hours: string;
  rate: string;
  cost: string;
  completeWeek: boolean;
  rateSource: "file" | "rate card";
};

export type TimesheetCsvIssue = {
  /** Data row (1 = first row under the headings); null for a problem with the whole file. */
  row: number | null;
  line: number | null;
  field?: TimesheetCsvField;
  message: string;
};

export type TimesheetCsvColumn = { index: number; header: string; samples: string[] };

export type TimesheetCsvResult = {
  delimiter: CsvDelimiter | null;
  headers: string[];
  columns: TimesheetCsvColumn[];
  suggestedMapping: TimesheetCsvMapping;
  /** The mapping the rows were read with (the given one, else the suggestion). */
  mapping: TimesheetCsvMapping;
  rowCount: number;
  rows: TimesheetCsvRow[];
  errors: TimesheetCsvIssue[];
  warnings: TimesheetCsvIssue[];
  totals: { hours: string; cost: string };
};

export type ReadTimesheetCsvOptions = {
  mapping?: TimesheetCsvMapping;
  delimiter?: CsvDelimiter;
  /** The rate (decimal string) for a resource on a week ending, from the rate card; null if none. */
  rateFor?: (resource: string, weekEnding: IsoDate) => string | null;
  /** Rows past this are refused (keeps a request bounded). */
  maxRows?: number;
};

export const MAX_HOURS_PER_ENTRY = 168;
export const MAX_RESOURCE_LENGTH = 200;
const MAX_RATE_CENTS = 9_999_999_999_99; // numeric(12,2)

/** "Row 3 (line 4): hours "abc" is not a number" */
export function describeIssue(issue: TimesheetCsvIssue): string {
  if (issue.row === null) return issue.line ? `Line ${issue.line}: ${issue.message}` : issue.message;
  return `Row ${issue.row} (line ${issue.line}): ${issue.message}`;
}

function checkMapping(mapping: TimesheetCsvMapping, columnCount: number): TimesheetCsvIssue[] {
  const issues: TimesheetCsvIssue[] = [];
  const seen = new Map<number, TimesheetCsvField>();
  for (const field of TIMESHEET_CSV_FIELDS) {
    const col = mapping[field];
    if (col === null || col === undefined) {
      if (REQUIRED_TIMESHEET_FIELDS.includes(field)) {
        issues.push({
          row: null,
          line: null,
          field,
          message: `Choose the column that holds "${TIMESHEET_CSV_FIELD_LABELS[field]}"`,
        });
      }
      continue;
    }
    if (!Number.isInteger(col) || col < 0 || col >= columnCount) {
      issues.push({
        row: null,
        line: null,
        field,
        message: `Column ${col + 1} for "${TIMESHEET_CSV_FIELD_LABELS[field]}" is not in the file`,
      });
      continue;
    }
    const other = seen.get(col);
    if (other) {
      issues.push({
        row: null,
        line: null,
        field,
        message: `Column ${col + 1} is chosen for both "${TIMESHEET_CSV_FIELD_LABELS[other]}" and "${TIMESHEET_CSV_FIELD_LABELS[field]}"`,
      });
    }
    seen.set(col, field);
  }
  return issues;
}

const emptyResult = (errors: TimesheetCsvIssue[]): TimesheetCsvResult => ({
  delimiter: null,
  headers: [],
  columns: [],
  suggestedMapping: {},
  mapping: {},
  rowCount: 0,
  rows: [],
  errors,
  warnings: [],
  totals: { hours: "0.00", cost: "0.00" },
});

/** The first three non-empty values of a column. */
function samplesOf(records: readonly CsvRecord[], index: number): string[] {
  const samples: string[] = [];
  for (const r of records) {
    const v = (r.cells[index] ?? "").trim();
    if (v !== "") samples.push(v);
    if (samples.length === 3) break;
  }
  return samples;
}

/** `read` with its results kept per input (for the few distinct texts a large file repeats; capped). */
function memo<T>(read: (text: string) => T): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    let v = seen.get(text);
    if (v === undefined && !seen.has(text)) {
      v = read(text);
      if (seen.size < 10_000) seen.set(text, v);
    }
    return v as T;
  };
}

/**
 * Reads a timesheet CSV into entries. Every problem is reported with its row
 * and line; rows with problems are left out of `rows`, so a caller that
 * writes must refuse the file whenever `errors` is not empty.
 */
export function readTimesheetCsv(text: string, opts: ReadTimesheetCsvOptions = {}): TimesheetCsvResult {
  const table = readCsv(text, { delimiter: opts.delimiter });
  if (!table.ok) return emptyResult([{ row: null, line: table.line, message: table.message }]);
  const { headers, records, delimiter } = table;

  const columns = Array.from({ length: headers.length }, (_, index) => ({
    index,
    header: headers[index] || `Column ${index + 1}`,
    samples: samplesOf(records, index),
  }));
  const suggestedMapping = suggestTimesheetMapping(headers);
  const mapping = opts.mapping ?? suggestedMapping;
  const base = { delimiter, headers, columns, suggestedMapping, mapping, rowCount: records.length };

  const mappingIssues = checkMapping(mapping, headers.length);
  if (records.length === 0)
    mappingIssues.push({ row: null, line: null, message: "The file has headings but no rows" });
  if (opts.maxRows !== undefined && records.length > opts.maxRows) {
    mappingIssues.push({
      row: null,
      line: null,
      message: `The file has ${records.length} rows; upload at most ${opts.maxRows} at a time`,
    });
  }
  if (mappingIssues.length > 0) return { ...emptyResult(mappingIssues), ...base, errors: mappingIssues };

  const rows: TimesheetCsvRow[] = [];
  const errors: TimesheetCsvIssue[] = [];
  const warnings: TimesheetCsvIssue[] = [];
  const firstSeen = new Map<string, number>();
  let totalHours = 0;
  let totalCost = 0;
  // A file repeats the same weeks, hours and rates thousands of times: read each text once.
  const readDate = memo(parseCsvDate);
  const readDecimal = memo((t: string) => parseCsvDecimal(t, delimiter));

  records.forEach((record, i) => {
    const where = { row: i + 1, line: record.line };
    const rowErrors: TimesheetCsvIssue[] = [];
    const fail = (field: TimesheetCsvField | undefined, message: string) =>
      rowErrors.push({ ...where, field, message });
    const cell = (field: TimesheetCsvField): string | null => {
      const col = mapping[field];
      return col === null || col === undefined ? null : (record.cells[col] ?? "").trim();
    };

    if (record.cells.length > headers.length) {
      fail(
        undefined,
        `has ${record.cells.length} values but the headings name ${headers.length} columns (does a value contain a "${delimiter === "\t" ? "tab" : delimiter}" without quotes around it?)`,
      );
    }

    const weText = cell("weekEnding") ?? "";
    const weekEnding = weText === "" ? null : readDate(weText);
    if (weText === "") fail("weekEnding", "week ending is empty");
    else if (!weekEnding) fail("weekEnding", `week ending ${dateProblem(weText)}`);

    const resource = (cell("resource") ?? "").replace(/\s+/g, " ");
    if (resource === "") fail("resource", "resource is empty");
    else if ([...resource].length > MAX_RESOURCE_LENGTH)
      fail("resource", `resource is longer than ${MAX_RESOURCE_LENGTH} characters`);

    let hours: number | null = null;
    const hoursText = cell("hours") ?? "";
    const h = readDecimal(hoursText);
    if ("problem" in h) fail("hours", `hours ${h.problem}`);
    else if (h.value < 0) fail("hours", `hours must not be negative (${hoursText})`);
    else if (h.value > MAX_HOURS_PER_ENTRY * 100)
      fail("hours", `hours ${hoursText} is more than a week (${MAX_HOURS_PER_ENTRY})`);
    else hours = h.value;

    let rate: number | null = null;
    let rateSource: TimesheetCsvRow["rateSource"] = "file";
    const rateText = cell("rate");
    if (rateText !== null && rateText !== "") {
      const r = readDecimal(rateText);
      if ("problem" in r) fail("rate", `rate ${r.problem}`);
      else if (r.value < 0) fail("rate", `rate must not be negative (${rateText})`);
      else if (r.value > MAX_RATE_CENTS) fail("rate", `rate ${rateText} is too large`);
      else rate = r.value;
    } else if (resource !== "" && weekEnding) {
      const fromCard = opts.rateFor?.(resource, weekEnding) ?? null;
      if (fromCard === null) {
        fail(
          "rate",
          rateText === null
            ? `no rate column, and the rate card has no rate for "${resource}" on ${weekEnding}`
            : `rate is empty, and the rate card has no rate for "${resource}" on ${weekEnding}`,
        );
      } else {
        rate = decimalToCents(fromCard);
        rateSource = "rate card";
      }
    }

    const flagText = cell("completeWeek");
    const completeWeek = flagText === null ? true : parseCompleteWeek(flagText);
    if (completeWeek === null) fail("completeWeek", `complete week "${flagText}" is not yes or no`);

    if (rowErrors.length > 0 || hours === null || rate === null || !weekEnding || completeWeek === null) {
      errors.push(...rowErrors);
      return;
    }

    const cost = costOf(hours, rate);
    const costText = cell("cost");
    if (costText) {
      const given = readDecimal(costText);
      if ("value" in given && Math.abs(given.value - cost) > 1) {
        warnings.push({
          ...where,
          field: "cost",
          message: `cost ${costText} in the file differs from hours × rate (${centsToDecimal(cost)}); hours × rate is used`,
        });
      }
    }
    const key = `${resourceKey(resource)}|${weekEnding}`;
    const dup = firstSeen.get(key);
    if (dup !== undefined) {
      warnings.push({
        ...where,
        message: `"${resource}" already has a row for week ending ${weekEnding} (row ${dup}); both are kept`,
      });
    } else firstSeen.set(key, where.row);

    totalHours += hours;
    totalCost += cost;
    rows.push({
      ...where,
      weekEnding,
      resource,
      hours: centsToDecimal(hours),
      rate: centsToDecimal(rate),
      cost: centsToDecimal(cost),
      completeWeek,
      rateSource,
    });
  });

  return {
    ...base,
    rows,
    errors,
    warnings,
    totals: { hours: centsToDecimal(totalHours), cost: centsToDecimal(totalCost) },
  };
}
