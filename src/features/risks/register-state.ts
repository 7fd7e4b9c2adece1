/**
 * The Risks tab's view state as it lives in the URL, and the pure steps the
 * view runs on the register (filter, sort, heat-map cell, optimistic P/I edit):
 *   ?band=high&band=extreme&type=Risk&status=open&owner=ana&q=vendor&sort=score&dir=desc&cell=inherent-4-5
 * Rules (scores, bands, heat-map placement) come from src/domain/risk-assessment.ts.
 */
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

export function parseRiskView(sp: URLSearchParams): RiskViewState {
  const bands = [...new Set(sp.getAll("band"))].filter((b): b is RiskBand =>
    (RISK_BANDS as readonly string[]).includes(b),
  );
  const type = sp.get("type");
  const status = sp.get("status");
  const key = sp.get("sort");
  const dir = sp.get("dir");
  const validKey = (RISK_SORT_KEYS as readonly string[]).includes(key ?? "");
  const sortKey = validKey ? (key as RiskSortKey) : DEFAULT_RISK_SORT.key;
  return {
    // In the domain's order, so the chips read low → extreme whatever the URL says.
    bands: RISK_BANDS.filter((b) => bands.includes(b)),
    type: type === "Risk" || type === "Issue" ? type : null,
    status: status === "open" || status === "closed" ? status : null,
    owner: (sp.get("owner") ?? "").trim().slice(0, 200),
    text: (sp.get("q") ?? "").trim().slice(0, 200),
    cell: parseCell(sp.get("cell")),
    sort: {
      key: sortKey,
      dir: dir === "asc" || dir === "desc" ? dir : validKey ? "asc" : DEFAULT_RISK_SORT.dir,
    },
  };
}

/** The view state as query parameters; defaults are left out. Other parameters in `base` (e.g. `item`) are kept. */
export function riskViewParams(state: RiskViewState, base = new URLSearchParams()): URLSearchParams {
  const p = new URLSearchParams(base);
  for (const k of ["band", "type", "status", "owner", "q", "cell", "sort", "dir"]) p.delete(k);
  for (const b of state.bands) p.append("band", b);
  if (state.type) p.set("type", state.type);
  if (state.status) p.set("status", state.status);
  if (state.owner.trim()) p.set("owner", state.owner.trim());
  if (state.text.trim()) p.set("q", state.text.trim());
  if (state.cell) p.set("cell", cellParam(state.cell));
  if (state.sort.key !== DEFAULT_RISK_SORT.key || state.sort.dir !== DEFAULT_RISK_SORT.dir) {
    p.set("sort", state.sort.key);
    p.set("dir", state.sort.dir);
  }
  return p;
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
