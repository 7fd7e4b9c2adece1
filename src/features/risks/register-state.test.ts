import { createLoader, createSerializer } from "nuqs/server";
import { describe, expect, it } from "vitest";
import { buildRiskRegister, type RegisterItemInput } from "@/domain/risk";
import { NO_RISK } from "@/domain/testing/raid-yaml";
import { exposureVsBudget } from "./exposure-budget";
import {
  cellLabel,
  EMPTY_RISK_VIEW,
  nextRiskSort,
  parseCell,
  patchRegister,
  riskViewParsers,
  riskViewUrlKeys,
  riskViewValues,
  toggleCell,
  toRiskView,
  visibleRows,
  type RiskSortKey,
  type RiskViewState,
} from "./register-state";

function item(over: Partial<RegisterItemInput> & { itemNum: number }): RegisterItemInput {
  return {
    title: `Item ${over.itemNum}`,
    type: "Risk",
    draft: false,
    indicator: "In Progress",
    ...NO_RISK,
    ...over,
  };
}

// #1 P4 I5 = 20 extreme, residual 2×3 = 6 medium; #2 P3 I3 = 9 medium; #3 P2 I2 = 4 low (closed);
// #4 an Issue P5 I4 = 20 extreme; #5 unassessed risk.
const REG = buildRiskRegister([
  item({
    itemNum: 1,
    title: "Vendor slips",
    probability: 4,
    impact: 5,
    residualProbability: 2,
    residualImpact: 3,
    riskOwner: "Ana Ruiz",
    mitigation: "Second supplier",
    costImpact: "10000.00",
    scheduleImpactDays: 10,
  }),
  item({
    itemNum: 2,
    title: "Crane late",
    probability: 3,
    impact: 3,
    riskOwner: "Bo Chen",
    costImpact: "500.00",
  }),
  item({
    itemNum: 3,
    title: "Audit fails",
    probability: 2,
    impact: 2,
    indicator: "Completed",
    riskOwner: "Ana Ruiz",
  }),
  item({
    itemNum: 4,
    title: "Data lost",
    type: "Issue",
    probability: 5,
    impact: 4,
    contingency: "Restore backup",
  }),
  item({ itemNum: 5, title: "Unrated" }),
]);

const view = (over: Partial<RiskViewState>): RiskViewState => ({ ...EMPTY_RISK_VIEW, ...over });
const nums = (state: RiskViewState) => visibleRows(REG.risks, state).map((r) => r.itemNum);

describe("visibleRows", () => {
  it.each<[string, Partial<RiskViewState>, number[]]>([
    ["default: inherent score, highest first, unassessed last", {}, [4, 1, 2, 3, 5]],
    ["score ascending keeps unassessed last", { sort: { key: "score", dir: "asc" } }, [3, 2, 4, 1, 5]],
    ["residual score: only #1 has one", { sort: { key: "residualScore", dir: "desc" } }, [1, 4, 2, 3, 5]],
    ["title A–Z", { sort: { key: "title", dir: "asc" } }, [3, 2, 4, 5, 1]],
    ["cost impact, largest first", { sort: { key: "costImpact", dir: "desc" } }, [1, 2, 4, 3, 5]],
    ["type Issue", { type: "Issue" }, [4]],
    ["closed only", { status: "closed" }, [3]],
    ["open only", { status: "open" }, [4, 1, 2, 5]],
    ["current band medium (#1 by its residual, #2)", { bands: ["medium"] }, [1, 2]],
    ["bands extreme + low", { bands: ["extreme", "low"] }, [4, 3]],
    ["owner", { owner: "ana" }, [1, 3]],
    ["text in mitigation", { text: "supplier" }, [1]],
    ["text in contingency", { text: "BACKUP" }, [4]],
    ["inherent cell P4 I5", { cell: { kind: "inherent", probability: 4, impact: 5 } }, [1]],
    ["residual cell P2 I3", { cell: { kind: "residual", probability: 2, impact: 3 } }, [1]],
    [
      "inherent cell of a closed risk is empty",
      { cell: { kind: "inherent", probability: 2, impact: 2 } },
      [],
    ],
    ["cell and owner together", { cell: { kind: "inherent", probability: 4, impact: 5 }, owner: "bo" }, []],
  ])("%s", (_name, state, expected) => {
    expect(nums(view(state))).toEqual(expected);
  });

  it("a heat-map cell lists as many rows as the cell counts", () => {
    for (const kind of ["inherent", "residual"] as const)
      for (let p = 1; p <= 5; p++)
        for (let i = 1; i <= 5; i++) {
          const cell = { kind, probability: p, impact: i } as RiskViewState["cell"];
          expect(nums(view({ cell })).length).toBe(REG.heatMap[kind][p - 1]![i - 1]);
        }
  });
});

/** How the view reads and writes its URL state (useQueryStates with the same parsers and keys). */
const load = createLoader(riskViewParsers, { urlKeys: riskViewUrlKeys });
const serialize = createSerializer(riskViewParsers, { urlKeys: riskViewUrlKeys });
const parseRiskView = (qs: string) => toRiskView(load(qs));
const riskViewParams = (state: RiskViewState, base = "") =>
  new URLSearchParams(serialize(`?${base}`, riskViewValues(state)));

