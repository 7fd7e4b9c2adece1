/**
 * The risk register (SPEC §13): a row per Risk and Issue with its assessments and exposure, the
 * heat maps and exposure over open risks, and sorting and filtering the rows. Pure: the caller
 * passes plain item records (dates, money as decimal strings). Assessment lives in
 * `risk-assessment.ts`, exposure in `risk-exposure.ts`.
 */
import {
  heatMapAssessment,
  heatMaps,
  inherentAssessment,
  isOpenRisk,
  LIKELIHOOD_PCT,
  residualAssessment,
  type HeatMapKind,
  type HeatMaps,
  type RiskBand,
  type RiskLevel,
} from "./risk-assessment";
import { costCents, exposure, riskExposure, type Exposure, type ExposureInput } from "./risk-exposure";
import type { Indicator, ItemType } from "./types";

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
