/**
 * Risk exposure (SPEC §13): expected cost and delay of each open risk and their sums. Pure.
 *
 * Money is exact, as in `budget.ts`: cost impacts are turned into integer
 * cents, likelihoods are whole percentages, so every product and sum is an
 * integer (cents × percent, held as a bigint); only the final sum is rounded
 * to cents, half-up.
 */
import { decimalToCents } from "./budget";
import {
  currentAssessment,
  isOpenRisk,
  LIKELIHOOD_PCT,
  type OpenRiskInput,
  type RiskFields,
} from "./risk-assessment";

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
export function costCents(text: string | null): bigint {
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
