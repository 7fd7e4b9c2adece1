/**
 * Cached project reads (issue #13.3, src/server/cache/project-reads.ts):
 * item.list, item.facets, project.dashboard and budget.metrics are answered
 * from a per-instance cache, and no instance may keep serving an answer after
 * the project changed. "Another instance" is a second set of caches with its
 * own LISTEN connections and a TTL far beyond the test's patience, so only the
 * database triggers' NOTIFY can explain a change showing up there in time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { accessCaches, createAccessCaches, type AccessCaches } from "@/server/cache/access";
import { codeOf, makeUser, sessionFor, systemCaller } from "./helpers";
import { tenantDb } from "./budget-support";

const ORG = "readcache";
const sys = systemCaller();
let projectId: string;
const others: AccessCaches[] = [];

function otherInstance(): AccessCaches {
  const c = createAccessCaches({ ttlMs: 600_000 });
  others.push(c);
  return c;
}

async function callerOn(caches: AccessCaches, email: string) {
  return createCaller(createInnerContext({ session: await sessionFor(email), caches }));
}

/** Repeats `read` until the instance holds a cached answer (it caches only once it listens). */
async function cached<T>(c: AccessCaches, read: () => Promise<T>): Promise<T> {
  const until = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (c.projectReads.size > 0) return value;
    if (Date.now() > until) throw new Error("the instance never started caching");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Polls `read` until `ok` holds, for at most `ms`. */
async function eventually<T>(ms: number, read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`still ${JSON.stringify(v).slice(0, 200)} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const title = (list: { items: { itemNum: number; title: string }[] }, n: number) =>
  list.items.find((i) => i.itemNum === n)?.title;

beforeAll(async () => {
  await makeUser("owen@rc.test", "Owen Owner");
  await makeUser("tara@rc.test", "Tara Team");
  await makeUser("nia@rc.test", "Nia NoRole");
  await makeUser("xavier@rc.test", "Xavier Elsewhere");
  await sys.org.create({ name: "Read cache", slug: ORG, ownerEmail: "owen@rc.test" });
  await sys.org.create({ name: "Other", slug: "readcache-other", ownerEmail: "xavier@rc.test" });
  for (const email of ["tara@rc.test", "nia@rc.test"])
    await sys.org.addMember({ orgSlug: ORG, email, role: "member" });
  projectId = (await sys.project.create({ orgSlug: ORG, name: "Cached reads", workstreams: ["Civil"] })).id;
  await sys.project.setRole({ orgSlug: ORG, projectId, email: "tara@rc.test", role: "team_member" });
  for (const t of ["Pour the deck", "Order steel", "Survey piles"])
    await sys.item.create({ orgSlug: ORG, projectId, type: "Action Item", title: t, workstream: "Civil" });
});

afterAll(async () => {
  await Promise.all(others.map((c) => c.bus?.stop()));
});

describe("cached project reads", () => {
  it("answers repeated reads from the cache", async () => {
    const b = otherInstance();
    const tara = await callerOn(b, "tara@rc.test");
    const first = await cached(b, () => tara.item.list({ orgSlug: ORG, projectId }));
    const hits = b.projectReads.hits;
    const again = await tara.item.list({ orgSlug: ORG, projectId });
    expect(b.projectReads.hits).toBeGreaterThan(hits);
    expect(again).toEqual(first);
  });

  it("an item changed through another instance shows on the next reads there", async () => {
    const b = otherInstance();
    const tara = await callerOn(b, "tara@rc.test");
    await cached(b, () => tara.item.list({ orgSlug: ORG, projectId }));
    const dashboard = await tara.project.dashboard({ orgSlug: ORG, projectId });
    const item = await sys.item.get({ orgSlug: ORG, projectId, itemNum: 1 });
    await sys.item.update({
      orgSlug: ORG,
      projectId,
      itemNum: 1,
      version: item.version,
      title: "Pour the deck (east)",
    });
    await eventually(
      3_000,
      () => tara.item.list({ orgSlug: ORG, projectId }),
      (l) => title(l, 1) === "Pour the deck (east)",
    );
    await sys.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "Crane hire falls through" });
    const after = await eventually(
      3_000,
      () => tara.project.dashboard({ orgSlug: ORG, projectId }),
      (d) => JSON.stringify(d) !== JSON.stringify(dashboard),
    );
    expect(after.counts.total).toBe(dashboard.counts.total + 1);
  });

  it("a raw SQL change made outside the app reaches the cached list", async () => {
    const b = otherInstance();
    const tara = await callerOn(b, "tara@rc.test");
    await cached(b, () => tara.item.list({ orgSlug: ORG, projectId }));
    const db = await tenantDb(ORG);
    await db.$executeRawUnsafe(
      `UPDATE items SET title = 'Order steel (mill certs)' WHERE project_id = $1::uuid AND item_num = 2`,
      projectId,
    );
    await eventually(
      3_000,
      () => tara.item.list({ orgSlug: ORG, projectId }),
      (l) => title(l, 2) === "Order steel (mill certs)",
    );
  });

  it("a renamed workstream and a new budget line reach the other instance", async () => {
    const b = otherInstance();
    const tara = await callerOn(b, "tara@rc.test");
    await cached(b, () => tara.item.facets({ orgSlug: ORG, projectId }));
    const metrics = await tara.budget.metrics({ orgSlug: ORG, projectId });
    const db = await tenantDb(ORG);
    await db.$executeRawUnsafe(
      `UPDATE workstreams SET name = 'Civil works' WHERE project_id = $1::uuid`,
      projectId,
    );
    await eventually(
      3_000,
      () => tara.item.facets({ orgSlug: ORG, projectId }),
      (f) => f.workstreams.includes("Civil works"),
    );
    await sys.budget.allocation.create({ orgSlug: ORG, projectId, amount: "25000", date: "2026-01-05" });
    const after = await eventually(
      3_000,
      () => tara.budget.metrics({ orgSlug: ORG, projectId }),
      (m) => m.budgetTotal !== metrics.budgetTotal,
    );
    expect(after.budgetTotal).toBe(metrics.budgetTotal + 25000);
  });

  it("in the instance that wrote, the next read sees the write at once", async () => {
    const b = accessCaches(); // this process's own instance: its writes invalidate locally, not by NOTIFY
    const writer = await callerOn(b, "owen@rc.test");
    await cached(b, () => writer.item.list({ orgSlug: ORG, projectId }));
    const item = await writer.item.get({ orgSlug: ORG, projectId, itemNum: 3 });
    await writer.item.update({
      orgSlug: ORG,
      projectId,
      itemNum: 3,
      version: item.version,
      title: "Survey piles (north)",
    });
    expect(title(await writer.item.list({ orgSlug: ORG, projectId }), 3)).toBe("Survey piles (north)");
  });

  it("a cached answer is never handed to someone who may not see the project", async () => {
    const b = otherInstance();
    const tara = await callerOn(b, "tara@rc.test");
    await cached(b, () => tara.item.list({ orgSlug: ORG, projectId }));
    await tara.project.dashboard({ orgSlug: ORG, projectId });
    const nia = await callerOn(b, "nia@rc.test"); // org member without a role in the project
    const xavier = await callerOn(b, "xavier@rc.test"); // another org
    for (const who of [nia, xavier]) {
      expect(await codeOf(who.item.list({ orgSlug: ORG, projectId }))).not.toBe("OK");
      expect(await codeOf(who.project.dashboard({ orgSlug: ORG, projectId }))).not.toBe("OK");
    }
    expect(await codeOf(xavier.item.list({ orgSlug: "readcache-other", projectId }))).not.toBe("OK");
  });
});
