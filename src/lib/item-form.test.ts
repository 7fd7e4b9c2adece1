import { describe, expect, it } from "vitest";
import { ZCreateItem, ZUpdateItem } from "@/contracts/item";
import {
  changedFields,
  createPayloadOf,
  displayValue,
  emptyForm,
  fieldMessage,
  formFromItem,
  itemFormResolver,
  payloadOf,
  previewIndicator,
  updateItemFormSchema,
  updatePayloadOf,
  pickChanges,
  ZCreateItemForm,
  type ItemFormValues,
  type EditableItem,
} from "./item-form";

const opts = { fields: {}, shouldUseNativeValidation: false } as never;

/** The New item form's check, as the dialog runs it: the resolver over ZCreateItemForm. */
async function checkCreate(v: ItemFormValues) {
  const r = await itemFormResolver(ZCreateItemForm)(v, undefined, opts);
  return { ...r, message: (key: Parameters<typeof fieldMessage>[1]) => fieldMessage(r.errors, key) };
}

/** The editor's check over the changed fields, and what it would send. */
async function checkUpdate(
  base: ItemFormValues,
  v: ItemFormValues,
  ref: { itemNum: number; version: number },
) {
  const r = await itemFormResolver(updateItemFormSchema(() => ({ base, ...ref })))(v, undefined, opts);
  const fields = changedFields(base, v);
  const ok = Object.keys(r.errors).length === 0;
  return {
    ok,
    fields,
    changes: ok ? pickChanges(r.values as never, fields) : undefined,
    message: (key: Parameters<typeof fieldMessage>[1]) => fieldMessage(r.errors, key),
  };
}

const item: EditableItem = {
  type: "Risk",
  title: "Crane permit",
  workstream: "Build",
  assignedTo: "Bo Chen",
  assignedToUserId: "7b0f3b7e-8f0c-4a3e-9a52-2f3c1d2e4b5a",
  start: "2026-03-02",
  finish: "2026-03-20",
  deadline: null,
  duration: 10,
  percentComplete: 40,
  priority: "High",
  description: "Line one\nline two",
  draft: false,
  clientVisible: true,
  rptOut: ["SR", "CL"],
  budgetAmount: null,
  probability: 3,
  impact: 4,
  mitigation: null,
  contingency: null,
  riskOwner: null,
  residualProbability: null,
  residualImpact: null,
};

describe("form ↔ item mapping", () => {
  it("holds every field as a string (or boolean) and maps back to the payload", () => {
    const v = formFromItem(item);
    expect(v.duration).toBe("10");
    expect(v.percentComplete).toBe("40");
    expect(v.rptOut).toBe("SR, CL");
    expect(v.deadline).toBe("");
    const p = payloadOf(v);
    expect(p).toMatchObject({
      type: "Risk",
      title: "Crane permit",
      duration: 10,
      percentComplete: 40,
      deadline: null,
      rptOut: ["SR", "CL"],
      probability: 3,
      description: "Line one\nline two",
    });
  });

  it("normalises report codes, money and blanks", () => {
    const p = payloadOf(emptyForm({ rptOut: " sr,  exec cl ", budgetAmount: "12,500.50", title: "  x  " }));
    expect(p.rptOut).toEqual(["SR", "EXEC", "CL"]);
    expect(p.budgetAmount).toBe("12500.50");
    expect(p.title).toBe("x");
    expect(p.workstream).toBeNull();
    expect(p.percentComplete).toBe(0);
  });

  it("lists the fields that changed, ignoring case in names and formatting in money", () => {
    const base = formFromItem(item);
    expect(changedFields(base, { ...base })).toEqual([]);
    expect(changedFields(base, { ...base, workstream: "build", assignedTo: "bo chen" })).toEqual([]);
    expect(changedFields(base, { ...base, title: "New", percentComplete: "50" })).toEqual([
      "title",
      "percentComplete",
    ]);
    const budget = formFromItem({ ...item, type: "Budget", budgetAmount: "1250.00" });
    expect(changedFields(budget, { ...budget, budgetAmount: "1,250" })).toEqual([]);
  });

  it("shows values for the what-changed list", () => {
    const v = formFromItem(item);
    expect(displayValue("percentComplete", v)).toBe("40%");
    expect(displayValue("deadline", v)).toBe("—");
    expect(displayValue("draft", v)).toBe("No");
    expect(displayValue("description", { ...v, description: "x".repeat(100) })).toHaveLength(81);
  });
});

