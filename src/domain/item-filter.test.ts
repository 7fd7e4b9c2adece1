import { describe, expect, it } from "vitest";
import {
  filterSlug,
  applyFilters,
  fragmentText,
  itemFilterSql,
  joinFragments,
  sortItems,
  sqlFragment,
} from "./item-filter";
import type { ItemFilter, SortableItem, SortSpec } from "./item-filter";
import { withIndicators } from "./indicators";
import { loadRaid } from "./testing/fixtures";
import { EMPTY_ITEM_FIELDS } from "./testing/items";
import type { ItemRecord } from "./types";

const base: ItemRecord = { itemNum: 0, type: "Risk", title: "", ...EMPTY_ITEM_FIELDS };

const items: SortableItem[] = [
  {
    ...base,
    itemNum: 1,
    type: "Risk",
    title: "Vendor delay",
    workstream: "Build",
    assignedTo: "Ana Ruiz",
    indicator: "Late Finish!!",
    deadline: "2025-04-01",
    rptOut: ["SR"],
    updatedAt: "2025-03-01T10:00:00Z",
  },
  {
    ...base,
    itemNum: 2,
    type: "Issue",
    title: "Login bug",
    description: "Fails on Safari",
    workstream: "Test",
    assignedTo: "Bo Chen",
    indicator: "In Progress",
    clientVisible: false,
    updatedAt: "2025-03-02T10:00:00Z",
  },
  {
    ...base,
    itemNum: 3,
    type: "Decision",
    title: "Use PostgreSQL",
    workstream: null,
    assignedTo: null,
    indicator: "Completed",
    deadline: "2025-02-01",
    rptOut: ["cl", "EXEC"],
  },
  {
    ...base,
    itemNum: 4,
    type: "Action Item",
    title: "Draft plan",
    workstream: "build",
    assignedTo: "ana ruiz",
    indicator: null,
    draft: true,
    updatedAt: new Date("2025-02-15T00:00:00Z"),
  },
  {
    ...base,
    itemNum: 5,
    type: "Risk",
    title: "Budget overrun",
    description: "vendor rates rising",
    indicator: "Trending Late!",
    deadline: "2025-03-15",
    percentComplete: 40,
  },
  {
    ...base,
    itemNum: 6,
    type: "Plan Item",
    title: "Go live",
    description: "Mail ops@tapir-works.example about v2.7",
    indicator: "Completed Recently",
    percentComplete: 100,
  },
];

