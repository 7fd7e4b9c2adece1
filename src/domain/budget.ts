/**
 * Budget metrics (SPEC §5). Pure: the caller passes every input.
 *
 * Money is exact: decimal strings ("185.00") are turned into integer cents,
 * every sum and product is done on integers, and only the final figures are
 * turned back into JSON numbers (cents / 100, which is exact for any amount
 * below ~90 trillion). Hours use the same two-decimal scale.
 */
import { daysBetween } from "./dates";
import type { IsoDate } from "./types";

// ---------------------------------------------------------------------------
// Money helpers (also used by the YAML importer)
// ---------------------------------------------------------------------------

const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/**
 * "1234.5" → 123450. Accepts at most two decimals; anything else (more
 * decimals, exponents, separators) is null, so callers must clean input first.
 */
export function decimalToCents(text: string): number | null {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) return null;
  return m[1] && cents !== 0 ? -cents : cents;
}

/** 123450 → "1234.50"; −5 → "-0.05". */
export function centsToDecimal(cents: number): string {
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, "0");
  return `${cents < 0 ? "-" : ""}${whole}.${frac}`;
}

/** Integer division rounded half away from zero (money rounding). */
function divideRounded(numerator: number, denominator: number): number {
  const q = Math.round(Math.abs(numerator) / Math.abs(denominator));
  return Math.sign(numerator) * Math.sign(denominator) < 0 ? -q : q;
}

/** Cost in cents of `hours` (hundredths of an hour) at `rate` (cents per hour). */
export function costOf(hoursHundredths: number, rateCents: number): number {
  return divideRounded(hoursHundredths * rateCents, 100);
}

function cents(text: string, what: string): number {
  const c = decimalToCents(text);
  if (c === null) throw new RangeError(`${what} is not a decimal with at most 2 places: "${text}"`);
  return c;
}

const toNumber = (c: number): number => c / 100;

// ---------------------------------------------------------------------------
// Inputs and outputs
// ---------------------------------------------------------------------------

export type BudgetInput = {
  /** Rate-card entries; only those of resources with timesheets on this project set the project end. */
  rateCard: readonly { resourceName: string; rollOffDate: IsoDate | null }[];
  /** The project's allocations (v1 "budget ledger"); amounts may be negative. */
  allocations: readonly { amount: string; workstream?: string | null }[];
  timesheets: readonly {
    resource: string;
    weekEnding: IsoDate;
    hours: string;
    cost: string;
    completeWeek: boolean;
  }[];
  /** Fallback when no rate-card entry of the project has a roll-off date. */
  projectEnd: IsoDate | null;
  /** Budget-type items, for the item total and the workstream variance. */
  budgetItems?: readonly { workstream: string | null; budgetAmount: string | null }[];
};

export type BudgetStatus = "over budget" | "within 15%" | "under budget";

export type WeeklyBurn = { weekEnding: IsoDate; cost: number; cumulative: number };
/** `share` is the percentage of burn to date, one decimal. */
export type ResourceBurn = { resource: string; hours: number; cost: number; share: number };
/** Allocated minus the budget amounts of the Budget items in the same workstream. */
export type WorkstreamVariance = {
  workstream: string;
  allocated: number;
  itemBudget: number;
  variance: number;
};

export type BudgetMetrics = {
  projStart: IsoDate | null;
  projEnd: IsoDate | null;
  updatesThru: IsoDate | null;
  budgetTotal: number;
  burnToDate: number;
  wklyAvgBurn: number;
  weeksTotal: number;
  weeksCompleted: number;
  weeksRemaining: number;
  remainingBurn: number;
  estTotalBurn: number;
  budgetRemaining: number;
  budgetStatus: BudgetStatus;
  burnPct: number;
  remainingPct: number;
  weeklyBurn: WeeklyBurn[];
  resourceBurn: ResourceBurn[];
  /** Sum of the Budget items' amounts, shown beside the ledger total. */
  budgetItemsTotal: number;
  workstreamVariance: WorkstreamVariance[];
  /** Money not yet spent: total − burn to date (v1's "remaining" is the forecast headroom, budgetRemaining). */
  leftToSpend: number;
  /** Weeks with timesheet rows marked incomplete: left out of every figure until they are complete. */
  incompleteWeeks: IsoDate[];
};

