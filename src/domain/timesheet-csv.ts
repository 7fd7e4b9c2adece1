/**
 * Timesheet CSV upload (SPEC §2, §5): reading the file, suggesting which
 * column holds what, and turning each row into a timesheet entry or a
 * reason it cannot be one. Pure: no I/O; the rate card comes in as a
 * look-up function.
 *
 * Reading the text (RFC 4180, lenient where spreadsheets differ) and the
 * cell values is csv-read.ts's part; this module re-exports it.
 *
 * Numbering: `row` counts data rows from 1 (the heading row is not counted);
 * `line` is the physical line of the file the row starts on (the heading is
 * line 1), which is the row number a spreadsheet shows.
 */
import { centsToDecimal, costOf, decimalToCents } from "./budget";
import { resourceKey } from "./rate-card";
import {
  REQUIRED_TIMESHEET_FIELDS,
  TIMESHEET_CSV_FIELD_LABELS,
  TIMESHEET_CSV_FIELDS,
  type TimesheetCsvField,
  type TimesheetCsvMapping,
} from "./timesheet-csv-fields";
import type { IsoDate } from "./types";
import type { TimesheetRecord } from "./yaml-v1-budget";
import {
  dateProblem,
  mappingIssues,
  parseCompleteWeek,
  parseCsvDate,
  parseCsvDecimal,
  readCsv,
  type CsvDelimiter,
  type CsvRecord,
} from "./csv-read";

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
// Rows
// ---------------------------------------------------------------------------

/** One valid row, money and hours as exact decimal strings; cost = hours × rate. */
export type TimesheetCsvRow = TimesheetRecord & {
  row: number;
  line: number;
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
  return mappingIssues(
    TIMESHEET_CSV_FIELDS,
    REQUIRED_TIMESHEET_FIELDS,
    TIMESHEET_CSV_FIELD_LABELS,
    mapping,
    columnCount,
  );
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
