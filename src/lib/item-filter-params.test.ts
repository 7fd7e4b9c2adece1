import { describe, expect, it } from "vitest";
import { ZItemFilter } from "@/domain/item-filter";
import { itemListHref, parseItemList } from "./item-filter-params";
import { DEFAULT_SORT, type ItemFilters, NO_FILTERS, type SortState } from "./item-filters";

const EVERYTHING: ItemFilters = {
  types: ["Risk", "Issue"],
  workstreams: ["Build"],
  assignees: ["Ana Ruiz"],
  severities: ["critical"],
  openOnly: true,
  criticalOnly: true,
  search: "crane",
  includeDrafts: false,
};

describe("All-items URL parsers", () => {
  it("round-trips filters and sort through the query string, in the URL format bookmarks use", () => {
    const sort: SortState = { by: "deadline", dir: "desc" };
    const href = itemListHref("/o/acme/p/1", EVERYTHING, sort);
    expect(href).toBe(
      "/o/acme/p/1?type=Risk&type=Issue&ws=Build&who=Ana+Ruiz&sev=critical&open=1&critical=1&q=crane&drafts=0&sort=deadline&dir=desc",
    );
    expect(parseItemList(href.split("?")[1]!)).toEqual({ filters: EVERYTHING, sort });
  });

  it.each<[string, Partial<ItemFilters>, SortState]>([
    ["nothing", {}, DEFAULT_SORT],
    ["one severity", { severities: ["critical"] }, DEFAULT_SORT],
    ["two severities", { severities: ["completed", "done"] }, DEFAULT_SORT],
    [
      "names with spaces and symbols",
      { workstreams: ["R&D / Ops", "Build"], assignees: ["Zoë O'Neil"] },
      DEFAULT_SORT,
    ],
    ["a search with #", { search: "#12 crane" }, { by: "title", dir: "asc" }],
    ["the default column, reversed", {}, { by: "itemNum", dir: "desc" }],
  ])("round trip: %s", (_name, filters, sort) => {
    const href = itemListHref("/p", filters, sort);
    expect(parseItemList(new URL(href, "http://x").searchParams)).toEqual({
      filters: { ...NO_FILTERS, ...filters },
      sort,
    });
  });

  it("leaves defaults out of the URL; a reversed default order writes both keys", () => {
    expect(itemListHref("/p", NO_FILTERS)).toBe("/p");
    expect(itemListHref("/p", {}, { by: "itemNum", dir: "desc" })).toBe("/p?sort=itemNum&dir=desc");
    expect(itemListHref("/p", { severities: ["completed", "done"] })).toBe("/p?sev=completed&sev=done");
  });

  it("reads the server page's searchParams record, dropping junk and duplicates", () => {
    const parsed = parseItemList({
      type: ["Risk", "Nope", "Risk"],
      sev: "bogus",
      q: "  hi  ",
      open: "yes",
      ws: ["", "x".repeat(101), "Build"],
    });
    expect(parsed).toEqual({
      filters: { ...NO_FILTERS, types: ["Risk"], workstreams: ["Build"], search: "hi" },
      sort: DEFAULT_SORT,
    });
  });

  it.each<[string, SortState]>([
    ["sort=password&dir=desc", DEFAULT_SORT],
    ["dir=desc", DEFAULT_SORT],
    ["sort=percentComplete", { by: "percentComplete", dir: "asc" }],
    ["sort=riskScore&dir=sideways", { by: "riskScore", dir: "asc" }],
    ["sort=riskScore&dir=desc", { by: "riskScore", dir: "desc" }],
  ])("sort %s", (qs, sort) => {
    expect(parseItemList(qs).sort).toEqual(sort);
  });

  it("lists drafts unless the URL hides them", () => {
    expect(parseItemList("").filters.includeDrafts).toBe(true);
    expect(parseItemList("drafts=0").filters.includeDrafts).toBe(false);
    expect(parseItemList("drafts=1").filters.includeDrafts).toBe(true);
  });

  it.each([
    "type=&ws=&who=&sev=&q=",
    "type=%E0%A4%A&q=%",
    "item=abc&sort=&dir=",
    "q=" + "long ".repeat(100),
    "open=1&open=0&critical=true&drafts=no",
  ])("junk never throws, and what it parses to is a valid item filter: %s", (qs) => {
    const { filters } = parseItemList(qs);
    expect(ZItemFilter.safeParse(filters).success).toBe(true);
    expect(filters.search.length).toBeLessThanOrEqual(200);
  });
});
