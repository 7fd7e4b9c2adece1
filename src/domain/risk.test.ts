import { describe, expect, it } from "vitest";
import type { HeatMapKind, RiskLevel } from "./risk-assessment";
import type { RegisterItemInput } from "./risk";
import {
  RISK_LEVELS,
  currentAssessment,
  heatMaps,
  isOpenRisk,
  likelihood,
  residualScore,
  riskBand,
} from "./risk-assessment";
import { exposure, riskExposure } from "./risk-exposure";
import { buildRiskRegister, filterRegister, rowsInCell, sortRegister } from "./risk";
import type { Indicator, ItemType } from "./types";
import { gridOf } from "./testing/heat-grid";

const item = (over: Partial<RegisterItemInput> & { itemNum: number }): RegisterItemInput => ({
  type: "Risk",
  title: `Risk ${over.itemNum}`,
  draft: false,
  indicator: "Not Started",
  probability: null,
  impact: null,
  residualProbability: null,
  residualImpact: null,
  costImpact: null,
  scheduleImpactDays: null,
  riskOwner: null,
  mitigation: null,
  contingency: null,
  ...over,
});

describe("riskBand", () => {
  const cases: [number, string][] = [
    [1, "low"],
    [4, "low"],
    [5, "medium"],
    [9, "medium"],
    [10, "high"],
    [15, "high"],
    [16, "high"],
    [20, "extreme"],
    [25, "extreme"],
  ];
  it.each(cases)("score %i is %s", (score, band) => expect(riskBand(score)).toBe(band));

  it("every P × I product falls in exactly the SPEC bands", () => {
    for (const p of RISK_LEVELS)
      for (const i of RISK_LEVELS) {
        const s = p * i;
        const want = s <= 4 ? "low" : s <= 9 ? "medium" : s <= 16 ? "high" : s >= 20 ? "extreme" : "none";
        expect(riskBand(s)).toBe(want);
      }
  });

  it.each([0, 26, 2.5, -3])("rejects score %s", (s) => expect(() => riskBand(s)).toThrow(RangeError));
});

describe("likelihood per probability level", () => {
  it.each([
    [1, 0.1],
    [2, 0.3],
    [3, 0.5],
    [4, 0.7],
    [5, 0.9],
  ] as [RiskLevel, number][])("P%i → %f", (p, l) => expect(likelihood(p)).toBe(l));
});

describe("residual score and current assessment", () => {
  const cases: {
    name: string;
    fields: [number | null, number | null, number | null, number | null];
    residual: number | null;
    current: { p: number; i: number; score: number; source: string } | null;
  }[] = [
    {
      name: "both pairs set: residual wins",
      fields: [4, 5, 2, 3],
      residual: 6,
      current: { p: 2, i: 3, score: 6, source: "residual" },
    },
    {
      name: "no residual: inherent",
      fields: [3, 3, null, null],
      residual: null,
      current: { p: 3, i: 3, score: 9, source: "inherent" },
    },
    {
      name: "half a residual: inherent",
      fields: [1, 2, 1, null],
      residual: null,
      current: { p: 1, i: 2, score: 2, source: "inherent" },
    },
    {
      name: "residual only",
      fields: [null, null, 2, 2],
      residual: 4,
      current: { p: 2, i: 2, score: 4, source: "residual" },
    },
    { name: "nothing set", fields: [null, 4, null, null], residual: null, current: null },
    { name: "out of range values are unset", fields: [6, 2, 0, 3], residual: null, current: null },
  ];
  it.each(cases)("$name", ({ fields, residual, current }) => {
    const [probability, impact, residualProbability, residualImpact] = fields;
    const f = { probability, impact, residualProbability, residualImpact };
    expect(residualScore(f)).toBe(residual);
    const a = currentAssessment(f);
    expect(a && { p: a.probability, i: a.impact, score: a.score, source: a.source }).toEqual(current);
  });
});

