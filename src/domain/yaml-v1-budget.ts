/**
 * The v1 YAML formats, part 3: `Budget-*.yaml` (metadata, rate card, budget
 * ledger, timesheet data), read and written. See yaml-v1.ts.
 */
import { centsToDecimal, costOf, decimalToCents } from "./budget";
import { BUDGET_LIMITS, PROJECT_LIMITS } from "./limits";
import type { IsoDate } from "./types";
import {
  type Field,
  type ImportIssue,
  type ParseFailure,
  atMost,
  moneyNode,
  required,
  stringify,
  toBoolean,
  toBoundedDecimal,
  toDate,
  toText,
} from "./yaml-v1-fields";
import {
  type ListSection,
  type Loaded,
  type Section,
  load,
  readList,
  readMetadata,
  topLevelKeys,
  warnUnknownKeys,
} from "./yaml-v1-load";

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

const RATE_CARD: ListSection<RateCardRecord> = {
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

const LEDGER: ListSection<AllocationRecord> = {
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
const TIMESHEETS: ListSection<TimesheetRecord> = {
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

const BUDGET_META: Section<BudgetFileMeta> = {
  known: BUDGET_META_KEYS,
  read: (r) => ({
    projectName: r.read("project_name", toText),
    clientName: r.readAny(["client", "client_name"], toText),
    associatedRaidLog: r.read("associated_raid_log", toText),
    created: r.read("created", toDate),
    lastUpdated: r.read("last_updated", toDate),
    dataSource: r.read("data_source", toText),
  }),
};

/** The budget file's metadata; a file without any has none of its fields. */
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
  return readMetadata(loaded, BUDGET_META, errors, warnings);
}

export function parseBudgetYaml(text: string): BudgetParseResult {
  const loaded = load(text);
  if ("ok" in loaded) return loaded;
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];

  const metadata = readBudgetMeta(loaded, errors, warnings);
  const rateCard = readList(loaded, RATE_CARD, errors, warnings);
  const allocations = readList(loaded, LEDGER, errors, warnings);
  const timesheets = readList(loaded, TIMESHEETS, errors, warnings);
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
