import { describe, expect, it } from "vitest";
import {
  applyQuickEdit,
  assigneeSuggestions,
  describeQuickEdit,
  findRow,
  hasValues,
  mapRow,
  normalizeAssignee,
  parsePercent,
  patchRow,
  replaceListedRow,
  replaceRow,
  rollbackRow,
  type ListPages,
  type QuickEditRow,
} from "./item-list-cache";

const TODAY = "2026-03-10";

type Row = QuickEditRow & { title: string };

function row(itemNum: number, over: Partial<Row> = {}): Row {
  return {
    itemNum,
    version: 1,
    title: `Item ${itemNum}`,
    assignedTo: null,
    draft: false,
    percentComplete: 0,
    start: "2026-03-01",
    finish: "2026-04-30",
    deadline: null,
    duration: null,
    indicator: "Late Start!!",
    severity: "critical",
    ...over,
  };
}

function pages(...pageRows: Row[][]): ListPages<Row> {
  const total = pageRows.flat().length;
  let at = 0;
  return {
    pages: pageRows.map((items) => {
      at += items.length;
      return { items, total, nextCursor: at < total ? at : null };
    }),
    pageParams: pageRows.map((_, i) => (i === 0 ? null : i * 2)),
  };
}

describe("findRow / mapRow", () => {
  const data = pages([row(1), row(2)], [row(3)]);

  it("finds a row on any loaded page", () => {
    expect(findRow(data, 3)?.title).toBe("Item 3");
    expect(findRow(data, 9)).toBeUndefined();
    expect(findRow(undefined, 1)).toBeUndefined();
  });

  it("replaces one row and keeps the other pages' identity", () => {
    const next = mapRow(data, 3, (r) => ({ ...r, title: "Changed" }))!;
    expect(next).not.toBe(data);
    expect(next.pages[0]).toBe(data.pages[0]);
    expect(next.pages[1]!.items[0]!.title).toBe("Changed");
    expect(next.pageParams).toBe(data.pageParams);
    expect(data.pages[1]!.items[0]!.title).toBe("Item 3"); // not mutated
  });

  it("returns the same object when nothing changes", () => {
    expect(mapRow(data, 9, (r) => ({ ...r, title: "x" }))).toBe(data);
    expect(mapRow(data, 1, (r) => r)).toBe(data);
    expect(mapRow(undefined, 1, (r) => r)).toBeUndefined();
  });
});

describe("applyQuickEdit", () => {
  it("sets the percent and recomputes the indicator and severity", () => {
    const next = applyQuickEdit(row(1), { percentComplete: 40 }, TODAY);
    expect(next.percentComplete).toBe(40);
    expect(next.indicator).toBe("In Progress");
    expect(next.severity).toBe("active");
    expect(next.version).toBe(1); // the server bumps it
  });

  it("100% means completed", () => {
    const next = applyQuickEdit(row(1, { finish: "2026-03-05" }), { percentComplete: 100 }, TODAY);
    expect(next.indicator).toBe("Completed Recently");
    expect(next.severity).toBe("completed");
  });

  it("changes the assignee only, and can unassign", () => {
    const a = applyQuickEdit(row(1), { assignedTo: "Bo Chen" }, TODAY);
    expect(a.assignedTo).toBe("Bo Chen");
    expect(a.percentComplete).toBe(0);
    expect(applyQuickEdit(a, { assignedTo: null }, TODAY).assignedTo).toBeNull();
  });

  it("leaves the row alone when the values are already there", () => {
    const r = row(1, { percentComplete: 40, assignedTo: "Ana" });
    expect(applyQuickEdit(r, { percentComplete: 40 }, TODAY)).toBe(r);
    expect(applyQuickEdit(r, { assignedTo: "Ana", percentComplete: undefined }, TODAY)).toBe(r);
    expect(hasValues(r, {})).toBe(true);
    expect(hasValues(r, { assignedTo: null })).toBe(false);
  });
});

describe("patchRow", () => {
  it("puts the optimistic row in the cache and returns what was there", () => {
    const data = pages([row(1), row(2)], [row(3)]);
    const patch = patchRow(data, 2, { percentComplete: 50 }, TODAY);
    expect(patch.previous).toBe(data.pages[0]!.items[1]);
    expect(patch.optimistic?.percentComplete).toBe(50);
    expect(findRow(patch.data, 2)).toBe(patch.optimistic);
    expect(patch.data!.pages[1]).toBe(data.pages[1]);
  });

  it("does nothing for a row that is not loaded", () => {
    const data = pages([row(1)]);
    const patch = patchRow(data, 7, { percentComplete: 50 }, TODAY);
    expect(patch).toEqual({ data, previous: undefined, optimistic: undefined });
    expect(patchRow(undefined, 1, { percentComplete: 5 }, TODAY).data).toBeUndefined();
  });
});

