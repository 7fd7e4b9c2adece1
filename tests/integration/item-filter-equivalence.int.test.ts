/**
 * The item filter has two engines: `applyFilters` in memory (exports, the
 * assistant) and `itemFilterSql` inside item.list (All items). A user who
 * exports "the current filter" must get exactly the items the table shows, so
 * both engines run the same filters over the v1 fixtures here — a table of
 * the cases where they used to disagree, then random combinations from a
 * fixed seed — and must select the same item numbers.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ZItemFilterInput, type TItemFilterInput } from "@/contracts/item";
import { applyFilters, searchWordsOf } from "@/domain/item-filter";
import { INDICATORS, ITEM_TYPES, SEVERITIES } from "@/domain/types";
import { fixture } from "../support/fixtures";
import { makeUser, systemCaller } from "./helpers";

const ORG = "filter-eq";
const sys = systemCaller();
const FILES = ["RAID-Log-Harbor-Bridge-Upgrade.yaml", "RAID-Log-Sample-Platform-Upgrade.yaml"];

type Rows = Awaited<ReturnType<typeof sys.item.list>>["items"];
const projects: { file: string; projectId: string; rows: Rows }[] = [];

beforeAll(async () => {
  await makeUser("filter-eq@x.test", "Filter Eq");
  await sys.org.create({ name: "Filter Eq", slug: ORG, ownerEmail: "filter-eq@x.test" });
  for (const file of FILES) {
    const { projectId } = await sys.project.importYaml({ orgSlug: ORG, raid: fixture(file) });
    const { items, total } = await sys.item.list({
      orgSlug: ORG,
      projectId,
      includeDrafts: true,
      limit: 1000,
    });
    expect(items).toHaveLength(total);
    projects.push({ file, projectId, rows: items });
  }
});

/** The item numbers each engine selects for one filter, given as a caller would give it. */
async function bothEngines(projectId: string, rows: Rows, input: TItemFilterInput) {
  const filter = ZItemFilterInput.parse(input);
  const memory = applyFilters(rows, filter).map((i) => i.itemNum);
  const listed = await sys.item.list({ orgSlug: ORG, projectId, ...input, limit: 1000 });
  return { memory, sql: listed.items.map((i) => i.itemNum).sort((a, b) => a - b) };
}

const TABLE: { name: string; filter: TItemFilterInput }[] = [
  { name: "nothing set (drafts listed, as the API defaults)", filter: {} },
  { name: "drafts left out", filter: { includeDrafts: false } },
  { name: "workstream in another case", filter: { workstreams: ["change mgmt"] } },
  { name: "workstreams with spaces, and none", filter: { workstreams: [" ROLLOUT ", null] } },
  { name: "unknown workstream", filter: { workstreams: ["Nope"] } },
  { name: "assignee in another case", filter: { assignees: ["bo chen", "FATIMA ZAHRA"] } },
  { name: "unassigned", filter: { assignees: [null] } },
  { name: "report code in lower case", filter: { rptOut: ["cl"] } },
  { name: "report codes in mixed case", filter: { rptOut: ["Exec", "sR"] } },
  { name: "unknown report code", filter: { rptOut: ["zz"] } },
  { name: "no indicator", filter: { indicators: [null] } },
  { name: "indicators", filter: { indicators: ["Completed", "In Progress"], includeDrafts: false } },
  { name: "severities", filter: { severities: ["critical", "done"] } },
  { name: "open only", filter: { openOnly: true } },
  { name: "critical only", filter: { criticalOnly: true } },
  { name: "client view", filter: { clientView: true } },
  { name: "search: a word start", filter: { search: "emo" } },
  { name: "search: upper case and punctuation", filter: { search: "ROLLOUT, Plan!" } },
  { name: "search: an item number", filter: { search: "#10" } },
  { name: "search: an item number and a word", filter: { search: "#14 emoji" } },
  { name: "search: only an emoji", filter: { search: "🚀" } },
  { name: "search: inside a word does not match", filter: { search: "mojI" } },
  {
    name: "search: words past the eighth are ignored in both",
    filter: { search: "plan plan plan plan plan plan plan plan zzzzzz" },
  },
  {
    name: "everything at once",
    filter: { types: ["Risk", "Issue"], openOnly: true, includeDrafts: false, search: "a", rptOut: ["SR"] },
  },
];

