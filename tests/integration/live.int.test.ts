import { beforeAll, describe, expect, it } from "vitest";
import { getCentralDb } from "@/server/db/central";
import { liveConnectionCount, subscribe, type ChangeEvent } from "@/server/live";
import { callerFor, makeUser, systemCaller } from "./helpers";

const ORG = "live";
let projectId: string;
let other: string;

beforeAll(async () => {
  await makeUser("live@l.test", "Live");
  await systemCaller().org.create({ name: "Live", slug: ORG, ownerEmail: "live@l.test" });
  projectId = (await systemCaller().project.create({ orgSlug: ORG, name: "Watched" })).id;
  other = (await systemCaller().project.create({ orgSlug: ORG, name: "Other" })).id;
});

const waitFor = async (pred: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!pred() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

describe("live updates", () => {
  it("announces committed changes to the project's subscribers only", async () => {
    const org = await getCentralDb().organization.findUniqueOrThrow({ where: { slug: ORG } });
    const seen: ChangeEvent[] = [];
    const unsubscribe = await subscribe(org, projectId, (e) => seen.push(e));
    const api = await callerFor("live@l.test");
    const item = await api.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "Watch me" });
    await api.item.create({ orgSlug: ORG, projectId: other, type: "Risk", title: "Elsewhere" });
    await api.item.update({ orgSlug: ORG, projectId, itemNum: item.itemNum, version: item.version, percentComplete: 30 });
    await waitFor(() => seen.length >= 2);
    expect(seen.map((e) => [e.entityType, e.action])).toEqual([
      ["item", "CREATE"],
      ["item", "UPDATE"],
    ]);
    expect(seen.every((e) => e.projectId === projectId)).toBe(true);
    unsubscribe();
    expect(liveConnectionCount()).toBe(0);
  });

  it("never announces a change that was rolled back", async () => {
    const org = await getCentralDb().organization.findUniqueOrThrow({ where: { slug: ORG } });
    const seen: ChangeEvent[] = [];
    const unsubscribe = await subscribe(org, projectId, (e) => seen.push(e));
    const api = await callerFor("live@l.test");
    await expect(api.item.setDependencies({ orgSlug: ORG, projectId, itemNum: 1, dependsOn: [999] })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([]);
    unsubscribe();
  });
});
