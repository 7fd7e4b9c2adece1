/**
 * Risk assessment (SPEC §13): levels, scores and bands, inherent / residual / current assessments,
 * the open-risk rule and the probability × impact heat maps. Pure.
 */
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
