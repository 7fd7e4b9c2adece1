/**
 * The v1 YAML formats (SPEC §8): `RAID-Log-*.yaml` (metadata + items) and
 * `Budget-*.yaml` (metadata, rate card, budget ledger, timesheet data).
 *
 * Parsing is lenient about spelling (date formats, type names, numbers given
 * as strings) but strict about meaning: every problem is collected, tied to
 * an item and a line, and a file with any error yields no records at all.
 * Serializing writes the v1 shape back so that parse(serialize(parse(x)))
 * equals parse(x).
 */
import * as jsYaml from "js-yaml";
import { CORE_SCHEMA, load as loadYaml, YAMLException } from "js-yaml";
import type { LoadOptions, Type as YamlType } from "js-yaml";
import { Document, Scalar } from "yaml";
import type { SchemaOptions } from "yaml";
import { centsToDecimal, costOf, decimalToCents } from "./budget";
import { dateToIso, isoFromParts, monthFromName } from "./dates";
import { findNul } from "./input-text";
import {
  BUDGET_LIMITS,
  charLength,
  IMPORT_LIMITS,
  ITEM_LIMITS,
  MAX_ITEM_NUM,
  PROJECT_LIMITS,
} from "./limits";
import type { IsoDate, ItemNote, ItemRecord, ItemType, ProjectMeta } from "./types";
import { hasRiskData, ITEM_TYPES } from "./types";

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
const YAML_OPTIONS: SchemaOptions = { customTags: ["timestamp"] };

// ---------------------------------------------------------------------------
// Scalar conversions. Each returns the value or a Problem (a message).
// ---------------------------------------------------------------------------

type Problem = { problem: string };
const problem = (message: string): Problem => ({ problem: message });
/** YAML's "\0" escape writes a NUL character, which PostgreSQL cannot store. */
const NUL_PROBLEM = "must not contain NUL characters (written \\0 or \\x00)";
const isProblem = (v: unknown): v is Problem => typeof v === "object" && v !== null && "problem" in v;

/** A mapping value with what the converters need: the JS value, its text as written, its line. */
type Field = { value: unknown; text: string | null; line: number | undefined };
type Converter<T> = (field: Field) => T | Problem;

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
const toDate: Converter<IsoDate | null> = ({ value, text }) => {
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
const toText: Converter<string | null> = ({ value, text }) => {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  if (typeof value === "number" || typeof value === "boolean") return text ?? String(value);
  return problem(`must be text, not ${describe(value)}`);
};

/** Like toText but never trimmed: descriptions keep their line breaks exactly. */
const toLongText: Converter<string | null> = (field) =>
  typeof field.value === "string" ? (field.value.trim() === "" ? null : field.value) : toText(field);

const required =
  <T>(convert: Converter<T | null>): Converter<T> =>
  (field) => {
    const v = convert(field);
    return v === null ? problem("is required") : v;
  };

/** A whole number written as a number or a numeric string. */
function wholeNumber(value: unknown): number | null {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value.trim()) : value;
  return typeof n === "number" && Number.isInteger(n) ? n : null;
}

const toInteger =
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

const withDefault =
  <T>(convert: Converter<T | null>, fallback: T): Converter<T> =>
  (field) =>
    convert(field) ?? fallback;

/** Percent complete: a whole number 0–100, "25%" accepted, missing = 0. */
const toPercent: Converter<number> = (field) => {
  const value = typeof field.value === "string" ? field.value.replace(/%\s*$/, "") : field.value;
  return withDefault(toInteger(0, 100), 0)({ ...field, value });
};

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  yes: true,
  y: true,
  false: false,
  no: false,
  n: false,
};