// ---------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------

const STATUS_THRESHOLD_PCT = 15;

/** Over budget when the forecast overruns; "within 15%" when the head-room is under 15 % of the total. */
export function budgetStatusOf(totalCents: number, remainingCents: number): BudgetStatus {
  if (remainingCents < 0) return "over budget";
  if (totalCents > 0 && remainingCents * 100 < totalCents * STATUS_THRESHOLD_PCT) return "within 15%";
  return "under budget";
}

/** part / whole in tenths of a percent (29.0 % → 290); 0 when there is nothing to divide by. */
function tenthsOfPercent(part: number, whole: number): number {
  return whole > 0 ? divideRounded(part * 1000, whole) : 0;
}

/** Burn % (one decimal) and remaining % = 100 − burn %, computed in tenths so no float drift. */
function burnPercentages(burnCents: number, totalCents: number): { burnPct: number; remainingPct: number } {
  const tenths = tenthsOfPercent(burnCents, totalCents);
  return { burnPct: tenths / 10, remainingPct: (1000 - tenths) / 10 };
}

/** ceil(days / 7) weeks from start to end; never negative. */
function weeksBetweenCeil(start: IsoDate, end: IsoDate): number {
  return Math.max(0, Math.ceil(daysBetween(start, end) / 7));
}

/** round(days / 7) weeks from start to end (days are whole, so there is never a tie). */
function weeksBetweenRounded(start: IsoDate, end: IsoDate): number {
  return Math.round(daysBetween(start, end) / 7);
}

function maxDate(dates: Iterable<IsoDate | null>): IsoDate | null {
  let max: IsoDate | null = null;
  for (const d of dates) if (d !== null && (max === null || d > max)) max = d;
  return max;
}

function minDate(dates: Iterable<IsoDate | null>): IsoDate | null {
  let min: IsoDate | null = null;
  for (const d of dates) if (d !== null && (min === null || d < min)) min = d;
  return min;
}

/**
 * Project end = the latest roll-off date among rate-card entries of people who
 * booked time on this project (the rate card is org-wide), else `projectEnd`.
 */
function projectEndOf(input: BudgetInput): IsoDate | null {
  const resources = new Set(input.timesheets.map((t) => t.resource.trim()));
  const onProject = input.rateCard.filter((r) => resources.has(r.resourceName.trim()));
  return maxDate(onProject.map((r) => r.rollOffDate)) ?? input.projectEnd;
}

/** Sums values by key, keeping the order keys first appear in. */
function sumByKey(pairs: Iterable<readonly [string, number]>): Map<string, number> {
  const sums = new Map<string, number>();
  for (const [key, value] of pairs) sums.set(key, (sums.get(key) ?? 0) + value);
  return sums;
}

/** A timesheet row in integer units: hours in hundredths, cost in cents. */
type Booked = { resource: string; weekEnding: IsoDate; hours: number; cost: number };

function weeklyBurnOf(entries: readonly Pick<Booked, "weekEnding" | "cost">[]): WeeklyBurn[] {
  const byWeek = sumByKey(entries.map((e) => [e.weekEnding, e.cost]));
  let cumulative = 0;
  return [...byWeek.keys()].sort().map((weekEnding) => {
    const cost = byWeek.get(weekEnding) ?? 0;
    cumulative += cost;
    return { weekEnding, cost: toNumber(cost), cumulative: toNumber(cumulative) };
  });
}

function resourceBurnOf(entries: readonly Omit<Booked, "weekEnding">[], burnCents: number): ResourceBurn[] {
  const cost = sumByKey(entries.map((e) => [e.resource, e.cost]));
  const hours = sumByKey(entries.map((e) => [e.resource, e.hours]));
  return [...cost.entries()]
    .sort(([ra, ca], [rb, cb]) => cb - ca || ra.localeCompare(rb))
    .map(([resource, c]) => ({
      resource,
      hours: toNumber(hours.get(resource) ?? 0),
      cost: toNumber(c),
      share: tenthsOfPercent(c, burnCents) / 10,
    }));
}