describe("URL state", () => {
  it.each<[string, string, Partial<RiskViewState>]>([
    ["empty", "", {}],
    [
      "everything",
      "band=high&band=low&type=Risk&status=open&owner=Ana&q=vendor&cell=residual-2-3&sort=title&dir=asc",
      {
        bands: ["low", "high"],
        type: "Risk",
        status: "open",
        owner: "Ana",
        text: "vendor",
        cell: { kind: "residual", probability: 2, impact: 3 },
        sort: { key: "title", dir: "asc" },
      },
    ],
    ["junk is ignored", "band=huge&type=Action&status=maybe&cell=inherent-6-1&sort=drop&dir=up", {}],
    [
      "a sort without a direction is ascending",
      "sort=costImpact",
      { sort: { key: "costImpact", dir: "asc" } },
    ],
  ])("parses %s", (_name, qs, expected) => {
    expect(parseRiskView(qs)).toEqual(view(expected));
  });

  it("round-trips and keeps other parameters (the open item)", () => {
    const state = view({
      bands: ["extreme"],
      type: "Issue",
      status: "closed",
      owner: "Bo Chen",
      text: "crane",
      cell: { kind: "inherent", probability: 5, impact: 1 },
      sort: { key: "residualScore", dir: "asc" },
    });
    const params = riskViewParams(state, "item=7&band=low");
    expect(params.get("item")).toBe("7");
    expect(params.toString()).toBe(
      "item=7&band=extreme&type=Issue&status=closed&owner=Bo+Chen&q=crane&cell=inherent-5-1&sort=residualScore&dir=asc",
    );
    expect(parseRiskView(params.toString())).toEqual(state);
  });

  it("leaves defaults out of the URL, and trims text", () => {
    expect(riskViewParams(EMPTY_RISK_VIEW).toString()).toBe("");
    expect(riskViewParams(view({ owner: "  ", text: " vendor " })).toString()).toBe("q=vendor");
    expect(riskViewParams(view({ sort: { key: "score", dir: "asc" } })).toString()).toBe(
      "sort=score&dir=asc",
    );
  });

  it.each<[string, unknown]>([
    ["inherent-1-5", { kind: "inherent", probability: 1, impact: 5 }],
    ["residual-5-5", { kind: "residual", probability: 5, impact: 5 }],
    ["residual-0-5", null],
    ["other-1-1", null],
    ["", null],
  ])("cell %s", (text, expected) => {
    expect(parseCell(text)).toEqual(expected);
  });
});

describe("toggleCell and nextRiskSort", () => {
  const cell = { kind: "inherent", probability: 4, impact: 5 } as const;
  it("selects a cell, and pressing it again clears it", () => {
    const on = toggleCell(EMPTY_RISK_VIEW, cell);
    expect(on.cell).toEqual(cell);
    expect(toggleCell(on, cell).cell).toBeNull();
  });
  it("the same cell on the other map replaces the selection", () => {
    const on = toggleCell(EMPTY_RISK_VIEW, cell);
    expect(toggleCell(on, { ...cell, kind: "residual" }).cell).toEqual({ ...cell, kind: "residual" });
  });
  it.each<[RiskViewState["sort"], RiskSortKey, RiskViewState["sort"]]>([
    [{ key: "score", dir: "desc" }, "score", { key: "score", dir: "asc" }],
    [{ key: "score", dir: "desc" }, "title", { key: "title", dir: "asc" }],
    [{ key: "title", dir: "asc" }, "costImpact", { key: "costImpact", dir: "desc" }],
  ])("%o + %s → %o", (sort, key, expected) => {
    expect(nextRiskSort(sort, key)).toEqual(expected);
  });
});

describe("patchRegister (optimistic quick edit)", () => {
  it("recomputes the row's score and band, the heat maps and the exposure", () => {
    const next = patchRegister(REG, 2, { probability: 5 });
    const row = next.risks.find((r) => r.itemNum === 2)!;
    expect([row.probability, row.score, row.band]).toEqual([5, 15, "high"]);
    expect(next.heatMap.inherent[4]![2]).toBe(1);
    expect(next.heatMap.inherent[2]![2]).toBe(0);
    // #2: 500 × 90 % instead of 500 × 50 %.
    expect(Number(next.exposure.cost) - Number(REG.exposure.cost)).toBeCloseTo(200, 2);
  });
  it("leaves the register alone for an unknown item", () => {
    expect(patchRegister(REG, 99, { impact: 1 })).toBe(REG);
  });
});

describe("cellLabel", () => {
  it.each<[number, number, number, string, string]>([
    [4, 5, 2, "High", "Probability 4, impact 5: 2 risks, band High"],
    [1, 1, 1, "Low", "Probability 1, impact 1: 1 risk, band Low"],
  ])("%i × %i", (p, i, n, band, expected) => {
    expect(cellLabel(p, i, n, band)).toBe(expected);
  });
});

describe("exposureVsBudget", () => {
  it.each<[string, number, string, number, string, boolean]>([
    [
      "headroom",
      412000,
      "25000.00",
      450000,
      "Forecast $412,000 + risk exposure $25,000 = $437,000 of $450,000 budget — $13,000 headroom",
      false,
    ],
    [
      "over",
      440000,
      "25000.50",
      450000,
      "Forecast $440,000 + risk exposure $25,000.50 = $465,000.50 of $450,000 budget — $15,000.50 over",
      true,
    ],
    [
      "exactly on budget",
      100.25,
      "0.75",
      101,
      "Forecast $100.25 + risk exposure $0.75 = $101 of $101 budget — no headroom left",
      false,
    ],
  ])("%s", (_name, forecast, exposure, budget, sentence, over) => {
    const x = exposureVsBudget(forecast, exposure, budget);
    expect(x.sentence).toBe(sentence);
    expect(x.over).toBe(over);
    expect(x.totalCents).toBe(x.forecastCents + x.exposureCents);
  });
});
