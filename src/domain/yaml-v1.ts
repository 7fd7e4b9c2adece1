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
import { BUDGET_LIMITS, ITEM_LIMITS, MAX_ITEM_NUM, PROJECT_LIMITS } from "./limits";
import type { ItemRecord, ProjectMeta } from "./types";
import { hasRiskData } from "./types";
import {
  type ImportIssue,
  type RaidParseResult,
  atMost,
  moneyNode,
  notesToYaml,
  required,
  stringify,
  toBoolean,
  toBoundedDecimal,
  toDate,
  toInteger,
  toItemNumbers,
  toItemType,
  toLimitedNotes,
  toLongText,
  toPercent,
  toStringList,
  toText,
  toTitle,
  wholeNumber,
  withDefault,
} from "./yaml-v1-fields";
import {
  type Draft,
  type Loaded,
  RecordReader,
  type YamlMapping,
  fieldsOf,
  isComplete,
  listOf,
  load,
  readMetadata,
  type Section,
  topLevelKeys,
  warnUnknownKeys,
} from "./yaml-v1-load";

export { MAX_TITLE_LENGTH, normalizeItemType, parseDateText, parseNotesText } from "./yaml-v1-fields";
export type { ImportIssue, ParseFailure, RaidParseResult } from "./yaml-v1-fields";
export * from "./yaml-v1-budget";

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

const RAID_META: Section<ProjectMeta> = {
  known: RAID_META_KEYS,
  read: (r) => ({
    name: r.read("project_name", atMost(required(toText), PROJECT_LIMITS.name)),
    clientName: r.readAny(["client_name", "client"], atMost(toText, PROJECT_LIMITS.clientName)),
    projectStart: r.read("project_start", toDate),
    projectEnd: r.read("project_end", toDate),
    nextItemNum: r.read("next_item_num", withDefault(toInteger(1, MAX_ITEM_NUM), 1)),
    workstreams: r.read("workstreams", toStringList({ each: PROJECT_LIMITS.workstream })),
  }),
};

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

  const project = readMetadata(loaded, RAID_META, errors, warnings);
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