const toBoolean =
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
const toDecimal: Converter<string | null> = ({ value, text }) => {
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
const toBoundedDecimal =
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
const atMost =
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
const toStringList =
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
const toItemNumbers: Converter<number[]> = ({ value }) => {
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

const TYPE_ALIASES: Record<string, ItemType> = {
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

const toItemType: Converter<ItemType> = ({ value }) => {
  if (typeof value !== "string" || value.trim() === "") return problem("is required");
  return normalizeItemType(value) ?? problem(`"${value}" is not a known type (use ${ITEM_TYPES.join(", ")})`);
};

const toTitle: Converter<string> = (field) => {
  const title = required(toText)(field);
  if (isProblem(title)) return title;
  const length = [...title].length;
  return length > MAX_TITLE_LENGTH
    ? problem(`is ${length} characters long (at most ${MAX_TITLE_LENGTH})`)
    : title;
};

function describe(value: unknown): string {
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
const NOTE_START = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}\/\d{4}|\d{4}\/\d{1,2}\/\d{1,2})\s*:(.*)$/;

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
const toNotes: Converter<ItemNote[]> = (field) => {
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
const toLimitedNotes: Converter<ItemNote[]> = (field) => {
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

function noteFromMapping(entry: unknown, field: Field): ItemNote | Problem {
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
function notesToYaml(
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

// ---------------------------------------------------------------------------
// Reading YAML documents with line numbers
// ---------------------------------------------------------------------------

/*
 * The file is read once, by js-yaml (about ten times faster than building a
 * yaml Document, and a fraction of its memory), with a listener that notes
 * where each value starts. Every mapping gets a table key → {line, text as
 * written}, every list the line of each entry, so an error still names its
 * line and a value keeps the text it was written as (`40000.50`, a date with
 * a time) — without walking the document again per field.
 *
 * Limits: aliases (`*name`) may add at most IMPORT_LIMITS.aliasExpansion
 * characters in all (one anchor repeated a hundred times could otherwise
 * turn 1 MB into 100 MB), and collections nest at most IMPORT_LIMITS.yamlDepth
 * deep.
 */

/** Core schema (so `yes`/`no` stay text) plus timestamps, as PyYAML wrote unquoted dates. */
const READ_SCHEMA = CORE_SCHEMA.extend({
  implicit: [(jsYaml as unknown as { types: { timestamp: YamlType } }).types.timestamp],
});

/** Where a value was written: its first line, and its text for plain scalars that are not strings. */
type Located = { line: number; text: string | null };

type Loaded = {
  root: YamlMapping;
  /** Per mapping: each key's value. */
  fieldsAt: WeakMap<object, Map<string, Located>>;
  /** Per list: the line of each entry. */
  entriesAt: WeakMap<object, number[]>;
  /** First line of every mapping and list. */
  lineAt: WeakMap<object, number>;
};

type YamlMapping = Record<string, unknown>;

const isMapping = (v: unknown): v is YamlMapping =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

class YamlLimitError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Characters a value stands for, counting at most `budget` (so a chain of aliases is never walked in full). */
function expandedSize(value: unknown, budget: number): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && size <= budget) {
    const v = stack.pop();
    if (typeof v === "string") size += v.length;
    else if (Array.isArray(v)) {
      size += 1;
      for (const x of v) stack.push(x);
    } else if (isMapping(v)) {
      for (const [k, x] of Object.entries(v)) {
        size += k.length;
        stack.push(x);
      }
    } else size += 4;
  }
  return size;
}

/**
 * The listener's stack, kept in flat arrays indexed by depth (no object per
 * node: a 50,000-item log has millions of nodes). For each open node: where
 * its value starts, its line, and what its children were — each child's
 * line (negative when the child is empty), its text as written and its value
 * (keys need theirs).
 */
class NodeStack {
  depth = 0;
  readonly start: number[] = [];
  readonly line: number[] = [];
  readonly kids: number[] = [];
  readonly kidLine: number[][] = [];
  readonly kidText: (string | null)[][] = [];
  readonly kidValue: unknown[][] = [];

  open(start: number, line: number) {
    const d = this.depth++;
    this.start[d] = start;
    this.line[d] = line;
    this.kids[d] = 0;
    if (!this.kidLine[d]) {
      this.kidLine[d] = [];
      this.kidText[d] = [];
      this.kidValue[d] = [];
    }
  }

  /** Records the node closing at depth `d` as a child of its parent. */
  addToParent(d: number, line: number, text: string | null, value: unknown) {
    if (d === 0) return;
    const i = this.kids[d - 1]!++;
    this.kidLine[d - 1]![i] = line;
    this.kidText[d - 1]![i] = text;
    this.kidValue[d - 1]![i] = value;
  }
}

function load(text: string): Loaded | ParseFailure {
  const fieldsAt = new WeakMap<object, Map<string, Located>>();
  const entriesAt = new WeakMap<object, number[]>();
  const lineAt = new WeakMap<object, number>();
  const stack = new NodeStack();
  let aliasRoom: number = IMPORT_LIMITS.aliasExpansion;

  const listener = (event: "open" | "close", state: JsYamlState) => {
    if (event === "open") {
      // The value starts after spaces, line breaks and comments.
      let p = state.position;
      let line = state.line;
      for (;;) {
        const c = text.charCodeAt(p);
        if (c === 32 || c === 9 || c === 13) p++;
        else if (c === 10) {
          p++;
          line++;
        } else if (c === 35) {
          while (p < text.length && text.charCodeAt(p) !== 10) p++;
        } else break;
      }
      stack.open(p, line + 1);
      return;
    }
    const d = --stack.depth;
    const start = stack.start[d]!;
    const line = stack.line[d]!;
    const { kind, result } = state;
    let childLine = line;
    let childText: string | null = null;
    if (kind === null && text.charCodeAt(start) === 42 /* "*": an alias */) {
      aliasRoom -= expandedSize(result, aliasRoom);
      if (aliasRoom < 0) {
        throw new YamlLimitError(
          `aliases (*name) repeat more than ${IMPORT_LIMITS.aliasExpansion.toLocaleString("en-US")} characters in all; write the values out instead`,
          line,
        );
      }
    } else if (kind === null && result === null) {
      childLine = -line; // empty: a key's value then takes the key's line
    } else if (kind === "scalar") {
      if (result !== null && typeof result !== "string")
        childText = text.slice(start, state.position).trimEnd();
    } else if (kind === "mapping" && isMapping(result)) {
      lineAt.set(result, line);
      const n = stack.kids[d]!;
      // Keys and values alternate; anything else (a `? key` without a value) keeps the mapping's own line.
      if (n % 2 === 0) {
        const lines = stack.kidLine[d]!;
        const texts = stack.kidText[d]!;
        const values = stack.kidValue[d]!;
        const fields = new Map<string, Located>();
        for (let i = 0; i < n; i += 2) {
          const valueLine = lines[i + 1]!;
          fields.set(String(values[i]), {
            line: valueLine < 0 ? Math.abs(lines[i]!) : valueLine,
            text: texts[i + 1]!,
          });
        }
        fieldsAt.set(result, fields);
      }
    } else if (kind === "sequence" && Array.isArray(result)) {
      lineAt.set(result, line);
      entriesAt.set(
        result,
        stack.kidLine[d]!.slice(0, stack.kids[d]).map((l) => Math.abs(l)),
      );
    }
    stack.addToParent(d, childLine, childText, result);
  };

  let root: unknown;
  try {
    root = loadYaml(text, {
      schema: READ_SCHEMA,
      listener: listener as never,
      maxDepth: IMPORT_LIMITS.yamlDepth,
    } as LoadOptions);
  } catch (err) {
    if (err instanceof YamlLimitError)
      return { ok: false, errors: [{ line: err.line, message: err.message }] };
    if (err instanceof YAMLException) {
      return {
        ok: false,
        errors: [
          {
            line: err.mark ? err.mark.line + 1 : undefined,
            message: `YAML syntax: ${firstLine(err.reason)}`,
          },
        ],
      };
    }
    // Anything else the reader throws (e.g. the stack on absurd input) is still a bad file, not a server error.
    return { ok: false, errors: [{ message: "YAML syntax: the file could not be read" }] };
  }
  if (!isMapping(root)) {
    return {
      ok: false,
      errors: [{ line: 1, message: "the file must be a YAML mapping (metadata:, items: …)" }],
    };
  }
  return { root, fieldsAt, entriesAt, lineAt };
}

/** js-yaml's parser state, as much of it as the listener reads (`kind` is null for aliases and empty values). */
type JsYamlState = { position: number; line: number; kind: string | null; result: unknown };

const firstLine = (s: string) => s.split("\n")[0] ?? s;

/** key → Field for one mapping. */
function fieldsOf(map: YamlMapping, loaded: Loaded): Map<string, Field> {
  const fields = new Map<string, Field>();
  const located = loaded.fieldsAt.get(map);
  const own = loaded.lineAt.get(map);
  for (const [key, value] of Object.entries(map)) {
    const at = located?.get(key);
    fields.set(key, { value, text: at?.text ?? null, line: at?.line ?? own });
  }
  return fields;
}

/** A record being read: a field that failed to convert is `undefined`. */
type Draft<T> = { [K in keyof T]: T[K] | undefined };

/** True when no field failed to convert. */
function isComplete<T extends object>(record: Draft<T>): record is T {
  return Object.values(record).every((v) => v !== undefined);
}

/** Reads fields of one record, recording problems against that record. */
class RecordReader {
  constructor(
    private readonly fields: Map<string, Field>,
    private readonly issues: ImportIssue[],
    private readonly where: { item?: number | string; line?: number; prefix?: string },
  ) {}

  read<T>(name: string, convert: Converter<T>): T | undefined {
    const field = this.fields.get(name) ?? { value: undefined, text: null, line: this.where.line };
    // YAML's "\0" escape writes a NUL, which PostgreSQL cannot store: a problem of this field.
    const result = findNul(field.value) ? problem(NUL_PROBLEM) : convert(field);
    if (!isProblem(result)) return result;
    const fieldName = `${this.where.prefix ?? ""}${name}`;
    this.issues.push({
      item: this.where.item,
      line: field.line,
      field: fieldName,
      message: `${fieldName} ${result.problem}`,
    });
    return undefined;
  }

  /** The first present key among aliases (e.g. `client_name` / `client`). */
  readAny<T>(names: readonly string[], convert: Converter<T>): T | undefined {
    return this.read(names.find((n) => this.fields.has(n)) ?? names[0]!, convert);
  }

  get keys(): string[] {
    return [...this.fields.keys()];
  }
}

const lineOfKey = (loaded: Loaded, key: string) =>
  loaded.fieldsAt.get(loaded.root)?.get(key)?.line ?? loaded.lineAt.get(loaded.root);

/** A top-level list (e.g. `items:`), each entry a mapping; anything else is an error. */
function listOf(loaded: Loaded, key: string, errors: ImportIssue[]): { node: YamlMapping; line?: number }[] {
  const node = loaded.root[key];
  if (node === undefined || node === null) return [];
  const line = lineOfKey(loaded, key);
  if (!Array.isArray(node)) {
    errors.push({ field: key, line, message: `${key} must be a list` });
    return [];
  }
  const lines = loaded.entriesAt.get(node);
  const entries: { node: YamlMapping; line?: number }[] = [];
  for (let i = 0; i < node.length; i++) {
    const entry: unknown = node[i];
    const entryLine = lines?.[i] ?? line;
    if (isMapping(entry)) {
      entries.push({ node: entry, line: entryLine });
    } else {
      errors.push({
        item: `${key} #${i + 1}`,
        line: entryLine,
        message: `${key} #${i + 1} must be a mapping`,
      });
    }
  }
  return entries;
}

function mapAt(loaded: Loaded, key: string, errors: ImportIssue[]): YamlMapping | null {
  const node = loaded.root[key];
  if (isMapping(node)) return node;
  errors.push({
    field: key,
    line: node === undefined ? undefined : lineOfKey(loaded, key),
    message: node === undefined ? `${key} is missing` : `${key} must be a mapping`,
  });
  return null;
}

/** Unknown keys are ignored with a warning, so typos do not go unnoticed. */
function warnUnknownKeys(
  keys: readonly string[],
  known: readonly string[],
  warnings: ImportIssue[],
  where: Omit<ImportIssue, "message"> = {},
) {
  for (const key of keys.filter((k) => !known.includes(k))) {
    const shown = key.replaceAll("\u0000", "\\u0000");
    warnings.push({ ...where, field: shown, message: `unknown field "${shown}" ignored` });
  }
}

const topLevelKeys = (loaded: Loaded): string[] => Object.keys(loaded.root);

// ---------------------------------------------------------------------------
// RAID log
// ---------------------------------------------------------------------------

const RAID_TOP_KEYS = ["metadata", "items"];
const RAID_META_KEYS = [
  "project_name",
  "client_name",
  "client",
  "project_start",
  "project_end",
  "next_item_num",
  "workstreams",
];
const ITEM_KEYS = [
  "item_num",
  "type",
  "title",
  "workstream",
  "assigned_to",
  "start",
  "finish",
  "deadline",
  "duration",
  "percent_complete",
  "priority",
  "draft",
  "client_visible",
  "rpt_out",
  "description",
  "notes",
  "budget_amount",
  "dep_item_num",
  // v1 stored its computed indicator; we recompute it.
  "indicator",
  // Risk fields (SPEC §13), an extension of v1.
  "probability",
  "impact",
  "residual_probability",
  "residual_impact",
  "risk_owner",
  "mitigation",
  "contingency",
  "cost_impact",
  "schedule_impact_days",
];

function readProject(loaded: Loaded, errors: ImportIssue[], warnings: ImportIssue[]): ProjectMeta | null {
  const node = mapAt(loaded, "metadata", errors);
  if (!node) return null;
  const line = loaded.lineAt.get(node);
  const r = new RecordReader(fieldsOf(node, loaded), errors, { line, prefix: "metadata." });
  const project: Draft<ProjectMeta> = {
    name: r.read("project_name", atMost(required(toText), PROJECT_LIMITS.name)),
    clientName: r.readAny(["client_name", "client"], atMost(toText, PROJECT_LIMITS.clientName)),
    projectStart: r.read("project_start", toDate),
    projectEnd: r.read("project_end", toDate),
    nextItemNum: r.read("next_item_num", withDefault(toInteger(1, MAX_ITEM_NUM), 1)),
    workstreams: r.read("workstreams", toStringList({ each: PROJECT_LIMITS.workstream })),
  };
  warnUnknownKeys(r.keys, RAID_META_KEYS, warnings, { line });
  return isComplete(project) ? project : null;
}

function readItem(
  loaded: Loaded,
  entry: { node: YamlMapping; line?: number },
  index: number,
  errors: ImportIssue[],
  warnings: ImportIssue[],
): Draft<ItemRecord> {
  const fields = fieldsOf(entry.node, loaded);
  const itemNum = wholeNumber(fields.get("item_num")?.value);
  const where = { item: itemNum ?? `items #${index + 1}`, line: entry.line };
  const r = new RecordReader(fields, errors, where);
  const item: Draft<ItemRecord> = {
    itemNum: r.read("item_num", required(toInteger(1, MAX_ITEM_NUM))),
    type: r.read("type", toItemType),
    title: r.read("title", toTitle),
    description: r.read("description", atMost(toLongText, ITEM_LIMITS.description)),
    workstream: r.read("workstream", atMost(toText, ITEM_LIMITS.workstream)),
    assignedTo: r.read("assigned_to", atMost(toText, ITEM_LIMITS.assignedTo)),
    start: r.read("start", toDate),
    finish: r.read("finish", toDate),
    deadline: r.read("deadline", toDate),
    duration: r.read("duration", toInteger(0, ITEM_LIMITS.duration)),
    percentComplete: r.read("percent_complete", toPercent),
    draft: r.read("draft", toBoolean(false)),
    clientVisible: r.read("client_visible", toBoolean(true)),
    priority: r.read("priority", atMost(toText, ITEM_LIMITS.priority)),
    rptOut: r.read("rpt_out", toStringList({ each: ITEM_LIMITS.rptOutCode, count: ITEM_LIMITS.rptOutCodes })),
    budgetAmount: r.read(
      "budget_amount",
      toBoundedDecimal({ integerDigits: BUDGET_LIMITS.amountIntegerDigits, negative: true }),
    ),
    indicator: null,
    notes: r.read("notes", toLimitedNotes),
    dependsOn: r.read("dep_item_num", toItemNumbers),
    probability: r.read("probability", toInteger(1, 5)),
    impact: r.read("impact", toInteger(1, 5)),
    residualProbability: r.read("residual_probability", toInteger(1, 5)),
    residualImpact: r.read("residual_impact", toInteger(1, 5)),
    riskOwner: r.read("risk_owner", atMost(toText, ITEM_LIMITS.riskOwner)),
    mitigation: r.read("mitigation", atMost(toLongText, ITEM_LIMITS.riskText)),
    contingency: r.read("contingency", atMost(toLongText, ITEM_LIMITS.riskText)),
    costImpact: r.read(
      "cost_impact",
      toBoundedDecimal({ integerDigits: ITEM_LIMITS.costImpactIntegerDigits }),
    ),
    scheduleImpactDays: r.read("schedule_impact_days", toInteger(0, ITEM_LIMITS.scheduleImpactDays)),
  };
  warnUnknownKeys(r.keys, ITEM_KEYS, warnings, where);
  if (item.start && item.finish && item.finish < item.start) {
    errors.push({
      ...where,
      line: fields.get("finish")?.line,
      field: "finish",
      message: `finish ${item.finish} is before start ${item.start}`,
    });
  }
  return item;
}

/** Cycles reported at most; past this a file has bigger problems than the list shows. */
const MAX_CYCLES = 50;

/**
 * Dependency cycles, each as the item numbers around it with the first
 * repeated at the end (e.g. [3, 7, 3]). Every cycle found is reported once
 * (at most MAX_CYCLES). A depth-first search with its own stack, so a
 * dependency chain as long as the log cannot overflow the call stack.
 */
export function findDependencyCycles(dependsOn: ReadonlyMap<number, readonly number[]>): number[][] {
  const state = new Map<number, "visiting" | "done">();
  /** Position of each item on the current path. */
  const onPath = new Map<number, number>();
  const path: number[] = [];
  const cycles = new Map<string, number[]>();

  const enter = (n: number, stack: { n: number; next: number }[]) => {
    state.set(n, "visiting");
    onPath.set(n, path.length);
    path.push(n);
    stack.push({ n, next: 0 });
  };

  for (const root of [...dependsOn.keys()].sort((a, b) => a - b)) {
    if (state.has(root)) continue;
    const stack: { n: number; next: number }[] = [];
    enter(root, stack);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const deps = dependsOn.get(top.n) ?? [];
      if (top.next < deps.length) {
        const dep = deps[top.next++]!;
        if (state.get(dep) === "visiting") {
          if (cycles.size < MAX_CYCLES) {
            const cycle = [...path.slice(onPath.get(dep)!), dep];
            cycles.set(canonicalCycleKey(cycle), cycle);
          }
        } else if (!state.has(dep) && dependsOn.has(dep)) {
          enter(dep, stack);
        }
      } else {
        stack.pop();
        path.pop();
        onPath.delete(top.n);
        state.set(top.n, "done");
      }
    }
  }
  return [...cycles.values()];
}

/** The same cycle entered at a different item gives the same key. */
function canonicalCycleKey(cycle: readonly number[]): string {
  const ring = cycle.slice(0, -1);
  let start = 0;
  for (let i = 1; i < ring.length; i++) if (ring[i]! < ring[start]!) start = i;
  return [...ring.slice(start), ...ring.slice(0, start)].join(">");
}

/** What the set-wide checks need of an item; taken even from items with other problems, so every problem is reported at once. */
type ItemLink = { itemNum: number; dependsOn: readonly number[]; line: number | undefined };

/** Duplicate numbers, dependencies on missing items, and cycles. */
function checkItemSet(items: readonly ItemLink[], errors: ImportIssue[]) {
  const byNum = new Map<number, ItemLink>();
  for (const item of items) {
    const first = byNum.get(item.itemNum);
    if (first) {
      const firstLine = first.line;
      errors.push({
        item: item.itemNum,
        line: item.line,
        field: "item_num",
        message: `item number ${item.itemNum} is used twice${firstLine ? ` (first on line ${firstLine})` : ""}`,
      });
    } else {
      byNum.set(item.itemNum, item);
    }
  }
  for (const item of items) {
    const missing = item.dependsOn.filter((d) => !byNum.has(d));
    if (missing.length > 0) {
      errors.push({
        item: item.itemNum,
        line: item.line,
        field: "dep_item_num",
        message: `depends on missing item${missing.length > 1 ? "s" : ""} ${missing.map((d) => `#${d}`).join(", ")}`,
      });
    }
  }
  const graph = new Map(items.map((i) => [i.itemNum, i.dependsOn] as const));
  for (const cycle of findDependencyCycles(graph)) {
    const head = byNum.get(cycle[0]!);
    const message =
      cycle.length === 2
        ? `item #${cycle[0]} depends on itself`
        : `dependency cycle: ${
            cycle.length > 12
              ? `${cycle
                  .slice(0, 10)
                  .map((n) => `#${n}`)
                  .join(" → ")} → … (${cycle.length - 1} items) → #${cycle[0]}`
              : cycle.map((n) => `#${n}`).join(" → ")
          }`;
    errors.push({
      item: cycle[0],
      line: head?.line,
      field: "dep_item_num",
      message,
    });
  }
}

/** Workstreams used by items but missing from metadata are added (with a warning). */
function completeWorkstreams(
  project: ProjectMeta,
  items: readonly ItemRecord[],
  lineOfItem: ReadonlyMap<ItemRecord, number | undefined>,
  warnings: ImportIssue[],
): string[] {
  const workstreams = [...project.workstreams];
  for (const item of items) {
    if (item.workstream === null || workstreams.includes(item.workstream)) continue;
    workstreams.push(item.workstream);
    warnings.push({
      item: item.itemNum,
      line: lineOfItem.get(item),
      field: "workstream",
      message: `workstream "${item.workstream}" is not in metadata.workstreams; added`,
    });
  }
  return workstreams;
}

export function parseRaidYaml(text: string): RaidParseResult {
  const loaded = load(text);
  if ("ok" in loaded) return loaded;
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];

  const project = readProject(loaded, errors, warnings);
  const items: ItemRecord[] = [];
  const lineOfItem = new Map<ItemRecord, number | undefined>();
  const links: ItemLink[] = [];
  for (const [i, entry] of listOf(loaded, "items", errors).entries()) {
    const draft = readItem(loaded, entry, i, errors, warnings);
    if (draft.itemNum !== undefined)
      links.push({ itemNum: draft.itemNum, dependsOn: draft.dependsOn ?? [], line: entry.line });
    if (isComplete(draft)) {
      items.push(draft);
      lineOfItem.set(draft, entry.line);
    }
  }
  warnUnknownKeys(topLevelKeys(loaded), RAID_TOP_KEYS, warnings);
  checkItemSet(links, errors);

  if (errors.length > 0 || !project) return { ok: false, errors };
  const maxItemNum = items.reduce((max, i) => Math.max(max, i.itemNum), 0);
  return {
    ok: true,
    project: {
      ...project,
      // The counter never goes back: it stays past every existing item.
      nextItemNum: Math.max(project.nextItemNum, maxItemNum + 1),
      workstreams: completeWorkstreams(project, items, lineOfItem, warnings),
    },
    items,
    warnings,
  };
}

/** A number written with exactly two decimals (`185.00`), like v1's money fields. */
function moneyNode(decimal: string | null): Scalar | null {
  if (decimal === null) return null;
  const node = new Scalar(Number(decimal));
  node.minFractionDigits = 2;
  return node;
}

function stringify(data: unknown): string {
  const doc = new Document(data, YAML_OPTIONS);
  return doc.toString({ lineWidth: 0, blockQuote: "literal" });
}

export function serializeRaidYaml(project: ProjectMeta, items: readonly ItemRecord[]): string {
  return stringify({
    metadata: {
      project_name: project.name,
      client_name: project.clientName,
      project_start: project.projectStart,
      project_end: project.projectEnd,
      next_item_num: project.nextItemNum,
      workstreams: project.workstreams,
    },
    items: items.map((item) => ({
      item_num: item.itemNum,
      type: item.type,
      title: item.title,
      workstream: item.workstream,
      assigned_to: item.assignedTo,
      start: item.start,
      finish: item.finish,
      deadline: item.deadline,
      duration: item.duration,
      percent_complete: item.percentComplete,
      priority: item.priority,
      draft: item.draft,
      client_visible: item.clientVisible,
      rpt_out: item.rptOut,
      description: item.description,
      notes: notesToYaml(item.notes),
      budget_amount: moneyNode(item.budgetAmount),
      dep_item_num: item.dependsOn,
      // Risk keys only on items that carry risk data, so plain v1 logs stay v1-shaped.
      ...(hasRiskData(item)
        ? {
            probability: item.probability ?? null,
            impact: item.impact ?? null,
            residual_probability: item.residualProbability ?? null,
            residual_impact: item.residualImpact ?? null,
            risk_owner: item.riskOwner ?? null,
            mitigation: item.mitigation ?? null,
            contingency: item.contingency ?? null,
            cost_impact: moneyNode(item.costImpact ?? null),
            schedule_impact_days: item.scheduleImpactDays ?? null,
          }
        : {}),
    })),
  });
}

// ---------------------------------------------------------------------------
// Budget file
// ---------------------------------------------------------------------------

export type BudgetFileMeta = {
  projectName: string | null;
  clientName: string | null;
  associatedRaidLog: string | null;
  created: IsoDate | null;
  lastUpdated: IsoDate | null;
  dataSource: string | null;
};
/** Money as exact decimal strings ("185.00"). */
export type RateCardRecord = {
  resourceName: string;
  role: string | null;
  geography: string | null;
  rate: string;
  rollOffDate: IsoDate | null;
  effectiveFrom: IsoDate | null;
  effectiveTo: IsoDate | null;
};
export type AllocationRecord = {
  amount: string;
  date: IsoDate | null;
  note: string | null;
  workstream: string | null;
};
/** Hours, rate and cost as exact decimal strings. */
export type TimesheetRecord = {
  weekEnding: IsoDate;
  resource: string;
  hours: string;
  rate: string;
  cost: string;
  completeWeek: boolean;
};
export type BudgetFile = {
  metadata: BudgetFileMeta;
  rateCard: RateCardRecord[];
  allocations: AllocationRecord[];
  timesheets: TimesheetRecord[];
};

export type BudgetParseResult = { ok: true; budget: BudgetFile; warnings: ImportIssue[] } | ParseFailure;

const BUDGET_TOP_KEYS = ["metadata", "rate_card", "budget_ledger", "timesheet_data"];
const BUDGET_META_KEYS = [
  "project_name",
  "client",
  "client_name",
  "associated_raid_log",
  "created",
  "last_updated",
  "data_source",
];
const RATE_CARD_KEYS = [
  "name",
  "role",
  "geography",
  "rate",
  "roll_off_date",
  "effective_from",
  "effective_to",
];
const LEDGER_KEYS = ["amount", "date", "note", "workstream"];
const TIMESHEET_KEYS = ["week_ending", "resource", "hours", "rate", "cost", "complete_week"];

type Section<T> = { key: string; known: readonly string[]; read: (r: RecordReader) => Draft<T> };

/** Reads every entry of one list section; entries with any problem are left out (and reported). */
function readSection<T extends object>(
  loaded: Loaded,
  section: Section<T>,
  errors: ImportIssue[],
  warnings: ImportIssue[],
): T[] {
  const records: T[] = [];
  for (const [i, entry] of listOf(loaded, section.key, errors).entries()) {
    const where = { item: `${section.key} #${i + 1}`, line: entry.line };
    const r = new RecordReader(fieldsOf(entry.node, loaded), errors, where);
    const record = section.read(r);
    warnUnknownKeys(r.keys, section.known, warnings, where);
    if (isComplete(record)) records.push(record);
  }
  return records;
}

const RATE_CARD: Section<RateCardRecord> = {
  key: "rate_card",
  known: RATE_CARD_KEYS,
  read: (r) => ({
    resourceName: r.read("name", atMost(required(toText), BUDGET_LIMITS.resource)),
    role: r.read("role", atMost(toText, BUDGET_LIMITS.role)),
    geography: r.read("geography", atMost(toText, BUDGET_LIMITS.geography)),
    rate: r.read("rate", required(toBoundedDecimal({ integerDigits: BUDGET_LIMITS.rateIntegerDigits }))),
    rollOffDate: r.read("roll_off_date", toDate),
    effectiveFrom: r.read("effective_from", toDate),
    effectiveTo: r.read("effective_to", toDate),
  }),
};

const LEDGER: Section<AllocationRecord> = {
  key: "budget_ledger",
  known: LEDGER_KEYS,
  read: (r) => ({
    amount: r.read(
      "amount",
      required(toBoundedDecimal({ integerDigits: BUDGET_LIMITS.amountIntegerDigits, negative: true })),
    ),
    date: r.read("date", toDate),
    note: r.read("note", atMost(toText, BUDGET_LIMITS.note)),
    workstream: r.read("workstream", atMost(toText, PROJECT_LIMITS.workstream)),
  }),
};

/** Cost defaults to hours × rate; a given cost is kept as is. A missing flag counts as a complete week. */
const TIMESHEETS: Section<TimesheetRecord> = {
  key: "timesheet_data",
  known: TIMESHEET_KEYS,
  read: (r) => {
    const hours = r.read(
      "hours",
      required(toBoundedDecimal({ integerDigits: 3, max: BUDGET_LIMITS.hoursPerEntry })),
    );
    const rate = r.read(
      "rate",
      required(toBoundedDecimal({ integerDigits: BUDGET_LIMITS.rateIntegerDigits })),
    );
    const costOfRow = (field: Field) => {
      const given = toBoundedDecimal({ integerDigits: BUDGET_LIMITS.amountIntegerDigits })(field);
      if (given !== null || hours === undefined || rate === undefined) return given;
      // A missing cost is hours × rate, which must fit the column too.
      return toBoundedDecimal({ integerDigits: BUDGET_LIMITS.amountIntegerDigits })({
        ...field,
        value: centsToDecimal(costOf(decimalToCents(hours)!, decimalToCents(rate)!)),
      });
    };
    return {
      weekEnding: r.read("week_ending", required(toDate)),
      resource: r.read("resource", atMost(required(toText), BUDGET_LIMITS.resource)),
      hours,
      rate,
      cost: r.read("cost", costOfRow) ?? undefined,
      completeWeek: r.read("complete_week", toBoolean(true)),
    };
  },
};

/** Costs that differ from hours × rate by more than a cent are kept but flagged. */
function warnOnCostMismatch(timesheets: readonly TimesheetRecord[], warnings: ImportIssue[]) {
  for (const [i, t] of timesheets.entries()) {
    const expected = costOf(decimalToCents(t.hours)!, decimalToCents(t.rate)!);
    if (Math.abs(expected - decimalToCents(t.cost)!) > 1) {
      warnings.push({
        item: `timesheet_data #${i + 1}`,
        field: "cost",
        message: `cost ${t.cost} differs from hours × rate (${centsToDecimal(expected)})`,
      });
    }
  }
}

function readBudgetMeta(
  loaded: Loaded,
  errors: ImportIssue[],
  warnings: ImportIssue[],
): BudgetFileMeta | null {
  if (!Object.hasOwn(loaded.root, "metadata")) {
    return {
      projectName: null,
      clientName: null,
      associatedRaidLog: null,
      created: null,
      lastUpdated: null,
      dataSource: null,
    };
  }
  const node = mapAt(loaded, "metadata", errors);
  if (!node) return null;
  const line = loaded.lineAt.get(node);
  const r = new RecordReader(fieldsOf(node, loaded), errors, { line, prefix: "metadata." });
  const meta: Draft<BudgetFileMeta> = {
    projectName: r.read("project_name", toText),
    clientName: r.readAny(["client", "client_name"], toText),
    associatedRaidLog: r.read("associated_raid_log", toText),
    created: r.read("created", toDate),
    lastUpdated: r.read("last_updated", toDate),
    dataSource: r.read("data_source", toText),
  };
  warnUnknownKeys(r.keys, BUDGET_META_KEYS, warnings, { line });
  return isComplete(meta) ? meta : null;
}

export function parseBudgetYaml(text: string): BudgetParseResult {
  const loaded = load(text);
  if ("ok" in loaded) return loaded;
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];

  const metadata = readBudgetMeta(loaded, errors, warnings);
  const rateCard = readSection(loaded, RATE_CARD, errors, warnings);
  const allocations = readSection(loaded, LEDGER, errors, warnings);
  const timesheets = readSection(loaded, TIMESHEETS, errors, warnings);
  warnUnknownKeys(topLevelKeys(loaded), BUDGET_TOP_KEYS, warnings);

  if (errors.length > 0 || !metadata) return { ok: false, errors };
  warnOnCostMismatch(timesheets, warnings);
  return { ok: true, budget: { metadata, rateCard, allocations, timesheets }, warnings };
}

export function serializeBudgetYaml(budget: BudgetFile): string {
  const { metadata: m } = budget;
  return stringify({
    metadata: {
      project_name: m.projectName,
      client: m.clientName,
      associated_raid_log: m.associatedRaidLog,
      created: m.created,
      last_updated: m.lastUpdated,
      data_source: m.dataSource,
    },
    rate_card: budget.rateCard.map((r) => ({
      name: r.resourceName,
      role: r.role,
      geography: r.geography,
      rate: moneyNode(r.rate),
      roll_off_date: r.rollOffDate,
      effective_from: r.effectiveFrom,
      effective_to: r.effectiveTo,
    })),
    budget_ledger: budget.allocations.map((a) => ({
      amount: moneyNode(a.amount),
      date: a.date,
      note: a.note,
      workstream: a.workstream,
    })),
    timesheet_data: budget.timesheets.map((t) => ({
      week_ending: t.weekEnding,
      resource: t.resource,
      hours: moneyNode(t.hours),
      rate: moneyNode(t.rate),
      cost: moneyNode(t.cost),
      complete_week: t.completeWeek,
    })),
  });
}
