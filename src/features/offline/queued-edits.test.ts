import { describe, expect, it } from "vitest";
import type { QueuedOp } from "@/contracts/offline-queue";
import { withQueuedEdits, type QueueableRow } from "./queued-edits";
import { note, scope, update as edit } from "./testing";

const TODAY = "2026-03-10";

type Row = QueueableRow & { title: string; assignedTo: string | null };
const row = (itemNum: number, over: Partial<Row> = {}): Row => ({
  itemNum,
  version: 3,
  title: `Item ${itemNum}`,
  assignedTo: null,
  draft: false,
  percentComplete: 20,
  start: "2026-03-01",
  finish: "2026-03-30",
  deadline: null,
  duration: null,
  indicator: "In Progress",
  severity: "active",
  ...over,
});

describe("withQueuedEdits", () => {
  it.each<[string, QueuedOp[], Partial<Row> | null]>([
    [
      "a waiting edit shows on its row",
      [edit(1, { title: "Renamed" })],
      { title: "Renamed", queued: true } as Partial<Row>,
    ],
    [
      "two waiting edits of one item apply in queue order",
      [
        edit(1, { title: "First", assignedTo: "Ana" }, { seq: 90 }),
        edit(1, { title: "Second" }, { seq: 91 }),
      ],
      { title: "Second", assignedTo: "Ana" },
    ],
    [
      "an edit in conflict shows the server's copy",
      [edit(1, { title: "Mine" }, { state: "conflict" })],
      null,
    ],
    ["a refused edit shows the server's copy", [edit(1, { title: "Mine" }, { state: "failed" })], null],
    [
      "an edit made on an older copy than the server's is not laid over it",
      [edit(1, { title: "Old" }, { version: 2 })],
      null,
    ],
    [
      "another project's edit does not apply",
      [edit(1, { title: "X" }, { scope: { orgSlug: "acme", projectId: "p2" } })],
      null,
    ],
    [
      "another org's edit does not apply",
      [edit(1, { title: "X" }, { scope: { orgSlug: "beta", projectId: "p1" } })],
      null,
    ],
    ["a field the row does not have is left out", [edit(1, { mitigation: "Plan B" })], null],
    ["undefined means leave alone", [edit(1, { title: undefined })], null],
    ["notes and new items do not touch rows", [note(1)], null],
  ])("%s", (_name, ops, expected) => {
    const rows = [row(1), row(2)];
    const out = withQueuedEdits(rows, ops, scope, TODAY);
    if (expected === null) {
      expect(out).toBe(rows);
    } else {
      expect(out[0]).toMatchObject({ ...expected, queued: true });
      expect(out[1]).toBe(rows[1]);
    }
  });

  it("works the indicator out again from the edited dates and progress, as the server will", () => {
    const rows = [row(1)];
    const done = withQueuedEdits(rows, [edit(1, { percentComplete: 100 })], scope, TODAY);
    expect(done[0]).toMatchObject({
      percentComplete: 100,
      indicator: "Completed Recently",
      severity: "completed",
    });
    const late = withQueuedEdits(rows, [edit(1, { finish: "2026-03-05" })], scope, TODAY);
    expect(late[0]).toMatchObject({ finish: "2026-03-05", indicator: "Late Finish!!", severity: "critical" });
    const draft = withQueuedEdits(rows, [edit(1, { draft: true })], scope, TODAY);
    expect(draft[0]).toMatchObject({ indicator: null, severity: null });
  });

  it("works the risk score out again when probability or impact changed", () => {
    const risk = { ...row(1), probability: 2, impact: 3, riskScore: 6 };
    const [out] = withQueuedEdits([risk], [edit(1, { impact: 5 })], scope, TODAY);
    expect(out).toMatchObject({ impact: 5, riskScore: 10 });
    const [cleared] = withQueuedEdits([risk], [edit(1, { probability: null })], scope, TODAY);
    expect(cleared).toMatchObject({ probability: null, riskScore: null });
  });

  it("keeps the array when there is nothing to lay over", () => {
    const rows = [row(1)];
    expect(withQueuedEdits(rows, [], scope, TODAY)).toBe(rows);
  });
});
