/**
 * The Risks tab's view state as it lives in the URL, and the pure steps the
 * view runs on the register (filter, sort, heat-map cell, optimistic P/I edit):
 *   ?band=high&band=extreme&type=Risk&status=open&owner=ana&q=vendor&sort=score&dir=desc&cell=inherent-4-5
 * Rules (scores, bands, heat-map placement) come from src/domain/risk-assessment.ts.
 */
import { createMultiParser, createParser, type inferParserType, parseAsStringLiteral } from "nuqs/server";
import {
  isRiskLevel,
  RISK_BANDS,
  type HeatMapKind,
  type RiskBand,
  type RiskLevel,
} from "@/domain/risk-assessment";
import {
  buildRiskRegister,
  filterRegister,
  sortRegister,
  type HeatCell,
  type RegisterRow,
  type RegisterSortKey,
  type RiskRegister,
} from "@/domain/risk";
import type { ItemType } from "@/domain/types";
import { parseAsText } from "@/lib/url-parsers";

/** Columns the register table sorts by (a subset of the domain's sort keys). */
export const RISK_SORT_KEYS = [
  "itemNum",
  "title",
  "score",
  "residualScore",
  "riskOwner",
  "costImpact",
  "scheduleImpactDays",
] as const satisfies readonly RegisterSortKey[];
export type RiskSortKey = (typeof RISK_SORT_KEYS)[number];

export type RiskStatus = "open" | "closed";

export type RiskViewState = {
  bands: RiskBand[];
  type: Extract<ItemType, "Risk" | "Issue"> | null;
  status: RiskStatus | null;
  owner: string;
  text: string;
  cell: HeatCell | null;
  sort: { key: RiskSortKey; dir: "asc" | "desc" };
};

export const DEFAULT_RISK_SORT: RiskViewState["sort"] = { key: "score", dir: "desc" };

export const EMPTY_RISK_VIEW: RiskViewState = {
  bands: [],
  type: null,
  status: null,
  owner: "",
  text: "",
  cell: null,
  sort: DEFAULT_RISK_SORT,
};

/** "inherent-4-5" ↔ {kind: "inherent", probability: 4, impact: 5}. */
export function cellParam(cell: HeatCell): string {
  return `${cell.kind}-${cell.probability}-${cell.impact}`;
}

export function parseCell(text: string | null): HeatCell | null {
  const m = /^(inherent|residual)-(\d)-(\d)$/.exec(text ?? "");
  if (!m) return null;
  const probability = Number(m[2]);
  const impact = Number(m[3]);
  if (!isRiskLevel(probability) || !isRiskLevel(impact)) return null;
  return { kind: m[1] as HeatMapKind, probability, impact };
}

/** The view state's URL parsers (nuqs); `bands` is written as `band`, `text` as `q`. Junk reads as absent. */
export const riskViewParsers = {
  bands: createMultiParser<RiskBand[]>({
    // In the domain's order, so the chips read low → extreme whatever the URL says.
    parse: (values) => RISK_BANDS.filter((b) => values.includes(b)),
    serialize: (bands) => [...bands],
    eq: (a, b) => a.join() === b.join(),
  }).withDefault([]),
  type: parseAsStringLiteral(["Risk", "Issue"] as const),
  status: parseAsStringLiteral(["open", "closed"] as const),
  owner: parseAsText(200),
  text: parseAsText(200),
  cell: createParser<HeatCell>({
    parse: parseCell,
    serialize: cellParam,
    eq: (a, b) => cellParam(a) === cellParam(b),
  }),
  sort: parseAsStringLiteral(RISK_SORT_KEYS),
  dir: parseAsStringLiteral(["asc", "desc"] as const),
};
export const riskViewUrlKeys = { bands: "band", text: "q" } as const;
type RiskViewValues = inferParserType<typeof riskViewParsers>;

/** URL values → view state: a sort without a direction is ascending; no (known) sort is the default. */
export function toRiskView({ sort, dir, ...filters }: RiskViewValues): RiskViewState {
  return {
    ...filters,
    sort: { key: sort ?? DEFAULT_RISK_SORT.key, dir: dir ?? (sort ? "asc" : DEFAULT_RISK_SORT.dir) },
  };
}

/** View state → URL values: trimmed; defaults (and the default sort, both keys) are left out. */
export function riskViewValues({ sort, ...state }: RiskViewState): RiskViewValues {
  const isDefault = sort.key === DEFAULT_RISK_SORT.key && sort.dir === DEFAULT_RISK_SORT.dir;
  return {
    ...state,
    owner: state.owner.trim(),
    text: state.text.trim(),
    sort: isDefault ? null : sort.key,
    dir: isDefault ? null : sort.dir,
  };
}

/** Closed = finished (indicator Completed or Completed Recently); everything else is open. */
export const isClosedRow = (row: Pick<RegisterRow, "indicator">): boolean =>
  row.indicator === "Completed" || row.indicator === "Completed Recently";

/** The rows the table shows for a view state: filtered, then sorted. */
export function visibleRows(rows: readonly RegisterRow[], state: RiskViewState): RegisterRow[] {
  const filtered = filterRegister(rows, {
    cell: state.cell ?? undefined,
    type: state.type ?? undefined,
    bands: state.bands.length ? state.bands : undefined,
    owner: state.owner || undefined,
    text: state.text || undefined,
  }).filter((r) => state.status === null || isClosedRow(r) === (state.status === "closed"));
  return sortRegister(filtered, { by: state.sort.key, dir: state.sort.dir });
}

/** Pressing a heat-map cell selects it; pressing the selected cell again clears it. */
export function toggleCell(state: RiskViewState, cell: HeatCell): RiskViewState {
  const same =
    state.cell?.kind === cell.kind &&
    state.cell.probability === cell.probability &&
    state.cell.impact === cell.impact;
  return { ...state, cell: same ? null : cell };
}

/** Pressing a column heading: a new column starts high-to-low for numbers, A–Z for text; the same one flips. */
export function nextRiskSort(sort: RiskViewState["sort"], key: RiskSortKey): RiskViewState["sort"] {
  if (sort.key === key) return { key, dir: sort.dir === "asc" ? "desc" : "asc" };
  return { key, dir: key === "title" || key === "riskOwner" || key === "itemNum" ? "asc" : "desc" };
}

/** True when any filter (not the sort) is on. */
export const hasRiskFilters = (s: RiskViewState): boolean =>
  s.bands.length > 0 || !!s.type || !!s.status || !!s.owner || !!s.text || !!s.cell;

export type RiskLevelChanges = Partial<
  Record<"probability" | "impact" | "residualProbability" | "residualImpact", RiskLevel | null>
>;

/**
 * The register as it will be once `changes` are saved for one item: its row's
 * scores and bands, the heat maps and the exposure are recomputed by the
 * domain rules (for the optimistic quick edit). Unknown item → unchanged.
 */
export function patchRegister(reg: RiskRegister, itemNum: number, changes: RiskLevelChanges): RiskRegister {
  if (!reg.risks.some((r) => r.itemNum === itemNum)) return reg;
  const items = reg.risks.map((r) => (r.itemNum === itemNum ? { ...r, ...changes } : r));
  return buildRiskRegister(items);
}

/** "Probability 4, impact 5: 2 risks, band High" — the accessible name of a heat-map cell. */
export function cellLabel(probability: number, impact: number, count: number, bandLabel: string): string {
  return `Probability ${probability}, impact ${impact}: ${count} ${count === 1 ? "risk" : "risks"}, band ${bandLabel}`;
}
