/**
 * The v1 YAML formats, part 1: import issues, the field converters that read
 * each value leniently (dates, numbers, booleans, type names, notes) and the
 * writing helpers. See yaml-v1.ts.
 */
import { Document, Scalar } from "yaml";
import type { SchemaOptions } from "yaml";
import { centsToDecimal, decimalToCents } from "./budget";
import { dateToIso, isoFromParts, monthFromName } from "./dates";
import { charLength, ITEM_LIMITS, MAX_ITEM_NUM } from "./limits";
import type { IsoDate, ItemNote, ItemRecord, ItemType, ProjectMeta } from "./types";
import { ITEM_TYPES } from "./types";

export type ImportIssue = {
  /** Item number when known, else a position such as "items #3" or "timesheet_data #12". */
  item?: number | string;
  /** 1-based line in the YAML text. */
  line?: number;
  field?: string;
  message: string;
};

export type ParseFailure = { ok: false; errors: ImportIssue[] };
export type RaidParseResult =
  { ok: true; project: ProjectMeta; items: ItemRecord[]; warnings: ImportIssue[] } | ParseFailure;

export const MAX_TITLE_LENGTH = ITEM_LIMITS.title;

/**
 * The YAML options for both directions: YAML 1.2 core schema (so `yes` or
 * `no` stay strings) plus the `timestamp` tag, because v1 files were written
 * by PyYAML, which reads and writes unquoted dates as dates.
 */
export const YAML_OPTIONS: SchemaOptions = { customTags: ["timestamp"] };

// ---------------------------------------------------------------------------
// Scalar conversions. Each returns the value or a Problem (a message).
// ---------------------------------------------------------------------------

export type Problem = { problem: string };
export const problem = (message: string): Problem => ({ problem: message });
export const isProblem = (v: unknown): v is Problem => typeof v === "object" && v !== null && "problem" in v;

/** A mapping value with what the converters need: the JS value, its text as written, its line. */
export type Field = { value: unknown; text: string | null; line: number | undefined };
export type Converter<T> = (field: Field) => T | Problem;

/** Text date → IsoDate: `YYYY-MM-DD`, `MM/DD/YYYY`, `YYYY/MM/DD` or `Month D, YYYY`. */
export function parseDateText(text: string): IsoDate | null {
  const t = text.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t))) return isoFromParts(+m[1]!, +m[2]!, +m[3]!);
  if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) return isoFromParts(+m[3]!, +m[1]!, +m[2]!);
  if ((m = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t))) {
    const month = monthFromName(m[1]!);
    return month === null ? null : isoFromParts(+m[3]!, month, +m[2]!);
  }
  return null;
}

/**
 * A YAML date (a Date) keeps the calendar day as written: for a timestamp
 * with a time and offset we take its date part, never the UTC-shifted day.
 */
export const toDate: Converter<IsoDate | null> = ({ value, text }) => {
  if (value === null || value === undefined || value === "") return null;
  if (value instanceof Date) {
    const written = text?.match(/^\d{4}-\d{1,2}-\d{1,2}/)?.[0];
    if (!written) return dateToIso(value);
    // An impossible unquoted date (2025-02-30) must not roll over into the next month.
    return parseDateText(written) ?? problem(`is not a date: "${written}"`);
  }
  if (typeof value === "string") {
    return (
      parseDateText(value) ??
      problem(`is not a date: "${value}" (use YYYY-MM-DD, MM/DD/YYYY or "Month D, YYYY")`)
    );
  }
  return problem(`must be a date, not ${describe(value)}`);
};

/** Optional text: trimmed, empty → null; numbers and booleans keep the text they were written as. */
export const toText: Converter<string | null> = ({ value, text }) => {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  if (typeof value === "number" || typeof value === "boolean") return text ?? String(value);
  return problem(`must be text, not ${describe(value)}`);
};

/** Like toText but never trimmed: descriptions keep their line breaks exactly. */
export const toLongText: Converter<string | null> = (field) =>
  typeof field.value === "string" ? (field.value.trim() === "" ? null : field.value) : toText(field);

export const required =
  <T>(convert: Converter<T | null>): Converter<T> =>
  (field) => {
    const v = convert(field);
    return v === null ? problem("is required") : v;
  };

/** A whole number written as a number or a numeric string. */
export function wholeNumber(value: unknown): number | null {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value.trim()) : value;
  return typeof n === "number" && Number.isInteger(n) ? n : null;
}

export const toInteger =
  (min: number, max = Number.MAX_SAFE_INTEGER): Converter<number | null> =>
  ({ value }) => {
    if (value === null || value === undefined || value === "") return null;
    const n = wholeNumber(value);
    if (n === null) return problem(`must be a whole number, not ${describe(value)}`);
    if (n >= min && n <= max) return n;
    return problem(
      max === Number.MAX_SAFE_INTEGER ? `must be at least ${min}` : `must be between ${min} and ${max}`,
    );
  };

export const withDefault =
  <T>(convert: Converter<T | null>, fallback: T): Converter<T> =>
  (field) =>
    convert(field) ?? fallback;

