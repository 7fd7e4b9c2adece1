/**
 * Items from a table (a CSV file or the first sheet of a workbook): which
 * column holds which field (a suggestion from the headings, which the user
 * may change), then each row read into an item with every problem tied to
 * its row and column. Pure. A caller that writes must refuse the table
 * whenever `errors` is not empty.
 */
import { dateProblem, mappingIssues, parseCsvDate } from "./csv-read";
import { findNul } from "./input-text";
import {
  ITEM_TABLE_FIELD_LABELS,
  ITEM_TABLE_FIELDS,
  REQUIRED_ITEM_TABLE_FIELDS,
  type ItemTableField,
  type ItemTableIssue,
  type ItemTableMapping,
} from "./item-table-fields";
import { BUDGET_LIMITS, ITEM_LIMITS, MAX_ITEM_NUM, charLength } from "./limits";
import { ITEM_TYPES, type IsoDate, type ItemRecord, type ItemType } from "./types";
import {
  type Converter,
  type Field,
  isProblem,
  normalizeItemType,
  problem,
  toBoolean,
  toBoundedDecimal,
  toInteger,
  toPercent,
} from "./yaml-v1-fields";

export * from "./item-table-fields";

/** A table as read: headings, then data rows with where each starts (a CSV line or a sheet row). */
export type ItemTable = { headers: string[]; records: { line: number; cells: string[] }[] };

