/**
 * Risk assessment, heat maps, exposure and the risk register (SPEC §13).
 * Pure: the caller passes plain item records (dates, money as decimal strings).
 *
 * Money is exact, as in `budget.ts`: cost impacts are turned into integer
 * cents, likelihoods are whole percentages, so every product and sum is an
 * integer (cents × percent, held as a bigint); only the final sum is rounded
 * to cents, half-up.
 */
import { decimalToCents } from "./budget";
import { riskScore } from "./indicators";
import type { Indicator, ItemType } from "./types";

// ---------------------------------------------------------------------------
// Scores and bands
// ---------------------------------------------------------------------------

export const RISK_LEVELS = [1, 2, 3, 4, 5] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_BANDS = ["low", "medium", "high", "extreme"] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

/** Display text and colour of each band (the UI shows both: never colour alone). */
export const RISK_BAND_LABEL: Record<RiskBand, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  extreme: "Extreme",
};
export const RISK_BAND_COLOUR: Record<RiskBand, string> = {
  low: "green",
  medium: "amber",
  high: "orange",
  extreme: "red",
};

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 5;
}

/**
 * Band of a score: 1–4 low, 5–9 medium, 10–16 high, 20–25 extreme. P × I never
 * gives 17–19; they count as extreme (above the high band). Throws on a score
 * outside 1–25 or not whole.
 */
export function riskBand(score: number): RiskBand {
  if (!Number.isInteger(score) || score < 1 || score > 25) {
    throw new RangeError(`A risk score is a whole number from 1 to 25, got ${score}`);
  }
  if (score <= 4) return "low";
  if (score <= 9) return "medium";
  if (score <= 16) return "high";
  return "extreme";
}

/** Band of a score that may be missing. */
export function riskBandOf(score: number | null): RiskBand | null {
  return score === null ? null : riskBand(score);
}

/** Whole-percent likelihood of a probability level: 1 → 10, 2 → 30, 3 → 50, 4 → 70, 5 → 90. */
export const LIKELIHOOD_PCT: Record<RiskLevel, number> = { 1: 10, 2: 30, 3: 50, 4: 70, 5: 90 };

/** Likelihood of a probability level as a fraction (0.1 … 0.9), for display. */
export function likelihood(probability: RiskLevel): number {
  return LIKELIHOOD_PCT[probability] / 100;
}

// ---------------------------------------------------------------------------
// Assessment of one item
// ---------------------------------------------------------------------------

/** The risk fields of an item (Risk and Issue items carry them). */
export type RiskFields = {
  probability: number | null;
  impact: number | null;
  residualProbability: number | null;
  residualImpact: number | null;
};

export type Assessment = {
  probability: RiskLevel;
  impact: RiskLevel;
  score: number;
  band: RiskBand;
  /** Which pair it came from. */
  source: "inherent" | "residual";
};

function pair(p: number | null, i: number | null, source: Assessment["source"]): Assessment | null {
  if (!isRiskLevel(p) || !isRiskLevel(i)) return null;
  const score = p * i;
  return { probability: p, impact: i, score, band: riskBand(score), source };
}

/** Inherent assessment (probability × impact), null unless both are set (1–5). */
export function inherentAssessment(item: RiskFields): Assessment | null {
  return pair(item.probability, item.impact, "inherent");
}

/** Residual assessment after mitigation, null unless both residual values are set. */
export function residualAssessment(item: RiskFields): Assessment | null {
  return pair(item.residualProbability, item.residualImpact, "residual");
}

/** Residual score, null unless both residual values are set. */
export function residualScore(item: RiskFields): number | null {
  return riskScore(item.residualProbability, item.residualImpact);
}

/**
 * Current assessment: the residual values where both are set, else the
 * inherent ones; null when neither pair is complete.
 */
export function currentAssessment(item: RiskFields): Assessment | null {
  return residualAssessment(item) ?? inherentAssessment(item);
}

/** What the open-risk rule looks at. */
export type OpenRiskInput = {
  type: ItemType;
  draft: boolean;
  /** Soft-deleted; absent means not deleted. */
  deleted?: boolean;
  indicator: Indicator | null;
};

/** Open risk: a non-draft, non-deleted Risk item whose indicator is not Completed / Completed Recently. */
export function isOpenRisk(item: OpenRiskInput): boolean {
  return (
    item.type === "Risk" &&
    !item.draft &&
    !item.deleted &&
    item.indicator !== "Completed" &&
    item.indicator !== "Completed Recently"
  );
}