/** One row per workstream named by an allocation, sorted by name. */
function workstreamVarianceOf(input: BudgetInput): WorkstreamVariance[] {
  const allocated = sumByKey(
    input.allocations.flatMap((a) =>
      a.workstream ? [[a.workstream, cents(a.amount, "allocation amount")] as const] : [],
    ),
  );
  const itemBudget = sumByKey(
    (input.budgetItems ?? []).flatMap((i) =>
      i.workstream && i.budgetAmount !== null
        ? [[i.workstream, cents(i.budgetAmount, "budget amount")] as const]
        : [],
    ),
  );
  return [...allocated.keys()].sort().map((workstream) => {
    const a = allocated.get(workstream) ?? 0;
    const b = itemBudget.get(workstream) ?? 0;
    return { workstream, allocated: toNumber(a), itemBudget: toNumber(b), variance: toNumber(a - b) };
  });
}

/**
 * SPEC §5. Only complete weeks count towards burn, the weekly series and the
 * resource breakdown (the fixture confirms the resource hours leave out the
 * incomplete last week). Throws RangeError on a malformed decimal string.
 */
export function computeBudgetMetrics(input: BudgetInput): BudgetMetrics {
  const complete: Booked[] = input.timesheets
    .filter((t) => t.completeWeek)
    .map((t) => ({
      resource: t.resource.trim(),
      weekEnding: t.weekEnding,
      hours: cents(t.hours, "hours"),
      cost: cents(t.cost, "cost"),
    }));

  const projStart = minDate(complete.map((e) => e.weekEnding));
  const updatesThru = maxDate(complete.map((e) => e.weekEnding));
  const projEnd = projectEndOf(input);

  const budgetTotal = input.allocations.reduce((sum, a) => sum + cents(a.amount, "allocation amount"), 0);
  const burnToDate = complete.reduce((sum, e) => sum + e.cost, 0);

  const weeksTotal = projStart && projEnd ? weeksBetweenCeil(projStart, projEnd) : 0;
  const weeksCompleted = projStart && updatesThru ? weeksBetweenRounded(projStart, updatesThru) : 0;
  const weeksRemaining = Math.max(0, weeksTotal - weeksCompleted);

  const wklyAvgBurn = weeksCompleted > 0 ? divideRounded(burnToDate, weeksCompleted) : 0;
  const remainingBurn = wklyAvgBurn * weeksRemaining;
  const estTotalBurn = burnToDate + remainingBurn;
  const budgetRemaining = budgetTotal - estTotalBurn;

  const budgetItemsTotal = (input.budgetItems ?? []).reduce(
    (sum, i) => sum + (i.budgetAmount === null ? 0 : cents(i.budgetAmount, "budget amount")),
    0,
  );

  return {
    projStart,
    projEnd,
    updatesThru,
    budgetTotal: toNumber(budgetTotal),
    burnToDate: toNumber(burnToDate),
    wklyAvgBurn: toNumber(wklyAvgBurn),
    weeksTotal,
    weeksCompleted,
    weeksRemaining,
    remainingBurn: toNumber(remainingBurn),
    estTotalBurn: toNumber(estTotalBurn),
    budgetRemaining: toNumber(budgetRemaining),
    budgetStatus: budgetStatusOf(budgetTotal, budgetRemaining),
    ...burnPercentages(burnToDate, budgetTotal),
    weeklyBurn: weeklyBurnOf(complete),
    resourceBurn: resourceBurnOf(complete, burnToDate),
    budgetItemsTotal: toNumber(budgetItemsTotal),
    workstreamVariance: workstreamVarianceOf(input),
    leftToSpend: toNumber(budgetTotal - burnToDate),
    incompleteWeeks: [
      ...new Set(input.timesheets.filter((t) => !t.completeWeek).map((t) => t.weekEnding)),
    ].sort(),
  };
}