/** Percent complete: a whole number 0–100, "25%" accepted, missing = 0. */
export const toPercent: Converter<number> = (field) => {
  const value = typeof field.value === "string" ? field.value.replace(/%\s*$/, "") : field.value;
  return withDefault(toInteger(0, 100), 0)({ ...field, value });
};

export const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  yes: true,
  y: true,
  false: false,
  no: false,
  n: false,
};

export const toBoolean =
  (fallback: boolean): Converter<boolean> =>
  ({ value }) => {
    if (value === null || value === undefined) return fallback;
    if (typeof value === "boolean") return value;
    const word = typeof value === "string" ? BOOLEAN_WORDS[value.trim().toLowerCase()] : undefined;
    return word ?? problem(`must be true or false, not ${describe(value)}`);
  };

/**
 * Money or hours as an exact two-decimal string ("40000.5" → "40000.50").
 * Uses the number as written in the file, never its float value; `$` and
 * thousands separators are tolerated.
 */
export const toDecimal: Converter<string | null> = ({ value, text }) => {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value !== "number" && typeof value !== "string") {
    return problem(`must be an amount, not ${describe(value)}`);
  }
  const written = typeof value === "number" ? (text ?? String(value)) : value.replace(/[$,\s]/g, "");
  const cents = decimalToCents(written);
  return cents === null
    ? problem(`must be an amount with at most 2 decimals, not "${written}"`)
    : centsToDecimal(cents);
};

/** Money or hours within a column's range: at most `integerDigits` before the point, never negative unless allowed. */
export const toBoundedDecimal =
  (opts: { integerDigits: number; negative?: boolean; max?: number }): Converter<string | null> =>
  (field) => {
    const v = toDecimal(field);
    if (v === null || isProblem(v)) return v;
    if (!opts.negative && v.startsWith("-")) return problem(`must not be negative (${v})`);
    if (opts.max !== undefined && Number(v) > opts.max)
      return problem(`must be at most ${opts.max}, not ${v}`);
    const digits = v
      .replace(/^-/, "")
      .split(".")[0]!
      .replace(/^0+(?=\d)/, "").length;
    return digits > opts.integerDigits
      ? problem(`${v} is too large (at most ${opts.integerDigits} digits before the point)`)
      : v;
  };

/** A converter whose text result may hold at most `max` characters (the editor's limit for that field). */
export const atMost =
  <T extends string | null>(convert: Converter<T>, max: number): Converter<T> =>
  (field) => {
    const v = convert(field);
    if (typeof v !== "string" || v.length <= max) return v;
    const length = charLength(v);
    return length > max
      ? problem(
          `is ${length.toLocaleString("en-US")} characters long (at most ${max.toLocaleString("en-US")})`,
        )
      : v;
  };

/** A list of short strings; a single comma-separated string is also accepted. */
export const toStringList =
  (limits: { each: number; count?: number }): Converter<string[]> =>
  ({ value }) => {
    if (value === null || value === undefined) return [];
    const entries = typeof value === "string" ? value.split(",") : value;
    if (!Array.isArray(entries)) return problem(`must be a list, not ${describe(value)}`);
    const nested = entries.some((e) => typeof e === "object" && e !== null);
    if (nested) return problem("must be a list of text values");
    const list = [...new Set(entries.map((e) => String(e ?? "").trim()).filter((e) => e !== ""))];
    const long = list.find((e) => charLength(e) > limits.each);
    if (long !== undefined)
      return problem(`has an entry longer than ${limits.each} characters ("${long.slice(0, 40)}…")`);
    if (limits.count !== undefined && list.length > limits.count)
      return problem(`has ${list.length} entries (at most ${limits.count})`);
    return list;
  };

/** Item numbers as numbers or numeric strings ("2"); a single value or comma-separated string is accepted. */
export const toItemNumbers: Converter<number[]> = ({ value }) => {
  if (value === null || value === undefined || value === "") return [];
  const entries = typeof value === "string" ? value.split(",") : Array.isArray(value) ? value : [value];
  const nums = entries.map(wholeNumber);
  const bad = entries.filter((_, i) => nums[i] === null || nums[i]! < 1 || nums[i]! > MAX_ITEM_NUM);
  if (bad.length > 0)
    return problem(`must list item numbers, not ${bad.slice(0, 5).map(describe).join(", ")}`);
  const unique = [...new Set(nums as number[])];
  return unique.length > ITEM_LIMITS.dependencies
    ? problem(`lists ${unique.length} items (at most ${ITEM_LIMITS.dependencies})`)
    : unique;
};

export const TYPE_ALIASES: Record<string, ItemType> = {
  budget: "Budget",
  risk: "Risk",
  action: "Action Item",
  actionitem: "Action Item",
  issue: "Issue",
  decision: "Decision",
  deliverable: "Deliverable",
  plan: "Plan Item",
  planitem: "Plan Item",
  milestone: "Plan Item",
};

/** Loose type names: case, spaces, `_` and `-` ignored; a trailing plural "s" too. */
export function normalizeItemType(name: string): ItemType | null {
  const key = name.toLowerCase().replace(/[\s_-]+/g, "");
  return TYPE_ALIASES[key] ?? TYPE_ALIASES[key.replace(/s$/, "")] ?? null;
}