// ---------------------------------------------------------------------------
// Heat maps
// ---------------------------------------------------------------------------

/** grid[p-1][i-1]: a count per probability (row) and impact (column). */
export type HeatGrid = number[][];
export type HeatMaps = { inherent: HeatGrid; residual: HeatGrid };
export type HeatMapKind = keyof HeatMaps;

export function emptyGrid(): HeatGrid {
  return RISK_LEVELS.map(() => RISK_LEVELS.map(() => 0));
}

/** The assessment an item is placed by on a heat map (residual falls back to inherent per item). */
export function heatMapAssessment(item: RiskFields, kind: HeatMapKind): Assessment | null {
  return kind === "inherent" ? inherentAssessment(item) : currentAssessment(item);
}

/**
 * Inherent and residual 5 × 5 counts of the open risks. An open risk without
 * a complete inherent pair is left out of the inherent grid; the residual grid
 * places each risk by its current assessment.
 */
export function heatMaps(items: readonly (RiskFields & OpenRiskInput)[]): HeatMaps {
  const maps: HeatMaps = { inherent: emptyGrid(), residual: emptyGrid() };
  for (const item of items) {
    if (!isOpenRisk(item)) continue;
    for (const kind of ["inherent", "residual"] as const) {
      const a = heatMapAssessment(item, kind);
      if (a) maps[kind][a.probability - 1]![a.impact - 1]! += 1;
    }
  }
  return maps;
}

// ---------------------------------------------------------------------------
// Exposure
// ---------------------------------------------------------------------------

export type ExposureFields = {
  /** Money if the risk happens: a decimal string with at most 2 places ("25000.00"). */
  costImpact: string | null;
  /** Whole days of delay if the risk happens. */
  scheduleImpactDays: number | null;
};

/** A cost impact in cents; throws on text that is not a decimal with at most 2 places. */
function costCents(text: string | null): bigint {
  if (text === null || text.trim() === "") return 0n;
  const c = decimalToCents(text);
  if (c === null) throw new RangeError(`Cost impact is not a decimal with at most 2 places: "${text}"`);
  return BigInt(c);
}

/** n / d rounded half away from zero (half-up for the non-negative amounts of exposure). */
function divRound(n: bigint, d: bigint): bigint {
  const neg = n < 0n !== d < 0n;
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  const q = (2n * a + b) / (2n * b);
  return neg ? -q : q;
}