describe("replaceRow", () => {
  it("takes the server's copy after a save", () => {
    const data = pages([row(1), row(2)]);
    const { data: optimistic } = patchRow(data, 1, { percentComplete: 40 }, TODAY);
    const saved = row(1, { version: 2, percentComplete: 40, indicator: "In Progress", severity: "active" });
    const next = replaceRow(optimistic, saved)!;
    expect(findRow(next, 1)).toEqual(saved);
  });

  it("keeps a newer copy that is already cached", () => {
    const data = pages([row(1, { version: 5, title: "Newest" })]);
    expect(replaceRow(data, row(1, { version: 4 }))).toBe(data);
  });
});

describe("replaceListedRow", () => {
  const saved = row(2, { version: 2, title: "Saved" });

  it("replaces the row in the All items pages", () => {
    const data = pages([row(1)], [row(2)]);
    const next = replaceListedRow(data, saved) as ListPages<Row>;
    expect(findRow(next, 2)).toEqual(saved);
    expect(next.pages[0]).toBe(data.pages[0]);
  });

  it("replaces the row in a single page (active, chronology)", () => {
    const page = pages([row(1), row(2)]).pages[0]!;
    const next = replaceListedRow(page, saved) as typeof page;
    expect(next.items[1]).toEqual(saved);
    expect(next.total).toBe(page.total);
  });

  it("keeps answers without the row, or of another shape, as they are", () => {
    const other = pages([row(1)]);
    expect(replaceListedRow(other, saved)).toBe(other);
    const facets = { assignees: ["Ana"] };
    expect(replaceListedRow(facets, saved)).toBe(facets);
    expect(replaceListedRow(undefined, saved)).toBeUndefined();
  });
});

describe("rollbackRow", () => {
  it("restores the previous row while the optimistic copy is still cached", () => {
    const data = pages([row(1), row(2)]);
    const patch = patchRow(data, 2, { assignedTo: "Bo Chen" }, TODAY);
    const back = rollbackRow(patch.data, patch.previous!, patch.optimistic!)!;
    expect(findRow(back, 2)).toBe(data.pages[0]!.items[1]);
  });

  it("also recognises an equal copy of the optimistic row (a refetch of the same page)", () => {
    const data = pages([row(1)]);
    const patch = patchRow(data, 1, { percentComplete: 30 }, TODAY);
    const copy = mapRow(patch.data, 1, (r) => ({ ...r }));
    expect(findRow(rollbackRow(copy, patch.previous!, patch.optimistic!), 1)).toBe(patch.previous);
  });

  it("keeps a newer row that arrived meanwhile", () => {
    const data = pages([row(1)]);
    const patch = patchRow(data, 1, { percentComplete: 30 }, TODAY);
    const newer = replaceRow(patch.data, row(1, { version: 2, percentComplete: 80 }));
    expect(rollbackRow(newer, patch.previous!, patch.optimistic!)).toBe(newer);
  });

  it("does nothing once the row is gone (filters changed, refetched)", () => {
    const data = pages([row(1)]);
    const patch = patchRow(data, 1, { percentComplete: 30 }, TODAY);
    const other = pages([row(5)]);
    expect(rollbackRow(other, patch.previous!, patch.optimistic!)).toBe(other);
  });
});

describe("input helpers", () => {
  it("parsePercent accepts whole numbers 0–100, with or without %", () => {
    expect(parsePercent("0")).toBe(0);
    expect(parsePercent(" 40 ")).toBe(40);
    expect(parsePercent("100%")).toBe(100);
    for (const bad of ["", "-1", "101", "4.5", "abc", "1e2", "1000"]) expect(parsePercent(bad)).toBeNull();
  });

  it("normalizeAssignee trims and folds spaces; empty is unassigned", () => {
    expect(normalizeAssignee("  Bo   Chen ")).toBe("Bo Chen");
    expect(normalizeAssignee("   ")).toBeNull();
    expect(normalizeAssignee("x".repeat(300))).toHaveLength(200);
  });

  it("assigneeSuggestions puts word-start matches first", () => {
    const known = ["Ana Ruiz", "Bo Chen", "Chidi Okafor", "Dana Kowalski", "Jana Bo"];
    expect(assigneeSuggestions(known, "")).toEqual(known);
    expect(assigneeSuggestions(known, "bo")).toEqual(["Bo Chen", "Jana Bo"]);
    expect(assigneeSuggestions(known, "ana")).toEqual(["Ana Ruiz", "Dana Kowalski", "Jana Bo"]);
    expect(assigneeSuggestions(known, "a", 2)).toHaveLength(2);
  });

  it("describeQuickEdit", () => {
    expect(describeQuickEdit({ percentComplete: 40 })).toBe("Progress 40%");
    expect(describeQuickEdit({ assignedTo: "Bo Chen" })).toBe("Assigned to Bo Chen");
    expect(describeQuickEdit({ assignedTo: null })).toBe("Unassigned");
  });
});