export const toItemType: Converter<ItemType> = ({ value }) => {
  if (typeof value !== "string" || value.trim() === "") return problem("is required");
  return normalizeItemType(value) ?? problem(`"${value}" is not a known type (use ${ITEM_TYPES.join(", ")})`);
};

export const toTitle: Converter<string> = (field) => {
  const title = required(toText)(field);
  if (isProblem(title)) return title;
  const length = [...title].length;
  return length > MAX_TITLE_LENGTH
    ? problem(`is ${length} characters long (at most ${MAX_TITLE_LENGTH})`)
    : title;
};

export function describe(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a date";
  if (typeof value === "object") return "a mapping";
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------
// Notes
// ---------------------------------------------------------------------------

/** A line that starts a note: a date, a colon, the text. */
export const NOTE_START = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}\/\d{4}|\d{4}\/\d{1,2}\/\d{1,2})\s*:(.*)$/;

/**
 * "YYYY-MM-DD: text" lines; any other line continues the note above it.
 * Each note's text is trimmed (blank lines inside it are kept).
 */
export function parseNotesText(text: string): ItemNote[] | Problem {
  const notes: ItemNote[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    const start = NOTE_START.exec(line.trim());
    const date = start ? parseDateText(start[1]!) : null;
    if (start && !date) return problem(`line ${i + 1} starts with an invalid date "${start[1]}"`);
    if (date) {
      notes.push({ date, content: start![2]! });
    } else if (notes.length > 0) {
      notes[notes.length - 1]!.content += `\n${line.trimEnd()}`;
    } else if (line.trim() !== "") {
      return problem(`line ${i + 1} does not start with a date ("YYYY-MM-DD: text")`);
    }
  }
  return notes.map((n) => ({ ...n, content: n.content.trim() }));
}

/** Notes as a multi-line string, a list of such strings, or a list of {date, content[, author]}. */
export const toNotes: Converter<ItemNote[]> = (field) => {
  const { value } = field;
  if (value === null || value === undefined || value === "") return [];
  if (typeof value === "string") return parseNotesText(value);
  if (!Array.isArray(value)) {
    return problem(`must be text or a list of {date, content}, not ${describe(value)}`);
  }
  const notes: ItemNote[] = [];
  for (const [i, entry] of value.entries()) {
    const note = typeof entry === "string" ? parseNotesText(entry) : noteFromMapping(entry, field);
    if (isProblem(note)) return problem(`entry ${i + 1}: ${note.problem}`);
    notes.push(...(Array.isArray(note) ? note : [note]));
  }
  return notes;
};

/** Notes, each at most as long as the editor allows. */
export const toLimitedNotes: Converter<ItemNote[]> = (field) => {
  const notes = toNotes(field);
  if (isProblem(notes)) return notes;
  const i = notes.findIndex(
    (n) => n.content.length > ITEM_LIMITS.note && charLength(n.content) > ITEM_LIMITS.note,
  );
  return i < 0
    ? notes
    : problem(
        `has a note (${notes[i]!.date}) longer than ${ITEM_LIMITS.note.toLocaleString("en-US")} characters`,
      );
};

export function noteFromMapping(entry: unknown, field: Field): ItemNote | Problem {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    return problem("must be {date, content}");
  }
  const { date, content, author } = entry as Record<string, unknown>;
  const iso = toDate({ value: date, text: null, line: field.line });
  if (isProblem(iso)) return iso;
  if (iso === null) return problem("date is required");
  if (typeof content !== "string" || content.trim() === "") return problem("content is required");
  const note: ItemNote = { date: iso, content: content.trim() };
  if (typeof author === "string" && author.trim() !== "") {
    if (charLength(author.trim()) > ITEM_LIMITS.noteAuthor)
      return problem(`author is longer than ${ITEM_LIMITS.noteAuthor} characters`);
    note.author = author.trim();
  }
  return note;
}

/**
 * Notes go back as the multi-line string whenever that reads back the same;
 * otherwise (authors, or text that would be taken for a new note) as a list.
 */
export function notesToYaml(
  notes: readonly ItemNote[],
): string | { date: IsoDate; content: string; author?: string }[] | null {
  if (notes.length === 0) return null;
  const asText = notes.map((n) => `${n.date}: ${n.content}`).join("\n");
  const back = parseNotesText(asText);
  const readsBack =
    !isProblem(back) && back.length === notes.length && back.every((b, i) => b.content === notes[i]!.content);
  if (readsBack && notes.every((n) => !n.author)) return asText;
  return notes.map((n) =>
    n.author ? { date: n.date, content: n.content, author: n.author } : { date: n.date, content: n.content },
  );
}

/** A number written with exactly two decimals (`185.00`), like v1's money fields. */
export function moneyNode(decimal: string | null): Scalar | null {
  if (decimal === null) return null;
  const node = new Scalar(Number(decimal));
  node.minFractionDigits = 2;
  return node;
}

export function stringify(data: unknown): string {
  const doc = new Document(data, YAML_OPTIONS);
  return doc.toString({ lineWidth: 0, blockQuote: "literal" });
}