/** Cents (bigint) → "1234.50". */
export function centsToDecimalString(cents: bigint): string {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  return `${neg ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/** Expected values of one risk, unrounded: cost in cent-percent, days in day-percent. */
type RawExposure = { costCentPct: bigint; dayPct: number };

function rawExposure(item: RiskFields & ExposureFields): RawExposure | null {
  const a = currentAssessment(item);
  if (!a) return null;
  const pct = LIKELIHOOD_PCT[a.probability];
  return {
    costCentPct: costCents(item.costImpact) * BigInt(pct),
    dayPct: (item.scheduleImpactDays ?? 0) * pct,
  };
}

const costText = (centPct: bigint): string => centsToDecimalString(divRound(centPct, 100n));
/** Day-percent → days with one decimal, half-up. */
const daysOneDecimal = (dayPct: number): number => Number(divRound(BigInt(dayPct), 10n)) / 10;

/** Expected cost (2 dp) and days (1 dp) of one risk by its current assessment; null when unassessed. */
export function riskExposure(item: RiskFields & ExposureFields): { cost: string; days: number } | null {
  const raw = rawExposure(item);
  return raw ? { cost: costText(raw.costCentPct), days: daysOneDecimal(raw.dayPct) } : null;
}

export type WorstRisk = {
  itemNum: number;
  title: string;
  /** Expected cost of this risk (likelihood × cost impact), 2 dp. */
  cost: string;
  /** Expected delay of this risk (likelihood × schedule impact), 1 dp. */
  days: number;
  /** Current score. */
  score: number;
};

export type Exposure = {
  /** Σ likelihood × cost impact over open risks (current assessment), 2 dp half-up. */
  cost: string;
  /** Σ likelihood × schedule impact days over open risks, 1 dp half-up. */
  days: number;
  /** The open risk with the largest expected cost (ties: expected days, score, lower item number). */
  worst: WorstRisk | null;
  /** Open risks counted (those with a current assessment). */
  risks: number;
};

export type ExposureInput = RiskFields & ExposureFields & OpenRiskInput & { itemNum: number; title: string };

/**
 * Exposure over open risks, by their current assessment. Sums are exact and
 * rounded once at the end. An open risk without any complete P/I pair has no
 * likelihood and adds nothing (and cannot be the worst risk).
 */
export function exposure(items: readonly ExposureInput[]): Exposure {
  let cost = 0n;
  let days = 0;
  let risks = 0;
  let worst: { item: ExposureInput; raw: RawExposure; score: number } | null = null;
  for (const item of items) {
    if (!isOpenRisk(item)) continue;
    const raw = rawExposure(item);
    if (!raw) continue;
    risks += 1;
    cost += raw.costCentPct;
    days += raw.dayPct;
    const score = currentAssessment(item)!.score;
    if (!worst || worseThan({ item, raw, score }, worst)) worst = { item, raw, score };
  }
  return {
    cost: costText(cost),
    days: daysOneDecimal(days),
    worst: worst
      ? {
          itemNum: worst.item.itemNum,
          title: worst.item.title,
          cost: costText(worst.raw.costCentPct),
          days: daysOneDecimal(worst.raw.dayPct),
          score: worst.score,
        }
      : null,
    risks,
  };
}

type Ranked = { item: { itemNum: number }; raw: RawExposure; score: number };
function worseThan(a: Ranked, b: Ranked): boolean {
  if (a.raw.costCentPct !== b.raw.costCentPct) return a.raw.costCentPct > b.raw.costCentPct;
  if (a.raw.dayPct !== b.raw.dayPct) return a.raw.dayPct > b.raw.dayPct;
  if (a.score !== b.score) return a.score > b.score;
  return a.item.itemNum < b.item.itemNum;
}

// ---------------------------------------------------------------------------
// Register
// ---------------------------------------------------------------------------

export const REGISTER_TYPES: readonly ItemType[] = ["Risk", "Issue"];

/** An item as the register reads it (an `ItemRecord` with the risk fields fits). */
export type RegisterItemInput = ExposureInput & {
  riskOwner: string | null;
  mitigation: string | null;
  contingency: string | null;
  assignedTo?: string | null;
  workstream?: string | null;
};

export type RegisterRow = {
  itemNum: number;
  type: ItemType;
  title: string;
  probability: number | null;
  impact: number | null;
  /** Inherent score P × I. */
  score: number | null;
  band: RiskBand | null;
  residualProbability: number | null;
  residualImpact: number | null;
  residualScore: number | null;
  residualBand: RiskBand | null;
  /** Current assessment (residual where both set, else inherent). */
  currentScore: number | null;
  currentBand: RiskBand | null;
  /** Likelihood of the current probability, whole percent (10 … 90). */
  likelihoodPct: number | null;
  riskOwner: string | null;
  mitigation: string | null;
  contingency: string | null;
  costImpact: string | null;
  scheduleImpactDays: number | null;
  /** Expected cost / days of this item; only for open risks with a current assessment. */
  exposureCost: string | null;
  exposureDays: number | null;
  indicator: Indicator | null;
  /** Counts on the heat maps and in exposure (open Risk). */
  open: boolean;
  draft: boolean;
  assignedTo: string | null;
  workstream: string | null;
};

export type RiskRegister = {
  risks: RegisterRow[];
  heatMap: HeatMaps;
  exposure: Exposure;
};

export function registerRow(item: RegisterItemInput): RegisterRow {
  const inherent = inherentAssessment(item);
  const residual = residualAssessment(item);
  const current = residual ?? inherent;
  const open = isOpenRisk(item);
  const exp = open ? riskExposure(item) : null;
  return {
    itemNum: item.itemNum,
    type: item.type,
    title: item.title,
    probability: item.probability,
    impact: item.impact,
    score: inherent?.score ?? null,
    band: inherent?.band ?? null,
    residualProbability: item.residualProbability,
    residualImpact: item.residualImpact,
    residualScore: residual?.score ?? null,
    residualBand: residual?.band ?? null,
    currentScore: current?.score ?? null,
    currentBand: current?.band ?? null,
    likelihoodPct: current ? LIKELIHOOD_PCT[current.probability] : null,
    riskOwner: item.riskOwner,
    mitigation: item.mitigation,
    contingency: item.contingency,
    costImpact: item.costImpact,
    scheduleImpactDays: item.scheduleImpactDays,
    exposureCost: exp?.cost ?? null,
    exposureDays: exp?.days ?? null,
    indicator: item.indicator,
    open,
    draft: item.draft,
    assignedTo: item.assignedTo ?? null,
    workstream: item.workstream ?? null,
  };
}

/**
 * The `project.riskRegister` result: a row for every non-deleted Risk and
 * Issue (drafts and closed ones included, flagged `draft` / `open`), sorted by
 * current score (highest first, unassessed last), then inherent score, then
 * item number; heat maps and exposure over the open Risks only.
 */
export function buildRiskRegister(items: readonly RegisterItemInput[]): RiskRegister {
  const inRegister = items.filter((i) => REGISTER_TYPES.includes(i.type) && !i.deleted);
  return {
    risks: sortRegister(inRegister.map(registerRow), { by: "currentScore", dir: "desc" }),
    heatMap: heatMaps(inRegister),
    exposure: exposure(inRegister),
  };
}

// ---------------------------------------------------------------------------
// Sorting and filtering the register
// ---------------------------------------------------------------------------

export const REGISTER_SORT_KEYS = [
  "itemNum",
  "title",
  "score",
  "residualScore",
  "currentScore",
  "exposureCost",
  "exposureDays",
  "costImpact",
  "scheduleImpactDays",
  "riskOwner",
] as const;
export type RegisterSortKey = (typeof REGISTER_SORT_KEYS)[number];
export type RegisterSort = { by: RegisterSortKey; dir: "asc" | "desc" };

function compareValues(a: RegisterRow, b: RegisterRow, by: RegisterSortKey): number {
  const va = a[by];
  const vb = b[by];
  if (va === vb || va === null || vb === null) return 0;
  if (by === "exposureCost" || by === "costImpact") {
    const ca = costCents(va as string);
    const cb = costCents(vb as string);
    return ca === cb ? 0 : ca < cb ? -1 : 1;
  }
  if (typeof va === "number" && typeof vb === "number") return va - vb;
  return String(va).localeCompare(String(vb), "en", { sensitivity: "base" });
}

/** Higher first, missing last. */
function byScoreDesc(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

/**
 * Rows sorted by one column; empty values always last whatever the direction;
 * ties by current score (highest first), then inherent score, then item
 * number. Returns a new array.
 */
export function sortRegister(rows: readonly RegisterRow[], sort: RegisterSort): RegisterRow[] {
  const sign = sort.dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const aNull = a[sort.by] === null;
    const bNull = b[sort.by] === null;
    if (aNull !== bNull) return aNull ? 1 : -1;
    return (
      compareValues(a, b, sort.by) * sign ||
      byScoreDesc(a.currentScore, b.currentScore) ||
      byScoreDesc(a.score, b.score) ||
      a.itemNum - b.itemNum
    );
  });
}

export type HeatCell = { kind: HeatMapKind; probability: RiskLevel; impact: RiskLevel };

/**
 * The register rows a heat-map cell stands for: open risks placed in that
 * cell (inherent pair, or current assessment for the residual map). For any
 * cell, `rowsInCell(register.risks, cell).length` equals the cell's count.
 */
export function rowsInCell(rows: readonly RegisterRow[], cell: HeatCell): RegisterRow[] {
  return rows.filter((row) => {
    if (!row.open) return false;
    const a = heatMapAssessment(row, cell.kind);
    return a !== null && a.probability === cell.probability && a.impact === cell.impact;
  });
}

export type RegisterFilter = {
  cell?: HeatCell;
  type?: ItemType;
  /** Bands of the current assessment. */
  bands?: readonly RiskBand[];
  openOnly?: boolean;
  /** Case-insensitive substring of the risk owner. */
  owner?: string;
  /** Case-insensitive substring of title, mitigation, contingency or owner. */
  text?: string;
};

/** The register rows matching every given condition. */
export function filterRegister(rows: readonly RegisterRow[], filter: RegisterFilter): RegisterRow[] {
  const owner = filter.owner?.trim().toLowerCase();
  const text = filter.text?.trim().toLowerCase();
  const base = filter.cell ? rowsInCell(rows, filter.cell) : rows;
  return base.filter((row) => {
    if (filter.type && row.type !== filter.type) return false;
    if (filter.openOnly && !row.open) return false;
    if (filter.bands && (!row.currentBand || !filter.bands.includes(row.currentBand))) return false;
    if (owner && !(row.riskOwner ?? "").toLowerCase().includes(owner)) return false;
    if (text) {
      const hay = [row.title, row.mitigation, row.contingency, row.riskOwner].join("\n").toLowerCase();
      if (!hay.includes(text)) return false;
    }
    return true;
  });
}