describe("create validation runs the server's ZCreateItem", () => {
  it("needs a type and a title, with field-level messages", async () => {
    const r = await checkCreate(emptyForm());
    expect(r.message("type")).toBe("Choose a type");
    expect(r.message("title")).toBe("Enter a title");
  });

  it("refuses what the server refuses, on the right field", async () => {
    const r = await checkCreate(
      emptyForm({
        type: "Action Item",
        title: "A",
        start: "2026-05-10",
        finish: "2026-05-01",
        percentComplete: "140",
        duration: "-2",
        budgetAmount: "12.345",
      }),
    );
    expect(r.message("finish")).toBe("Finish must not be before start");
    expect(r.message("percentComplete")).toBe("Use 0–100");
    expect(r.message("duration")).toBe("Use 0 or more business days");
    expect(r.message("budgetAmount")).toBe("Use an amount like 1250.50");
  });

  it("gives the server exactly the payload it accepts, blanks left out", async () => {
    const v = emptyForm({ type: "Decision", title: "  Go with vendor B ", rptOut: "exec" });
    const r = await checkCreate(v);
    expect(r.errors).toEqual({});
    expect(r.values).toEqual({
      type: "Decision",
      title: "Go with vendor B",
      percentComplete: 0,
      draft: false,
      clientVisible: true,
      rptOut: ["EXEC"],
    });
    expect(ZCreateItem.parse(createPayloadOf(v))).toEqual(r.values);
  });

  it("refuses an over-long title with the server's own message", async () => {
    const r = await checkCreate(emptyForm({ type: "Risk", title: "x".repeat(501) }));
    expect(r.message("title")).toBe("Use at most 500 characters");
  });

  it("says so for an over-long assignee or risk owner (the inputs no longer cut them silently)", async () => {
    const r = await checkCreate(
      emptyForm({ type: "Risk", title: "A", assignedTo: "a".repeat(201), riskOwner: "o".repeat(201) }),
    );
    expect(r.message("assignedTo")).toBe("Use at most 200 characters");
    expect(r.message("riskOwner")).toBe("Use at most 200 characters");
  });
});

