/**
 * The v1 YAML formats, part 2: reading a document once with line numbers
 * (js-yaml with a position listener), with alias and depth limits, and the
 * record readers built on it. See yaml-v1.ts.
 */
import * as jsYaml from "js-yaml";
import { CORE_SCHEMA, load as loadYaml, YAMLException } from "js-yaml";
import type { LoadOptions, Type as YamlType } from "js-yaml";
import { IMPORT_LIMITS } from "./limits";
import { findNul } from "./input-text";
import {
  type Converter,
  type Field,
  type ImportIssue,
  type ParseFailure,
  isProblem,
  problem,
} from "./yaml-v1-fields";

/** YAML's "\0" escape writes a NUL character, which PostgreSQL cannot store. */
const NUL_PROBLEM = "must not contain NUL characters (written \\0 or \\x00)";

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
export const READ_SCHEMA = CORE_SCHEMA.extend({
  implicit: [(jsYaml as unknown as { types: { timestamp: YamlType } }).types.timestamp],
});

/** Where a value was written: its first line, and its text for plain scalars that are not strings. */
export type Located = { line: number; text: string | null };

export type Loaded = {
  root: YamlMapping;
  /** Per mapping: each key's value. */
  fieldsAt: WeakMap<object, Map<string, Located>>;
  /** Per list: the line of each entry. */
  entriesAt: WeakMap<object, number[]>;
  /** First line of every mapping and list. */
  lineAt: WeakMap<object, number>;
};

export type YamlMapping = Record<string, unknown>;

export const isMapping = (v: unknown): v is YamlMapping =>
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
export function expandedSize(value: unknown, budget: number): number {
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

export function load(text: string): Loaded | ParseFailure {
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
export type JsYamlState = { position: number; line: number; kind: string | null; result: unknown };

export const firstLine = (s: string) => s.split("\n")[0] ?? s;

/** key → Field for one mapping. */
export function fieldsOf(map: YamlMapping, loaded: Loaded): Map<string, Field> {
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
export type Draft<T> = { [K in keyof T]: T[K] | undefined };

/** True when no field failed to convert. */
export function isComplete<T extends object>(record: Draft<T>): record is T {
  return Object.values(record).every((v) => v !== undefined);
}

/** Reads fields of one record, recording problems against that record. */
export class RecordReader {
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

export const lineOfKey = (loaded: Loaded, key: string) =>
  loaded.fieldsAt.get(loaded.root)?.get(key)?.line ?? loaded.lineAt.get(loaded.root);

/** A top-level list (e.g. `items:`), each entry a mapping; anything else is an error. */
export function listOf(
  loaded: Loaded,
  key: string,
  errors: ImportIssue[],
): { node: YamlMapping; line?: number }[] {
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

export function mapAt(loaded: Loaded, key: string, errors: ImportIssue[]): YamlMapping | null {
  const node = loaded.root[key];
  if (isMapping(node)) return node;
  errors.push({
    field: key,
    line: node === undefined ? undefined : lineOfKey(loaded, key),
    message: node === undefined ? `${key} is missing` : `${key} must be a mapping`,
  });
  return null;
}

/** A mapping read as one record: the keys it may have, and how it is read. */
export type Section<T> = { known: readonly string[]; read: (r: RecordReader) => Draft<T> };

/**
 * Reads the top-level `metadata` mapping with `read` (problems go to `errors`,
 * unknown keys to `warnings`): the record, or null when it is missing, not a
 * mapping, or has a problem.
 */
export function readMetadata<T extends object>(
  loaded: Loaded,
  section: Section<T>,
  errors: ImportIssue[],
  warnings: ImportIssue[],
): T | null {
  const node = mapAt(loaded, "metadata", errors);
  if (!node) return null;
  const line = loaded.lineAt.get(node);
  const r = new RecordReader(fieldsOf(node, loaded), errors, { line, prefix: "metadata." });
  const record = section.read(r);
  warnUnknownKeys(r.keys, section.known, warnings, { line });
  return isComplete(record) ? record : null;
}

/** A top-level list of records (`key`), each read like a `Section`. */
export type ListSection<T> = Section<T> & { key: string };

/** Reads every entry of one list section; entries with any problem are left out (and reported). */
export function readList<T extends object>(
  loaded: Loaded,
  section: ListSection<T>,
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

/** Unknown keys are ignored with a warning, so typos do not go unnoticed. */
export function warnUnknownKeys(
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

export const topLevelKeys = (loaded: Loaded): string[] => Object.keys(loaded.root);
