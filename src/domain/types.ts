/** Core vocabulary of the BRAID log (SPEC §2–§4). Pure: no I/O. */

export const ITEM_TYPES = [
  "Budget",
  "Risk",
  "Action Item",
  "Issue",
  "Decision",
  "Deliverable",
  "Plan Item",
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const INDICATORS = [
  "Beyond Deadline!!!",
  "Late Finish!!",
  "Late Start!!",
  "Trending Late!",
  "Finishing Soon!",
  "In Progress",
  "Starting Soon!",
  "Not Started",
  "Completed Recently",
  "Completed",
] as const;
/** In display order (most urgent first). */
export type Indicator = (typeof INDICATORS)[number];

export const SEVERITIES = ["critical", "warning", "active", "upcoming", "completed", "done"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A calendar date, `YYYY-MM-DD`. Never a timestamp, never shifted by a time zone. */
export type IsoDate = string;

export type ItemNote = { date: IsoDate; content: string; author?: string | null };

/** The shape domain functions work on: plain data, dates as IsoDate strings. */
export type ItemRecord = {
  itemNum: number;
  type: ItemType;
  title: string;
  description: string | null;
  workstream: string | null;
  assignedTo: string | null;
  start: IsoDate | null;
  finish: IsoDate | null;
  deadline: IsoDate | null;
  /** Business days. */
  duration: number | null;
  percentComplete: number;
  draft: boolean;
  clientVisible: boolean;
  priority: string | null;
  rptOut: string[];
  /** Exact decimal as a string (Budget items), e.g. "12500.00". */
  budgetAmount: string | null;
  indicator: Indicator | null;
  notes: ItemNote[];
  /** Item numbers this item depends on. */
  dependsOn: number[];
} & Partial<RiskData>;

/**
 * Risk fields of an item (SPEC §13). Optional on ItemRecord so records built
 * without them (older fixtures, tests) stay valid; loaded records carry all.
 */
export type RiskData = {
  /** 1–5. */
  probability: number | null;
  impact: number | null;
  residualProbability: number | null;
  residualImpact: number | null;
  riskOwner: string | null;
  mitigation: string | null;
  contingency: string | null;
  /** Exact decimal string, e.g. "25000.00". */
  costImpact: string | null;
  /** Whole days ≥ 0. */
  scheduleImpactDays: number | null;
};

export const RISK_DATA_KEYS = [
  "probability",
  "impact",
  "residualProbability",
  "residualImpact",
  "riskOwner",
  "mitigation",
  "contingency",
  "costImpact",
  "scheduleImpactDays",
] as const satisfies readonly (keyof RiskData)[];

/** An item's risk fields, each null where the item leaves it out. */
export function riskDataOf(item: Partial<RiskData>): RiskData {
  return {
    probability: item.probability ?? null,
    impact: item.impact ?? null,
    residualProbability: item.residualProbability ?? null,
    residualImpact: item.residualImpact ?? null,
    riskOwner: item.riskOwner ?? null,
    mitigation: item.mitigation ?? null,
    contingency: item.contingency ?? null,
    costImpact: item.costImpact ?? null,
    scheduleImpactDays: item.scheduleImpactDays ?? null,
  };
}

/** True when any risk field of the item holds a value. */
export function hasRiskData(item: Partial<RiskData>): boolean {
  return RISK_DATA_KEYS.some((k) => item[k] !== null && item[k] !== undefined);
}

export type ProjectMeta = {
  name: string;
  clientName: string | null;
  projectStart: IsoDate | null;
  projectEnd: IsoDate | null;
  nextItemNum: number;
  workstreams: string[];
};
