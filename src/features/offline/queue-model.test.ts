import { describe, expect, it } from "vitest";
import {
  addOp,
  afterFailure,
  afterSuccess,
  nextDueAt,
  nextOp,
  outcomeOf,
  parkedOps,
  pendingOps,
  retryDelay,
  retryNow,
} from "./queue-model";
import { create, note, update } from "./testing";

describe("retryDelay", () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [6, 32_000],
    [7, 60_000],
    [30, 60_000],
  ])("after %d failures: %d ms", (a, ms) => expect(retryDelay(a)).toBe(ms));
});

describe("outcomeOf", () => {
  it.each([
    [null, "retry"],
    ["INTERNAL_SERVER_ERROR", "retry"],
    ["TOO_MANY_REQUESTS", "retry"],
    ["UNAUTHORIZED", "retry"],
    ["CONFLICT", "conflict"],
    ["BAD_REQUEST", "failed"],
    ["FORBIDDEN", "failed"],
    ["NOT_FOUND", "failed"],
  ] as const)("%s → %s", (code, out) => expect(outcomeOf(code)).toBe(out));
});

describe("addOp (coalescing)", () => {
  it("folds a second edit of the same item into the unsent one; the first version and base stay", () => {
    const first = update(12, { title: "a", percentComplete: 10 }, { base: { title: "old" } });
    const between = note(12);
    const second = update(12, { title: "b" }, { version: 4, base: { title: "a", status: "x" } } as never);
    let ops = addOp([], first).ops;
    ops = addOp(ops, between).ops;
    const { ops: out, stored } = addOp(ops, second);
    expect(out).toHaveLength(2);
    expect(out.map((o) => o.id)).toEqual([first.id, between.id]);
    expect(stored).toMatchObject({
      id: first.id,
      version: 3,
      changes: { title: "b", percentComplete: 10 },
      base: { title: "old", status: "x" },
    });
  });

  it.each([
    ["another item", update(13, { title: "b" })],
    ["another project", update(12, { title: "b" }, { scope: { orgSlug: "acme", projectId: "p2" } })],
    ["another user", update(12, { title: "b" }, { userId: "u2" })],
  ])("keeps edits apart for %s", (_, other) => {
    const first = update(12, { title: "a" });
    expect(addOp([first], other).ops).toHaveLength(2);
  });

  it("never folds into the op being sent, nor into a parked one", () => {
    const first = update(12, { title: "a" });
    expect(addOp([first], update(12, { title: "b" }), first.id).ops).toHaveLength(2);
    const parked = update(12, { title: "a" }, { state: "conflict" });
    expect(addOp([parked], update(12, { title: "b" })).ops).toHaveLength(2);
  });

  it("keeps notes and new items as separate ops, in order", () => {
    const a = note(1);
    const b = note(1);
    const c = create();
    expect(addOp(addOp(addOp([], c).ops, b).ops, a).ops.map((o) => o.id)).toEqual([a.id, b.id, c.id]);
  });
});

describe("nextOp (order and backoff)", () => {
  it("sends the first pending op of the user, in queue order", () => {
    const a = update(1, {}, { seq: 5 });
    const b = note(2, { seq: 2 });
    const other = create({ seq: 1, userId: "u2" });
    expect(nextOp([a, b, other], "u1", 0)?.id).toBe(b.id);
    expect(nextOp([a, b, other], "u2", 0)?.id).toBe(other.id);
  });

  it("waits while the head backs off: nothing overtakes it", () => {
    const a = note(1, { nextAttemptAt: 5000 });
    const b = note(2);
    expect(nextOp([a, b], "u1", 4999)).toBeNull();
    expect(nextOp([a, b], "u1", 5000)?.id).toBe(a.id);
    expect(nextDueAt([a, b], "u1")).toBe(5000);
  });

  it("skips parked ops", () => {
    const a = update(1, {}, { state: "conflict" });
    const b = note(2);
    expect(nextOp([a, b], "u1", 0)?.id).toBe(b.id);
    expect(pendingOps([a, b]).map((o) => o.id)).toEqual([b.id]);
    expect(parkedOps([a, b]).map((o) => o.id)).toEqual([a.id]);
  });
});

describe("afterSuccess / afterFailure / retryNow", () => {
  it("removes the op and moves later edits of the item to the new version", () => {
    const a = update(7, { title: "a" }, { version: 3 });
    const b = update(7, { status: "x" }, { version: 3 });
    const c = update(8, { title: "c" }, { version: 3 });
    const out = afterSuccess([a, b, c], a.id, 4);
    expect(out.map((o) => [o.id, (o as { version: number }).version])).toEqual([
      [b.id, 4],
      [c.id, 3],
    ]);
    expect(afterSuccess([a, b], "nope").map((o) => o.id)).toEqual([a.id, b.id]);
  });

  it("backs off on retry, parks a conflict or a refusal with the message", () => {
    const a = note(1);
    const r1 = afterFailure([a], a.id, "retry", "offline", 10_000)[0]!;
    expect(r1).toMatchObject({ attempts: 1, nextAttemptAt: 11_000, state: "pending", error: "offline" });
    const r2 = afterFailure([r1], a.id, "retry", "offline", 20_000)[0]!;
    expect(r2).toMatchObject({ attempts: 2, nextAttemptAt: 22_000 });
    expect(afterFailure([a], a.id, "conflict", "newer", 0)[0]).toMatchObject({ state: "conflict" });
    expect(afterFailure([a], a.id, "failed", "forbidden", 0)[0]).toMatchObject({
      state: "failed",
      error: "forbidden",
    });
    expect(retryNow([r2], 21_000)[0]!.nextAttemptAt).toBe(21_000);
  });
});