describe("applyFilters", () => {
  const cases: { name: string; filter: ItemFilter; want: number[] }[] = [
    { name: "no filter keeps everything but drafts", filter: {}, want: [1, 2, 3, 5, 6] },
    { name: "drafts when asked for", filter: { includeDrafts: true }, want: [1, 2, 3, 4, 5, 6] },
    {
      name: "empty lists restrict nothing",
      filter: { types: [], workstreams: [], indicators: [], includeDrafts: true },
      want: [1, 2, 3, 4, 5, 6],
    },
    { name: "by type", filter: { types: ["Risk", "Issue"] }, want: [1, 2, 5] },
    {
      name: "workstream, case-insensitive",
      filter: { workstreams: ["BUILD"], includeDrafts: true },
      want: [1, 4],
    },
    { name: "filter names are trimmed", filter: { workstreams: [" build "] }, want: [1] },
    { name: "workstream none", filter: { workstreams: [null] }, want: [3, 5, 6] },
    {
      name: "assignee, case-insensitive",
      filter: { assignees: ["Ana Ruiz"], includeDrafts: true },
      want: [1, 4],
    },
    { name: "unassigned", filter: { assignees: [null] }, want: [3, 5, 6] },
    {
      name: "by indicator, null for none",
      filter: { indicators: ["In Progress", null], includeDrafts: true },
      want: [2, 4],
    },
    { name: "by severity", filter: { severities: ["critical", "warning"] }, want: [1, 5] },
    { name: "open only", filter: { openOnly: true }, want: [1, 2, 5] },
    { name: "critical only", filter: { criticalOnly: true }, want: [1] },
    { name: "report code, case-insensitive", filter: { rptOut: ["CL", "sr"] }, want: [1, 3] },
    { name: "search in title", filter: { search: "vendor" }, want: [1, 5] },
    { name: "search in description", filter: { search: "SAFARI" }, want: [2] },
    { name: "search needs every word", filter: { search: "vendor rising" }, want: [5] },
    { name: "search by #number", filter: { search: "#3" }, want: [3] },
    { name: "search words match word starts", filter: { search: "vend rat" }, want: [5] },
    { name: "search does not match inside a word", filter: { search: "endor" }, want: [] },
    { name: "search splits at punctuation like the server", filter: { search: "overrun," }, want: [5] },
    { name: "search finds parts of addresses and versions", filter: { search: "tapir v2" }, want: [6] },
    { name: "blank search restricts nothing", filter: { search: "  " }, want: [1, 2, 3, 5, 6] },
    {
      name: "at most 8 search terms count",
      filter: { search: "vendor vendor vendor vendor vendor vendor vendor vendor rising" },
      want: [1, 5],
    },
    { name: "drafts left out when asked", filter: { includeDrafts: false }, want: [1, 2, 3, 5, 6] },
    {
      name: "client view: client-visible, non-draft",
      filter: { clientView: true, includeDrafts: true },
      want: [1, 3, 5, 6],
    },
    {
      name: "filters combine with AND",
      filter: { types: ["Risk"], openOnly: true, search: "budget" },
      want: [5],
    },
    { name: "nothing matches", filter: { types: ["Budget"] }, want: [] },
  ];

  it.each(cases)("$name", ({ filter, want }) => {
    expect(applyFilters(items, filter).map((i) => i.itemNum)).toEqual(want);
  });

  it("matches the fixture counts for critical and open items", () => {
    const asOf = "2025-03-14";
    const all = withIndicators(loadRaid("RAID-Log-Harbor-Bridge-Upgrade.yaml").items, asOf);
    expect(applyFilters(all, { criticalOnly: true })).toHaveLength(
      all.filter((i) => i.indicator?.endsWith("!!")).length,
    );
    expect(
      applyFilters(all, { openOnly: true }).every((i) => !i.draft && !i.indicator?.startsWith("Completed")),
    ).toBe(true);
  });
});

describe("itemFilterSql", () => {
  const text = (f: ItemFilter) => {
    const frag = itemFilterSql(f);
    return { text: fragmentText(frag), values: frag.values };
  };

  it.each<{ name: string; filter: ItemFilter; text: string; values: unknown[] }>([
    { name: "drafts only when asked", filter: {}, text: "NOT i.draft", values: [] },
    { name: "nothing set", filter: { includeDrafts: true }, text: "TRUE", values: [] },
    {
      name: "names fold like applyFilters, null = none",
      filter: { includeDrafts: true, workstreams: [" Build ", "BUILD", null] },
      text: "(lower(w.name) = ANY($1::text[]) OR lower(w.name) IS NULL)",
      values: [["build"]],
    },
    {
      name: "report codes fold on both sides",
      filter: { includeDrafts: true, rptOut: ["Cl", "SR"] },
      text: "EXISTS (SELECT 1 FROM unnest(i.rpt_out) AS code WHERE lower(code) = ANY($1::text[]))",
      values: [["cl", "sr"]],
    },
    {
      name: "search: numbers and word starts, capped like applyFilters",
      filter: { includeDrafts: true, search: "#12 Crane crane! a b c d e f g h" },
      text: "i.item_num = $1 AND ts_match_vq(i.search_vector, to_tsquery('simple', $2))",
      values: [12, "crane:* & crane:* & a:* & b:* & c:* & d:* & e:*"],
    },
    {
      name: "an empty list restricts nothing",
      filter: { includeDrafts: true, severities: [] },
      text: "TRUE",
      values: [],
    },
    {
      name: "client view and AND",
      filter: { clientView: true, includeDrafts: true, types: ["Risk"], openOnly: true },
      text: "NOT i.draft AND i.client_visible AND (i.type = ANY($1::text[])) AND (i.indicator IS NULL OR i.indicator NOT IN ('Completed', 'Completed Recently'))",
      values: [["Risk"]],
    },
  ])("$name", ({ filter, text: want, values }) => {
    expect(text(filter)).toEqual({ text: want, values });
  });

  it("splices nested fragments and keeps their parameters in order", () => {
    const inner = sqlFragment`b = ${2}`;
    const frag = sqlFragment`a = ${1} AND (${inner}) AND c = ${3}`;
    expect(fragmentText(frag)).toBe("a = $1 AND (b = $2) AND c = $3");
    expect(frag.values).toEqual([1, 2, 3]);
    expect(frag.strings).toHaveLength(frag.values.length + 1);
    expect(fragmentText(joinFragments([inner, frag], " OR "))).toBe(
      "b = $1 OR a = $2 AND (b = $3) AND c = $4",
    );
  });
});