describe("update validation runs the server's ZUpdateItem over the changed fields", () => {
  const base = formFromItem(item);
  const ref = { itemNum: 7, version: 3 };

  it("sends only what changed (plus the dates for the start/finish rule)", async () => {
    const v = { ...base, title: "Renamed", percentComplete: "55" };
    const r = await checkUpdate(base, v, ref);
    expect(r).toMatchObject({
      ok: true,
      fields: ["title", "percentComplete"],
      changes: { title: "Renamed", percentComplete: 55 },
    });
    const full = updatePayloadOf({ base, ...ref }, v);
    expect(ZUpdateItem.parse(full)).toMatchObject({
      itemNum: 7,
      version: 3,
      title: "Renamed",
      start: "2026-03-02",
    });
  });

  it("sends the member picked for the assignee with it, and nothing about the link when the assignee is unchanged", () => {
    const member = "0b6a0c3e-5d1f-4a2b-8c9d-1e2f3a4b5c6d";
    const picked = updatePayloadOf(
      { base, ...ref },
      { ...base, assignedTo: "Ana Ruiz", assignedToUserId: member },
    );
    expect(picked).toMatchObject({ assignedTo: "Ana Ruiz", assignedToUserId: member });
    // Free text: no link sent, the server decides (it matches e-mails and unique names itself).
    const typed = updatePayloadOf(
      { base, ...ref },
      { ...base, assignedTo: "Vendor PM", assignedToUserId: "" },
    );
    expect(typed).toMatchObject({ assignedTo: "Vendor PM" });
    expect(typed).not.toHaveProperty("assignedToUserId");
    const untouched = updatePayloadOf({ base, ...ref }, { ...base, title: "Other" });
    expect(untouched).not.toHaveProperty("assignedTo");
    expect(untouched).not.toHaveProperty("assignedToUserId");
  });

  it("a cleared title is a field error and nothing is sent", async () => {
    const r = await checkUpdate(base, { ...base, title: "   " }, ref);
    expect(r.ok).toBe(false);
    expect(r.message("title")).toBe("Enter a title");
  });

  it("checks start against finish even when only one of them changed", async () => {
    const r = await checkUpdate(base, { ...base, finish: "2026-03-01" }, ref);
    expect(r.message("finish")).toBe("Finish must not be before start");
  });

  it("does not re-check fields the user left alone", async () => {
    // Legacy data beyond today's limits must not block an unrelated edit.
    const legacy = { ...base, rptOut: "ABCDEFGHIJKLMNOPQRSTUVWXYZ" };
    expect((await checkUpdate(legacy, { ...legacy, title: "Fine" }, ref)).ok).toBe(true);
  });

  it("reads the base and version when validating (they move after a conflict)", () => {
    let current = { base, ...ref };
    const schema = updateItemFormSchema(() => current);
    expect(schema.parse({ ...base, title: "B" })).toMatchObject({ version: 3, title: "B" });
    current = { base: { ...base, title: "B" }, itemNum: 7, version: 4 };
    const out = schema.parse({ ...base, title: "B" });
    expect(out.version).toBe(4);
    expect(out).not.toHaveProperty("title");
  });
});

describe("react-hook-form resolver", () => {
  it("maps schema issues to fields, with a nudge for an unchosen type", async () => {
    const resolve = itemFormResolver(ZCreateItemForm);
    const r = await resolve(
      emptyForm({ percentComplete: "101", rptOut: "TOOLONGCODE-TOOLONGCODE" }),
      undefined,
      opts,
    );
    expect(fieldMessage(r.errors, "type")).toBe("Choose a type");
    expect(fieldMessage(r.errors, "title")).toBe("Enter a title");
    expect(fieldMessage(r.errors, "percentComplete")).toBe("Use 0–100");
    // Errors inside a list (one report code) still surface on the field.
    expect(fieldMessage(r.errors, "rptOut")).toMatch(/20/);
    expect(fieldMessage(r.errors, "finish")).toBeUndefined();
  });

  it("returns the validated payload", async () => {
    const resolve = itemFormResolver(ZCreateItemForm);
    const r = await resolve(emptyForm({ type: "Issue", title: "Leak", probability: "2" }), undefined, opts);
    expect(r.errors).toEqual({});
    expect(r.values).toMatchObject({ type: "Issue", title: "Leak", probability: 2 });
  });
});

describe("indicator preview", () => {
  const today = "2026-03-10";
  it("follows the SPEC rules for the unsaved values", () => {
    const v = emptyForm({ type: "Action Item", title: "x" });
    expect(previewIndicator(v, today)).toBeNull();
    expect(previewIndicator({ ...v, deadline: "2026-03-01" }, today)).toBe("Beyond Deadline!!!");
    expect(
      previewIndicator({ ...v, start: "2026-03-01", finish: "2026-04-30", percentComplete: "30" }, today),
    ).toBe("In Progress");
    expect(previewIndicator({ ...v, finish: "2026-03-05", percentComplete: "100" }, today)).toBe(
      "Completed Recently",
    );
    expect(previewIndicator({ ...v, deadline: "2026-03-01", draft: true }, today)).toBeNull();
  });
  it("ignores half-typed values", () => {
    const v = emptyForm({ start: "2026-13-01", percentComplete: "abc", duration: "1.5" });
    expect(previewIndicator(v, "2026-03-10")).toBeNull();
  });
});
