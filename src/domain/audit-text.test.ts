import { describe, expect, it } from "vitest";
import { auditHeadline, fieldLabel, humanizeKey } from "./audit-text";

describe("auditHeadline", () => {
  it.each([
    [
      {
        action: "UPDATE",
        entityType: "item",
        before: { itemNum: 12, title: "Old" },
        after: { itemNum: 12, title: "Book the crane" },
      },
      "changed item #12 · Book the crane",
    ],
    [
      { action: "CREATE", entityType: "item_note", before: null, after: { itemNum: 4, content: "x" } },
      "created a note on item #4",
    ],
    [
      { action: "DELETE", entityType: "workstream", before: { name: "Ops" }, after: null },
      "deleted workstream · Ops",
    ],
    [
      { action: "PERMISSION_CHANGE", entityType: "project_role", before: null, after: { email: "a@b.c" } },
      "changed a project role · a@b.c",
    ],
    [{ action: "ARCHIVE", entityType: "space_ship", before: null, after: null }, "archive space ship"],
  ])("%# → %s", (e, text) => expect(auditHeadline(e)).toBe(text));
});

describe("field labels", () => {
  it.each([
    ["percentComplete", "% complete"],
    ["assignedTo", "Assigned to"],
    ["weekEnding", "Week ending"],
    ["complete_week", "Complete week"],
    ["clientName", "Client name"],
  ])("%s → %s", (key, label) => expect(fieldLabel(key)).toBe(label));
  it("humanizes keys", () => expect(humanizeKey("rollOffDate")).toBe("Roll off date"));
});
