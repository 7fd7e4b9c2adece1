import { describe, expect, it } from "vitest";
import { changedFields, historyEntry, itemHistory, showValue, type HistoryAuditRow } from "./item-history";

const row = (over: Partial<HistoryAuditRow>): HistoryAuditRow => ({
  id: "1",
  action: "UPDATE",
  entityType: "item",
  actorName: "Ana Ruiz",
  actorId: "00000000-0000-4000-8000-000000000001",
  createdAt: "2026-12-01T10:00:00.000Z",
  before: null,
  after: null,
  ...over,
});

describe("showValue", () => {
  it.each([
    [null, "—"],
    ["", "—"],
    [true, "Yes"],
    [false, "No"],
    [[], "—"],
    [["EXEC", "SR"], "EXEC, SR"],
    [40, "40"],
    ["2026-12-01", "2026-12-01"],
  ])("%o → %s", (v, text) => expect(showValue(v)).toBe(text));
});

describe("changedFields", () => {
  it("lists only labelled fields that changed, with labels instead of column names", () => {
    const before = { title: "A", percentComplete: 10, version: 3, updatedAt: "x", rptOut: [], finish: null };
    const after = {
      title: "A",
      percentComplete: 40,
      version: 4,
      updatedAt: "y",
      rptOut: ["EXEC"],
      finish: "2026-12-24",
    };
    expect(changedFields(before, after)).toEqual([
      { field: "finish", label: "Finish", before: "—", after: "2026-12-24" },
      { field: "percentComplete", label: "% complete", before: "10", after: "40" },
      { field: "rptOut", label: "Reports", before: "—", after: "EXEC" },
    ]);
  });
});

describe("historyEntry", () => {
  it.each([
    [row({ action: "CREATE", after: { title: "A" } }), "created the item"],
    [row({ action: "DELETE" }), "deleted the item"],
    [row({ action: "RESTORE" }), "restored the item"],
    [row({ before: { title: "A" }, after: { title: "B" } }), "changed Title"],
    [
      row({ before: { title: "A", priority: "Low" }, after: { title: "B", priority: "High" } }),
      "changed 2 fields",
    ],
    [
      row({ entityType: "item_note", action: "CREATE", after: { itemNum: 4, content: "Called the vendor" } }),
      "added a note",
    ],
    [
      row({ entityType: "item_note", action: "DELETE", before: { itemNum: 4, content: "Typo" } }),
      "deleted a note",
    ],
    [
      row({
        entityType: "item_dependencies",
        before: { itemNum: 4, dependsOn: [1, 2] },
        after: { itemNum: 4, dependsOn: [2, 3] },
      }),
      "now depends on #3; no longer depends on #1",
    ],
  ])("%# → %s", (r, summary) => expect(historyEntry(r)?.summary).toBe(summary));

  it("keeps the note's text and names the author; the system and removed users get names too", () => {
    const e = historyEntry(row({ entityType: "item_note", action: "CREATE", after: { content: "Hi" } }));
    expect(e).toMatchObject({ who: "Ana Ruiz", note: "Hi" });
    expect(historyEntry(row({ action: "CREATE", actorName: null, actorId: null }))?.who).toBe("braidMgr");
    expect(historyEntry(row({ action: "CREATE", actorName: null }))?.who).toBe("A former member");
  });

  it("drops edits that changed nothing people see, and rows of other kinds", () => {
    expect(historyEntry(row({ before: { version: 1 }, after: { version: 2 } }))).toBeNull();
    expect(historyEntry(row({ entityType: "attachment" }))).toBeNull();
    expect(
      itemHistory([row({ before: { version: 1 }, after: { version: 2 } }), row({ action: "CREATE" })]),
    ).toHaveLength(1);
  });
});