const normalizeHeading = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Other headings a field is found under (the export's own heading comes first). */
const SYNONYMS: Partial<Record<ItemTableField, string[]>> = {
  itemNum: ["itemnum", "itemnumber", "item", "id", "no", "number"],
  type: ["itemtype", "category", "kind"],
  title: ["name", "summary", "subject"],
  workstream: ["stream", "area"],
  assignedTo: ["assignee", "owner", "responsible"],
  start: ["startdate", "begin"],
  finish: ["finishdate", "end", "enddate"],
  deadline: ["duedate", "due"],
  duration: ["days", "durationdays"],
  percentComplete: ["percentcomplete", "pctcomplete", "progress", "percent"],
  budgetAmount: ["budget", "amount"],
};

/**
 * A best guess of which column holds each field: headings compared without
 * case, spaces or punctuation, the export's own heading first, then a few
 * other names. A column is used once.
 */
export function suggestItemMapping(headers: readonly string[]): ItemTableMapping {
  const normalized = headers.map(normalizeHeading);
  const used = new Set<number>();
  const mapping: ItemTableMapping = {};
  const names = (f: ItemTableField) => [normalizeHeading(ITEM_TABLE_FIELD_LABELS[f]), ...(SYNONYMS[f] ?? [])];
  // The export's headings across all fields first, so "Owner" cannot take "Risk Owner"'s place.
  for (const pass of [0, 1]) {
    for (const field of ITEM_TABLE_FIELDS) {
      if (mapping[field] !== undefined) continue;
      const candidates = pass === 0 ? names(field).slice(0, 1) : names(field).slice(1);
      for (const name of candidates) {
        const i = normalized.findIndex((h, idx) => !used.has(idx) && h !== "" && h === name);
        if (i >= 0) {
          mapping[field] = i;
          used.add(i);
          break;
        }
      }
    }
  }
  return mapping;
}

/** Problems of the mapping itself: a required field without a column, a column out of range or used twice. */
export function checkItemMapping(mapping: ItemTableMapping, columnCount: number): ItemTableIssue[] {
  return mappingIssues(
    ITEM_TABLE_FIELDS,
    REQUIRED_ITEM_TABLE_FIELDS,
    ITEM_TABLE_FIELD_LABELS,
    mapping,
    columnCount,
  );
}

/** The export writes a leading apostrophe before text a spreadsheet would run as a formula; reading drops it. */
const unneutralise = (text: string) => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

const text =
  (max: number, { trim = true } = {}): Converter<string | null> =>
  ({ text: t }) => {
    const v = t === null ? "" : unneutralise(trim ? t.trim() : t);
    if (v.trim() === "") return null;
    const n = charLength(v);
    return n > max ? problem(`is ${n.toLocaleString("en-US")} characters long (at most ${max})`) : v;
  };

const date: Converter<IsoDate | null> = ({ text: t }) => {
  if (!t) return null;
  return parseCsvDate(t) ?? problem(dateProblem(t));
};

const itemType: Converter<ItemType | null> = ({ text: t }) => {
  if (!t) return null;
  return normalizeItemType(t) ?? problem(`"${t}" is not an item type (use one of ${ITEM_TYPES.join(", ")})`);
};

/** Converters as the YAML reader's, with the column's label in their messages. */
const CONVERTERS: Record<ItemTableField, Converter<unknown>> = {
  itemNum: toInteger(1, MAX_ITEM_NUM),
  type: itemType,
  workstream: text(ITEM_LIMITS.workstream),
  title: text(ITEM_LIMITS.title),
  description: text(ITEM_LIMITS.description, { trim: false }),
  assignedTo: text(ITEM_LIMITS.assignedTo),
  start: date,
  finish: date,
  deadline: date,
  duration: toInteger(0, ITEM_LIMITS.duration),
  percentComplete: toPercent,
  priority: text(ITEM_LIMITS.priority),
  draft: toBoolean(false),
  clientVisible: toBoolean(true),
  budgetAmount: toBoundedDecimal({ integerDigits: BUDGET_LIMITS.amountIntegerDigits, negative: true }),
  probability: toInteger(1, 5),
  impact: toInteger(1, 5),
  residualProbability: toInteger(1, 5),
  residualImpact: toInteger(1, 5),
  riskOwner: text(ITEM_LIMITS.riskOwner),
  mitigation: text(ITEM_LIMITS.riskText, { trim: false }),
  contingency: text(ITEM_LIMITS.riskText, { trim: false }),
  costImpact: toBoundedDecimal({ integerDigits: ITEM_LIMITS.costImpactIntegerDigits }),
  scheduleImpactDays: toInteger(0, ITEM_LIMITS.scheduleImpactDays),
};

export type ItemTableResult = {
  items: ItemRecord[];
  errors: ItemTableIssue[];
  /** Data rows read (blank rows are not counted). */
  rowCount: number;
};

/** Reads every row into an item; rows with problems are left out of `items` (so refuse when `errors` is not empty). */
export function readItemTable(table: ItemTable, mapping: ItemTableMapping): ItemTableResult {
  const { headers, records } = table;
  const mappingIssues = checkItemMapping(mapping, headers.length);
  if (records.length === 0)
    mappingIssues.push({ row: null, line: null, message: "The file has headings but no rows" });
  if (mappingIssues.length > 0) return { items: [], errors: mappingIssues, rowCount: records.length };

  const errors: ItemTableIssue[] = [];
  const drafts: { item: ItemRecord; row: number; line: number; numbered: boolean }[] = [];
  records.forEach((record, i) => {
    const where = { row: i + 1, line: record.line };
    let ok = true;
    const read = <T>(field: ItemTableField): T | null => {
      const col = mapping[field];
      const cell = col === null || col === undefined ? "" : (record.cells[col] ?? "");
      const trimmed = cell.trim();
      const input: Field = {
        value: trimmed === "" ? undefined : trimmed,
        text: trimmed === "" ? null : cell,
        line: record.line,
      };
      const result = findNul(cell) ? problem("must not contain NUL characters") : CONVERTERS[field](input);
      if (!isProblem(result)) return result as T | null;
      ok = false;
      const label = ITEM_TABLE_FIELD_LABELS[field];
      errors.push({
        ...where,
        field,
        column: headers[col!] || `Column ${col! + 1}`,
        message: `${label} ${result.problem}`,
      });
      return null;
    };
    const need = <T>(field: ItemTableField, value: T | null): T | null => {
      if (value === null && !errors.some((e) => e.row === where.row && e.field === field)) {
        ok = false;
        const col = mapping[field]!;
        errors.push({
          ...where,
          field,
          column: headers[col] || `Column ${col + 1}`,
          message: `${ITEM_TABLE_FIELD_LABELS[field]} is empty`,
        });
      }
      return value;
    };
    const itemNum = read<number>("itemNum");
    const type = need("type", read<ItemType>("type"));
    const title = need("title", read<string>("title"));
    const item: ItemRecord = {
      itemNum: itemNum ?? 0,
      type: type ?? "Action Item",
      title: title ?? "",
      description: read<string>("description"),
      workstream: read<string>("workstream"),
      assignedTo: read<string>("assignedTo"),
      start: read<IsoDate>("start"),
      finish: read<IsoDate>("finish"),
      deadline: read<IsoDate>("deadline"),
      duration: read<number>("duration"),
      percentComplete: read<number>("percentComplete") ?? 0,
      draft: read<boolean>("draft") ?? false,
      clientVisible: read<boolean>("clientVisible") ?? true,
      priority: read<string>("priority"),
      rptOut: [],
      budgetAmount: read<string>("budgetAmount"),
      indicator: null,
      notes: [],
      dependsOn: [],
      probability: read<number>("probability"),
      impact: read<number>("impact"),
      residualProbability: read<number>("residualProbability"),
      residualImpact: read<number>("residualImpact"),
      riskOwner: read<string>("riskOwner"),
      mitigation: read<string>("mitigation"),
      contingency: read<string>("contingency"),
      costImpact: read<string>("costImpact"),
      scheduleImpactDays: read<number>("scheduleImpactDays"),
    };
    if (item.start && item.finish && item.finish < item.start) {
      ok = false;
      const col = mapping.finish!;
      errors.push({
        ...where,
        field: "finish",
        column: headers[col] || `Column ${col + 1}`,
        message: `Finish ${item.finish} is before Start ${item.start}`,
      });
    }
    if (ok) drafts.push({ item, ...where, numbered: itemNum !== null });
  });

  // Item numbers: as written, unique; rows without one are numbered after the highest.
  const seen = new Map<number, number>();
  for (const d of drafts) {
    if (!d.numbered) continue;
    const first = seen.get(d.item.itemNum);
    if (first !== undefined) {
      const col = mapping.itemNum!;
      errors.push({
        row: d.row,
        line: d.line,
        field: "itemNum",
        column: headers[col] || `Column ${col + 1}`,
        message: `Item # ${d.item.itemNum} is used twice (first in row ${first})`,
      });
    } else seen.set(d.item.itemNum, d.row);
  }
  let next = Math.max(0, ...seen.keys()) + 1;
  for (const d of drafts) if (!d.numbered) d.item.itemNum = next++;
  return { items: drafts.map((d) => d.item), errors, rowCount: records.length };
}

/** Counts by item type, in the canonical order. */
export function countByType(items: readonly { type: ItemType }[]): Record<ItemType, number> {
  const counts = Object.fromEntries(ITEM_TYPES.map((t) => [t, 0])) as Record<ItemType, number>;
  for (const i of items) counts[i.type]++;
  return counts;
}