describe("isOpenRisk", () => {
  const cases: {
    type: ItemType;
    draft: boolean;
    deleted?: boolean;
    indicator: Indicator | null;
    want: boolean;
  }[] = [
    { type: "Risk", draft: false, indicator: "In Progress", want: true },
    { type: "Risk", draft: false, indicator: null, want: true },
    { type: "Risk", draft: false, indicator: "Late Finish!!", want: true },
    { type: "Risk", draft: false, indicator: "Completed", want: false },
    { type: "Risk", draft: false, indicator: "Completed Recently", want: false },
    { type: "Risk", draft: true, indicator: null, want: false },
    { type: "Risk", draft: false, deleted: true, indicator: "In Progress", want: false },
    { type: "Issue", draft: false, indicator: "In Progress", want: false },
    { type: "Action Item", draft: false, indicator: "In Progress", want: false },
  ];
  it.each(cases)("$type draft=$draft deleted=$deleted $indicator → $want", ({ want, ...i }) =>
    expect(isOpenRisk(i)).toBe(want),
  );
});

describe("exposure arithmetic is exact", () => {
  const cases: { name: string; items: RegisterItemInput[]; cost: string; days: number }[] = [
    { name: "no risks", items: [], cost: "0.00", days: 0 },
    {
      // 0.5 × 12345.67 = 6172.835 → half-up 6172.84 (a float sum gives 6172.834999…)
      name: "half a cent rounds up",
      items: [item({ itemNum: 1, probability: 3, impact: 3, costImpact: "12345.67", scheduleImpactDays: 5 })],
      cost: "6172.84",
      days: 2.5,
    },
    {
      // 0.1 × 0.01 + 0.1 × 0.04 = 0.005 → 0.01; each alone would round to 0.00 and 0.00
      name: "rounds once, after summing",
      items: [
        item({ itemNum: 1, probability: 1, impact: 1, costImpact: "0.01" }),
        item({ itemNum: 2, probability: 1, impact: 1, costImpact: "0.04" }),
      ],
      cost: "0.01",
      days: 0,
    },
    {
      // 0.1 + 0.2 style drift: 0.7 × 0.1 + 0.7 × 0.2 = 0.21 exactly
      name: "no float drift",
      items: [
        item({ itemNum: 1, probability: 4, impact: 1, costImpact: "0.10", scheduleImpactDays: 1 }),
        item({ itemNum: 2, probability: 4, impact: 1, costImpact: "0.20", scheduleImpactDays: 2 }),
      ],
      cost: "0.21",
      days: 2.1,
    },
    {
      // 0.9 × 9,000,000,000,000.00 × 3 — beyond float cents precision, exact as a bigint
      name: "large amounts",
      items: [1, 2, 3].map((n) =>
        item({ itemNum: n, probability: 5, impact: 5, costImpact: "9000000000000.00" }),
      ),
      cost: "24300000000000.00",
      days: 0,
    },
    {
      name: "money without decimals, with one decimal",
      items: [
        item({ itemNum: 1, probability: 2, impact: 2, costImpact: "1000" }),
        item({ itemNum: 2, probability: 2, impact: 2, costImpact: "0.5" }),
      ],
      cost: "300.15",
      days: 0,
    },
  ];
  it.each(cases)("$name", ({ items, cost, days }) => {
    const e = exposure(items);
    expect(e.cost).toBe(cost);
    expect(e.days).toBe(days);
  });

  it("refuses a cost that is not a 2-place decimal", () => {
    expect(() => riskExposure(item({ itemNum: 1, probability: 1, impact: 1, costImpact: "1.005" }))).toThrow(
      RangeError,
    );
  });
});

describe("worst risk", () => {
  const cases: { name: string; items: RegisterItemInput[]; worst: number | null }[] = [
    {
      name: "none when no open risk",
      items: [item({ itemNum: 1, probability: 5, impact: 5, indicator: "Completed" })],
      worst: null,
    },
    {
      name: "largest expected cost, not largest raw cost",
      items: [
        item({ itemNum: 1, probability: 1, impact: 5, costImpact: "100000.00" }), // 10,000
        item({ itemNum: 2, probability: 5, impact: 1, costImpact: "20000.00" }), // 18,000
      ],
      worst: 2,
    },
    {
      name: "cost tie → more expected days",
      items: [
        item({ itemNum: 1, probability: 3, impact: 2, costImpact: "10.00", scheduleImpactDays: 1 }),
        item({ itemNum: 2, probability: 3, impact: 1, costImpact: "10.00", scheduleImpactDays: 4 }),
      ],
      worst: 2,
    },
    {
      name: "cost and days tie → higher score, then lower number",
      items: [
        item({ itemNum: 3, probability: 3, impact: 1 }),
        item({ itemNum: 2, probability: 3, impact: 4 }),
        item({ itemNum: 1, probability: 3, impact: 4 }),
      ],
      worst: 1,
    },
  ];
  it.each(cases)("$name", ({ items, worst }) => expect(exposure(items).worst?.itemNum ?? null).toBe(worst));
});

