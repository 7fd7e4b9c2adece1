/**
 * item.create with a `requestId` is idempotent: the same create sent again (a
 * retry after a lost reply, the offline queue sending what it kept) returns the
 * item the first send made instead of a second one — also when both copies
 * arrive at once. Ids are per project; without one, every call creates.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { failureOf } from "./budget-support";
import { callerFor, makeUser, systemCaller } from "./helpers";

const ORG = "request-id-org";
const sys = systemCaller();
let projectA: string;
let projectB: string;

beforeAll(async () => {
  await makeUser("owner@request-id.test", "Rhea Owner");
  await sys.org.create({ name: "Request ids", slug: ORG, ownerEmail: "owner@request-id.test" });
  projectA = (await sys.project.create({ orgSlug: ORG, name: "Project A" })).id;
  projectB = (await sys.project.create({ orgSlug: ORG, name: "Project B" })).id;
});

async function countTitled(projectId: string, title: string) {
  const owner = await callerFor("owner@request-id.test");
  const list = await owner.item.list({ orgSlug: ORG, projectId, search: title });
  return list.items.filter((i) => i.title === title).length;
}

describe("item.create requestId", () => {
  it("a create sent twice makes one item and answers both with it", async () => {
    const owner = await callerFor("owner@request-id.test");
    const requestId = randomUUID();
    const input = {
      orgSlug: ORG,
      projectId: projectA,
      type: "Action Item" as const,
      title: "Book the crane",
    };
    const first = await owner.item.create({ ...input, requestId });
    const again = await owner.item.create({ ...input, requestId });
    expect(again.itemNum).toBe(first.itemNum);
    expect(again.id).toBe(first.id);
    expect(await countTitled(projectA, "Book the crane")).toBe(1);
    // One CREATE in the item's audit trail.
    const history = await owner.item.history({ orgSlug: ORG, projectId: projectA, itemNum: first.itemNum });
    expect(history.entries.filter((e) => e.summary === "created the item")).toHaveLength(1);
  });

  it("copies arriving at once still make one item", async () => {
    const owner = await callerFor("owner@request-id.test");
    const requestId = randomUUID();
    const input = {
      orgSlug: ORG,
      projectId: projectA,
      type: "Issue" as const,
      title: "Gate 3 sensor offline",
      requestId,
    };
    const results = await Promise.all(Array.from({ length: 6 }, () => owner.item.create(input)));
    expect(new Set(results.map((r) => r.itemNum)).size).toBe(1);
    expect(await countTitled(projectA, "Gate 3 sensor offline")).toBe(1);
  });

  it("without an id, or with new ids, every call creates; an id is per project", async () => {
    const owner = await callerFor("owner@request-id.test");
    const base = { orgSlug: ORG, type: "Risk" as const, title: "Late steel delivery" };
    const a1 = await owner.item.create({ ...base, projectId: projectA });
    const a2 = await owner.item.create({ ...base, projectId: projectA });
    const a3 = await owner.item.create({ ...base, projectId: projectA, requestId: randomUUID() });
    expect(new Set([a1.itemNum, a2.itemNum, a3.itemNum]).size).toBe(3);
    const shared = randomUUID();
    const inA = await owner.item.create({ ...base, projectId: projectA, requestId: shared });
    const inB = await owner.item.create({ ...base, projectId: projectB, requestId: shared });
    expect(inB.id).not.toBe(inA.id);
    expect(await countTitled(projectB, "Late steel delivery")).toBe(1);
  });

  it("an id that is not a UUID is refused by field, and nothing is created", async () => {
    const owner = await callerFor("owner@request-id.test");
    const failure = await failureOf(
      owner.item.create({
        orgSlug: ORG,
        projectId: projectB,
        type: "Decision",
        title: "Pick the vendor",
        requestId: "retry-1",
      }),
    );
    expect(failure.code).toBe("BAD_REQUEST");
    expect(failure.fields.requestId?.[0]).toBe("Use a UUID");
    expect(await countTitled(projectB, "Pick the vendor")).toBe(0);
  });
});