describe("sortItems", () => {
  const order = (spec: SortSpec) => sortItems(items, spec).map((i) => i.itemNum);

  it.each([
    { spec: { by: "itemNum", dir: "desc" }, want: [6, 5, 4, 3, 2, 1] },
    { spec: { by: "deadline" }, want: [3, 5, 1, 2, 4, 6] },
    { spec: { by: "deadline", dir: "desc" }, want: [1, 5, 3, 2, 4, 6] },
    { spec: { by: "indicator" }, want: [1, 5, 2, 6, 3, 4] },
    { spec: { by: "indicator", dir: "desc" }, want: [3, 6, 2, 5, 1, 4] },
    { spec: { by: "type" }, want: [4, 3, 2, 6, 1, 5] },
    { spec: { by: "workstream" }, want: [1, 4, 2, 3, 5, 6] },
    { spec: { by: "assignedTo" }, want: [1, 4, 2, 3, 5, 6] },
    { spec: { by: "percentComplete", dir: "desc" }, want: [6, 5, 1, 2, 3, 4] },
    { spec: { by: "updatedAt", dir: "desc" }, want: [2, 1, 4, 3, 5, 6] },
  ] as { spec: SortSpec; want: number[] }[])("$spec.by $spec.dir", ({ spec, want }) => {
    expect(order(spec)).toEqual(want);
  });

  it("sorts numbers in titles naturally and leaves the input alone", () => {
    const titled = [10, 9, 1].map((n) => ({ ...base, itemNum: n, title: `Step ${n}` }));
    expect(sortItems(titled, { by: "title" }).map((i) => i.title)).toEqual(["Step 1", "Step 9", "Step 10"]);
    expect(titled.map((i) => i.itemNum)).toEqual([10, 9, 1]);
  });
});

describe("filterSlug", () => {
  it.each([
    [{}, ""],
    [{ criticalOnly: true }, "critical"],
    [
      { severities: ["critical", "warning"], openOnly: true, types: ["Risk", "Action Item"] },
      "critical-warning-open-risk-action-item",
    ],
    [{ assignees: [null, "Bo Chen"], workstreams: ["Build"] }, "build-unassigned-bo-chen"],
    [{ clientView: true, search: "crane permit" }, "client-search-crane-permit"],
    [{ indicators: [null], includeDrafts: true }, "no-indicator"],
  ] as const)("%o → %s", (f, slug) => expect(filterSlug(f as ItemFilter)).toBe(slug));

  it("stays short and cuts at a word", () => {
    const slug = filterSlug({
      workstreams: ["Design", "Build", "Test", "Rollout", "Change Management", "Operations"],
    });
    expect(slug.length).toBeLessThanOrEqual(50);
    expect(slug).toBe("design-build-test-rollout-change-management");
  });
});