/**
 * A small register worked by hand from SPEC §13.
 *
 *  #  type   P I  rP rI  cost       days  state          current  likelihood  E[cost]     E[days]
 *  10 Risk   4 5  2  3   50000.00   10    In Progress    2×3=6    30 %        15000.00    3.0
 *  11 Risk   3 3  -  -   12345.67    5    Not Started    3×3=9    50 %         6172.835   2.5
 *  12 Risk   5 5  -  -   99999.00   30    Completed      closed: not on heat maps / exposure
 *  13 Risk   5 4  -  -    1000.00    1    draft          draft: idem
 *  14 Issue  4 4  -  -    5000.00    2    In Progress    issue: register only
 *  15 Risk   1 2  1  -   (none)      1    Late Start!!   1×2=2    10 %            0         0.1
 *  16 Plan   -    not in the register
 *
 *  cost = 15000 + 6172.835 + 0 = 21172.835 → 21172.84 (half-up); days = 3.0 + 2.5 + 0.1 = 5.6
 *  worst = #10 (15000.00 expected); inherent cells (4,5) (3,3) (1,2); residual (2,3) (3,3) (1,2).
 */
describe("hand-worked register", () => {
  const items: RegisterItemInput[] = [
    item({
      itemNum: 10,
      probability: 4,
      impact: 5,
      residualProbability: 2,
      residualImpact: 3,
      costImpact: "50000.00",
      scheduleImpactDays: 10,
      indicator: "In Progress",
      riskOwner: "Ana Ruiz",
      mitigation: "Second supplier",
    }),
    item({ itemNum: 11, probability: 3, impact: 3, costImpact: "12345.67", scheduleImpactDays: 5 }),
    item({
      itemNum: 12,
      probability: 5,
      impact: 5,
      costImpact: "99999.00",
      scheduleImpactDays: 30,
      indicator: "Completed",
    }),
    item({
      itemNum: 13,
      probability: 5,
      impact: 4,
      costImpact: "1000.00",
      scheduleImpactDays: 1,
      draft: true,
      indicator: null,
    }),
    item({
      itemNum: 14,
      type: "Issue",
      probability: 4,
      impact: 4,
      costImpact: "5000.00",
      scheduleImpactDays: 2,
      indicator: "In Progress",
      riskOwner: "Bo Chen",
    }),
    item({
      itemNum: 15,
      probability: 1,
      impact: 2,
      residualProbability: 1,
      scheduleImpactDays: 1,
      indicator: "Late Start!!",
    }),
    item({ itemNum: 16, type: "Plan Item", probability: 5, impact: 5 }),
    item({ itemNum: 17, probability: 5, impact: 5, deleted: true }),
  ];
  const reg = buildRiskRegister(items);

  it("lists every Risk and Issue (drafts and closed too), by current score", () => {
    expect(reg.risks.map((r) => [r.itemNum, r.currentScore])).toEqual([
      [12, 25],
      [13, 20],
      [14, 16],
      [11, 9],
      [10, 6],
      [15, 2],
    ]);
  });

  it("gives scores, bands and per-risk exposure", () => {
    const r10 = reg.risks.find((r) => r.itemNum === 10)!;
    expect(r10).toMatchObject({
      score: 20,
      band: "extreme",
      residualScore: 6,
      residualBand: "medium",
      currentBand: "medium",
      likelihoodPct: 30,
      exposureCost: "15000.00",
      exposureDays: 3,
      open: true,
      riskOwner: "Ana Ruiz",
    });
    const r12 = reg.risks.find((r) => r.itemNum === 12)!;
    expect(r12).toMatchObject({ open: false, exposureCost: null, band: "extreme" });
    const r14 = reg.risks.find((r) => r.itemNum === 14)!;
    expect(r14).toMatchObject({ type: "Issue", open: false, score: 16, band: "high", exposureCost: null });
    expect(reg.risks.find((r) => r.itemNum === 13)).toMatchObject({ draft: true, open: false });
  });

  it("counts open risks on both heat maps", () => {
    expect(reg.heatMap.inherent).toEqual(
      gridOf([
        [4, 5],
        [3, 3],
        [1, 2],
      ]),
    );
    expect(reg.heatMap.residual).toEqual(
      gridOf([
        [2, 3],
        [3, 3],
        [1, 2],
      ]),
    );
  });

  it("sums exposure over open risks by current assessment", () => {
    expect(reg.exposure).toEqual({
      cost: "21172.84",
      days: 5.6,
      worst: { itemNum: 10, title: "Risk 10", cost: "15000.00", days: 3, score: 6 },
      risks: 3,
    });
  });

  it("a heat-map cell filters the register to exactly its count", () => {
    for (const kind of ["inherent", "residual"] as HeatMapKind[])
      for (const p of RISK_LEVELS)
        for (const i of RISK_LEVELS)
          expect(rowsInCell(reg.risks, { kind, probability: p, impact: i })).toHaveLength(
            reg.heatMap[kind][p - 1]![i - 1]!,
          );
    expect(
      rowsInCell(reg.risks, { kind: "inherent", probability: 4, impact: 5 }).map((r) => r.itemNum),
    ).toEqual([10]);
    expect(
      rowsInCell(reg.risks, { kind: "residual", probability: 2, impact: 3 }).map((r) => r.itemNum),
    ).toEqual([10]);
    expect(rowsInCell(reg.risks, { kind: "residual", probability: 4, impact: 5 })).toEqual([]);
  });

  it("filters by type, band, owner, text and openness", () => {
    const nums = (f: Parameters<typeof filterRegister>[1]) =>
      filterRegister(reg.risks, f).map((r) => r.itemNum);
    expect(nums({ type: "Issue" })).toEqual([14]);
    expect(nums({ bands: ["extreme"] })).toEqual([12, 13]);
    expect(nums({ openOnly: true })).toEqual([11, 10, 15]);
    expect(nums({ owner: "ana" })).toEqual([10]);
    expect(nums({ text: "SUPPLIER" })).toEqual([10]);
    expect(nums({ cell: { kind: "inherent", probability: 3, impact: 3 }, openOnly: true })).toEqual([11]);
  });

  it("sorts by any column, empty values last in both directions", () => {
    const by = (s: Parameters<typeof sortRegister>[1]) => sortRegister(reg.risks, s).map((r) => r.itemNum);
    expect(by({ by: "exposureCost", dir: "desc" })).toEqual([10, 11, 15, 12, 13, 14]);
    expect(by({ by: "exposureCost", dir: "asc" })).toEqual([15, 11, 10, 12, 13, 14]);
    expect(by({ by: "residualScore", dir: "asc" })).toEqual([10, 12, 13, 14, 11, 15]);
    expect(by({ by: "costImpact", dir: "desc" })).toEqual([12, 10, 11, 14, 13, 15]);
    expect(by({ by: "riskOwner", dir: "asc" })).toEqual([10, 14, 12, 13, 11, 15]);
  });
});