/**
 * The budget status in words, with the figure behind it: how far the forecast
 * total lands under or over the budget, and whether that is inside the 15 %
 * margin that separates "under budget" from "within 15%".
 */
export function budgetStatusSentence(
  m: Pick<BudgetMetrics, "budgetTotal" | "budgetRemaining" | "estTotalBurn" | "budgetStatus">,
): string {
  if (m.budgetTotal <= 0)
    return m.estTotalBurn > 0
      ? "No budget recorded yet: every forecast cost is over it."
      : "No budget recorded yet.";
  const pct = Math.round((Math.abs(m.budgetRemaining) * 1000) / m.budgetTotal) / 10;
  const figure = `${pct.toLocaleString("en-US", { maximumFractionDigits: 1 })} %`;
  if (m.budgetStatus === "over budget") return `Forecast ${figure} over budget.`;
  if (m.budgetStatus === "within 15%")
    return `Forecast ${figure} under budget — inside the ${STATUS_THRESHOLD_PCT} % margin, so little room is left.`;
  return `Forecast ${figure} under budget — more than the ${STATUS_THRESHOLD_PCT} % margin to spare.`;
}

// ---------------------------------------------------------------------------
// Portfolio roll-up
// ---------------------------------------------------------------------------

/** The projects' metrics added up: the figures that sum across projects (no week counts). */
export type BudgetRollUp = { projectCount: number } & Pick<
  BudgetMetrics,
  | "projStart"
  | "projEnd"
  | "updatesThru"
  | "budgetTotal"
  | "burnToDate"
  | "wklyAvgBurn"
  | "remainingBurn"
  | "estTotalBurn"
  | "budgetRemaining"
  | "budgetStatus"
  | "burnPct"
  | "remainingPct"
  | "weeklyBurn"
  | "resourceBurn"
>;

/** Metrics figures are whole cents already, so this is exact. */
const numberToCents = (n: number): number => Math.round(n * 100);

/**
 * Sums several projects' metrics (a portfolio). Money adds up; dates span
 * all projects; status and percentages are recomputed from the sums. Week
 * counts are left out because they do not add across projects.
 */
export function rollUpBudgets(metrics: readonly BudgetMetrics[]): BudgetRollUp {
  const sum = (pick: (m: BudgetMetrics) => number) => metrics.reduce((s, m) => s + numberToCents(pick(m)), 0);
  const budgetTotal = sum((m) => m.budgetTotal);
  const burnToDate = sum((m) => m.burnToDate);
  const budgetRemaining = sum((m) => m.budgetRemaining);

  const weeklyBurn = weeklyBurnOf(
    metrics
      .flatMap((m) => m.weeklyBurn)
      .map((w) => ({ weekEnding: w.weekEnding, cost: numberToCents(w.cost) })),
  );
  const resourceBurn = resourceBurnOf(
    metrics
      .flatMap((m) => m.resourceBurn)
      .map((r) => ({ resource: r.resource, hours: numberToCents(r.hours), cost: numberToCents(r.cost) })),
    burnToDate,
  );

  return {
    projectCount: metrics.length,
    projStart: minDate(metrics.map((m) => m.projStart)),
    projEnd: maxDate(metrics.map((m) => m.projEnd)),
    updatesThru: maxDate(metrics.map((m) => m.updatesThru)),
    budgetTotal: toNumber(budgetTotal),
    burnToDate: toNumber(burnToDate),
    wklyAvgBurn: toNumber(sum((m) => m.wklyAvgBurn)),
    remainingBurn: toNumber(sum((m) => m.remainingBurn)),
    estTotalBurn: toNumber(sum((m) => m.estTotalBurn)),
    budgetRemaining: toNumber(budgetRemaining),
    budgetStatus: budgetStatusOf(budgetTotal, budgetRemaining),
    ...burnPercentages(burnToDate, budgetTotal),
    weeklyBurn,
    resourceBurn,
  };
}
