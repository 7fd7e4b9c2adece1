import { createTable, getCoreRowModel, type SortingState, type TableState } from "@tanstack/react-table";
import { describe, expect, it } from "vitest";
import {
  countActiveFilters,
  DEFAULT_SORT,
  fromSortingState,
  NO_FILTERS,
  PAGE_SIZE,
  SERVER_SORTING,
  sortColumn,
  type SortBy,
  SORTABLE,
  type SortState,
  toListInput,
  toSortingState,
} from "./item-filters";

describe("filters as list input", () => {
  it("passes only the hiding of drafts on, and counts it as a filter", () => {
    expect(toListInput(NO_FILTERS, DEFAULT_SORT)).not.toHaveProperty("includeDrafts");
    const hidden = { ...NO_FILTERS, includeDrafts: false };
    expect(countActiveFilters(hidden)).toBe(1);
    expect(toListInput(hidden, DEFAULT_SORT)).toMatchObject({ includeDrafts: false });
  });

  it("counts active filters and builds the list input with only what is set", () => {
    const f = { ...NO_FILTERS, types: ["Risk" as const], openOnly: true, search: "x" };
    expect(countActiveFilters(NO_FILTERS)).toBe(0);
    expect(countActiveFilters(f)).toBe(3);
    expect(toListInput(f, DEFAULT_SORT)).toEqual({
      types: ["Risk"],
      openOnly: true,
      search: "x",
      sort: DEFAULT_SORT,
      limit: PAGE_SIZE,
    });
  });
});

/** What a header click does, through TanStack Table configured as the items table configures it. */
function clickHeader(current: SortState, column: SortBy): SortState {
  let sorting: SortingState = toSortingState(current);
  // Values of mixed types: the first click's direction must not depend on them.
  const row = {
    itemNum: 1,
    type: "Risk",
    workstream: null,
    title: "T",
    assignedTo: "A",
    severity: "critical",
    percentComplete: 5,
    deadline: null,
    updatedAt: new Date(),
  };
  const table = createTable<typeof row>({
    data: [row],
    columns: SORTABLE.map((id) => sortColumn(id)),
    getCoreRowModel: getCoreRowModel(),
    state: { sorting } as Partial<TableState> as TableState,
    onStateChange: () => undefined,
    onSortingChange: (updater) => {
      sorting = typeof updater === "function" ? updater(sorting) : updater;
    },
    renderFallbackValue: null,
    ...SERVER_SORTING,
  });
  expect(table.getColumn(column)!.getCanSort()).toBe(true);
  table.getColumn(column)!.getToggleSortingHandler()!({});
  return fromSortingState(sorting);
}

describe("sorting", () => {
  it("a header click flips the direction of the sorted column, never back to unsorted", () => {
    expect(clickHeader({ by: "title", dir: "asc" }, "title")).toEqual({ by: "title", dir: "desc" });
    expect(clickHeader({ by: "title", dir: "desc" }, "title")).toEqual({ by: "title", dir: "asc" });
    expect(clickHeader(DEFAULT_SORT, "itemNum")).toEqual({ by: "itemNum", dir: "desc" });
    expect(clickHeader({ by: "updatedAt", dir: "desc" }, "updatedAt")).toEqual({
      by: "updatedAt",
      dir: "asc",
    });
  });

  it("a new column starts ascending; last change, progress and risk score start descending", () => {
    for (const by of SORTABLE) {
      if (by === DEFAULT_SORT.by) continue;
      const dir = by === "updatedAt" || by === "percentComplete" || by === "riskScore" ? "desc" : "asc";
      expect(clickHeader(DEFAULT_SORT, by)).toEqual({ by, dir });
    }
  });

  it("converts to and from TanStack Table sorting state", () => {
    expect(toSortingState({ by: "severity", dir: "desc" })).toEqual([{ id: "severity", desc: true }]);
    expect(fromSortingState([{ id: "title", desc: false }])).toEqual({ by: "title", dir: "asc" });
    expect(fromSortingState([])).toEqual(DEFAULT_SORT);
    expect(fromSortingState([{ id: "progress-bar", desc: true }])).toEqual(DEFAULT_SORT);
  });
});