describe("heat maps property: totals equal the number of assessed open risks", () => {
  it("holds for 200 seeded random registers", () => {
    let s = 12345;
    const rnd = (n: number) => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s % n;
    };
    const lvl = () => (rnd(6) || null) as number | null; // null or 1–5
    const indicators: (Indicator | null)[] = [
      "In Progress",
      "Completed",
      "Completed Recently",
      null,
      "Late Finish!!",
    ];
    for (let run = 0; run < 200; run++) {
      const items = Array.from({ length: 1 + rnd(30) }, (_, k) =>
        item({
          itemNum: k + 1,
          type: (["Risk", "Risk", "Issue"] as const)[rnd(3)],
          draft: rnd(5) === 0,
          indicator: indicators[rnd(indicators.length)]!,
          probability: lvl(),
          impact: lvl(),
          residualProbability: lvl(),
          residualImpact: lvl(),
          costImpact: rnd(2) ? `${rnd(100000)}.${String(rnd(100)).padStart(2, "0")}` : null,
          scheduleImpactDays: rnd(2) ? rnd(60) : null,
        }),
      );
      const maps = heatMaps(items);
      const total = (g: number[][]) => g.flat().reduce((a, b) => a + b, 0);
      const open = items.filter(isOpenRisk);
      expect(total(maps.residual)).toBe(open.filter((i) => currentAssessment(i)).length);
      expect(total(maps.residual)).toBeGreaterThanOrEqual(total(maps.inherent));
      expect(exposure(items).risks).toBe(total(maps.residual));
    }
  });
});