describe.each(FILES)("%s", (file) => {
  const project = () => projects.find((p) => p.file === file)!;

  it.each(TABLE)("$name", async ({ filter }) => {
    const { projectId, rows } = project();
    const { memory, sql } = await bothEngines(projectId, rows, filter);
    expect(sql).toEqual(memory);
  });

  it("exports of a filter hold the items item.list shows for it", async () => {
    const { projectId } = project();
    for (const { filter } of TABLE) {
      const listed = await sys.item.list({ orgSlug: ORG, projectId, ...filter, limit: 1000 });
      const { content } = await sys.project.export({ orgSlug: ORG, projectId, format: "json", filter });
      const exported = (JSON.parse(content) as { items: { itemNum: number }[] }).items.map((i) => i.itemNum);
      expect({ filter, items: exported.sort((a, b) => a - b) }).toEqual({
        filter,
        items: listed.items.map((i) => i.itemNum).sort((a, b) => a - b),
      });
    }
  });

  it("agrees on 150 random combinations (seed 17)", async () => {
    const { projectId, rows } = project();
    const random = mulberry32(17);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    const some = <T>(values: readonly T[], max = 3): T[] =>
      Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(values));
    const mangle = (s: string) => pick([s, s.toLowerCase(), s.toUpperCase(), ` ${s} `]);
    const names = (key: "workstream" | "assignedTo") => [
      ...new Set(rows.map((r) => r[key]).filter((v): v is string => v !== null)),
      "Nobody",
    ];
    const workstreams = names("workstream");
    const assignees = names("assignedTo");
    const codes = [...new Set(rows.flatMap((r) => r.rptOut)), "zz"];
    const words = [...new Set(rows.flatMap((r) => searchWordsOf(`${r.title} ${r.description ?? ""}`)))];
    const searchTerm = () => {
      const roll = random();
      if (roll < 0.15) return `#${pick(rows).itemNum}`;
      const w = pick(words);
      const prefix = roll < 0.6 ? w.slice(0, 1 + Math.floor(random() * w.length)) : w;
      return roll < 0.8 ? mangle(prefix) : `${prefix}${pick([",", ".", "!", "-x", "'s"])}`;
    };

    const seen = new Set<string>();
    const mismatches: { filter: TItemFilterInput; memory: number[]; sql: number[] }[] = [];
    let nonTrivial = 0;
    for (let n = 0; n < 150; n++) {
      const f: TItemFilterInput = {};
      if (random() < 0.25) f.types = some(ITEM_TYPES);
      if (random() < 0.25) f.workstreams = some([...workstreams.map(mangle), null]);
      if (random() < 0.25) f.assignees = some([...assignees.map(mangle), null]);
      if (random() < 0.15) f.indicators = some([...INDICATORS, null]);
      if (random() < 0.2) f.severities = some(SEVERITIES);
      if (random() < 0.2) f.openOnly = true;
      if (random() < 0.1) f.criticalOnly = true;
      if (random() < 0.25) f.rptOut = some(codes.map(mangle)).map((c) => c.trim());
      if (random() < 0.4)
        f.search = Array.from({ length: 1 + Math.floor(random() * 3) }, searchTerm).join(" ");
      if (random() < 0.3) f.includeDrafts = random() < 0.5;
      if (random() < 0.1) f.clientView = true;
      const key = JSON.stringify(f);
      if (seen.has(key)) continue;
      seen.add(key);
      const { memory, sql } = await bothEngines(projectId, rows, f);
      if (memory.length > 0 && memory.length < rows.length) nonTrivial++;
      if (JSON.stringify(memory) !== JSON.stringify(sql)) mismatches.push({ filter: f, memory, sql });
    }
    expect(mismatches).toEqual([]);
    // The combinations must exercise the filters, not only select everything or nothing.
    expect(nonTrivial).toBeGreaterThan(30);
  });
});

/** A small seeded PRNG, so a failure names a reproducible combination. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
