import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { idbStorage, memoryStorage, type NewOp, OfflineQueue } from "./queue-store";

const scope = { orgSlug: "acme", projectId: "p1" };
const edit = (title: string): NewOp =>
  ({
    kind: "update",
    userId: "u1",
    scope,
    label: `Edit #3`,
    itemNum: 3,
    version: 2,
    changes: { title },
  }) as NewOp;
const note: NewOp = {
  kind: "note",
  userId: "u1",
  scope,
  label: "Note on #3",
  itemNum: 3,
  content: "n",
} as NewOp;

describe.each([
  ["IndexedDB", () => idbStorage(`test-${Math.random()}`)],
  ["memory", memoryStorage],
])("OfflineQueue over %s", (_, storage) => {
  it("keeps ops across a reload (a new queue over the same storage), in order", async () => {
    const s = storage();
    const q = new OfflineQueue(s);
    await q.add(edit("a"), 1);
    await q.add(note, 2);
    await q.add(edit("b"), 3); // folds into the first edit
    const again = new OfflineQueue(s);
    await again.load();
    const ops = again.getSnapshot();
    expect(ops.map((o) => o.kind)).toEqual(["update", "note"]);
    expect(ops[0]).toMatchObject({ changes: { title: "b" }, version: 2, state: "pending" });
  });

  it("removes what was sent or discarded, and stores failures", async () => {
    const s = storage();
    const q = new OfflineQueue(s);
    const a = await q.add(edit("a"), 1);
    const b = await q.add(note, 2);
    let heard = 0;
    q.subscribe(() => heard++);
    await q.failed(b.id, "retry", "offline", 100);
    await q.succeeded(a.id, 3);
    const again = new OfflineQueue(s);
    await again.load();
    expect(again.getSnapshot()).toEqual([
      expect.objectContaining({ id: b.id, attempts: 1, nextAttemptAt: 1100 }),
    ]);
    await q.discard(b.id);
    const third = new OfflineQueue(s);
    await third.load();
    expect(third.getSnapshot()).toEqual([]);
    expect(heard).toBe(3);
  });
});

it("leaves out records it cannot read", async () => {
  const idb = idbStorage("test-bad");
  await idb.put({ id: "bad", kind: "nope" } as never);
  const q = new OfflineQueue(idb);
  const ok = await q.add(note, 1);
  expect((await idb.load()).map((o) => o.id)).toEqual([ok.id]);
});
