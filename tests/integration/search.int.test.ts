import { beforeAll, describe, expect, it } from "vitest";
import { fixture } from "../support/fixtures";
import { MATCH_END, MATCH_START, toPrefixQuery } from "@/server/services/search";
import { callerFor, makeUser, systemCaller } from "./helpers";

const ORG = "srch";
const sys = systemCaller();
let harbor: string;
let sample: string;

beforeAll(async () => {
  await makeUser("boss@s.test", "Boss");
  await makeUser("member@s.test", "Member");
  await makeUser("outsider@o.test", "Outsider");
  await sys.org.create({ name: "Search", slug: ORG, ownerEmail: "boss@s.test" });
  await sys.org.create({ name: "Other", slug: "srch-other", ownerEmail: "outsider@o.test" });
  await sys.org.addMember({ orgSlug: ORG, email: "member@s.test", role: "member" });
  harbor = (await sys.project.importYaml({ orgSlug: ORG, raid: fixture("RAID-Log-Harbor-Bridge-Upgrade.yaml") })).projectId;
  sample = (await sys.project.importYaml({ orgSlug: ORG, raid: fixture("RAID-Log-Sample-Platform-Upgrade.yaml") })).projectId;
  await sys.project.setRole({ orgSlug: ORG, projectId: sample, email: "member@s.test", role: "viewer" });
  await sys.project.importYaml({ orgSlug: "srch-other", raid: fixture("RAID-Log-Harbor-Bridge-Upgrade.yaml") });
});

describe("global search", () => {
  it("finds titles by word prefix, grouped by project, with highlighted snippets", async () => {
    const boss = await callerFor("boss@s.test");
    const r = await boss.search.query({ orgSlug: ORG, q: "accessib" });
    const group = r.groups.find((g) => g.projectId === harbor)!;
    expect(group.items.map((i) => i.itemNum)).toContain(3);
    const hit = group.items.find((i) => i.itemNum === 3)!;
    expect(hit.matchedIn).toBe("title");
    expect(hit.snippet).toContain(`${MATCH_START}Accessibility${MATCH_END}`);
  });

  it("searches notes too", async () => {
    const boss = await callerFor("boss@s.test");
    await boss.item.addNote({ orgSlug: ORG, projectId: harbor, itemNum: 9, content: "Escalated the quokka procurement to legal" });
    const r = await boss.search.query({ orgSlug: ORG, q: "quokka" });
    expect(r.groups.flatMap((g) => g.items.map((i) => [i.itemNum, i.matchedIn]))).toEqual([[9, "note"]]);
  });

  it("only searches projects the caller can see, never another org", async () => {
    const member = await callerFor("member@s.test");
    const r = await member.search.query({ orgSlug: ORG, q: "a" });
    expect(new Set(r.groups.map((g) => g.projectId))).toEqual(new Set([sample]));
    const outsider = await callerFor("outsider@o.test");
    const o = await outsider.search.query({ orgSlug: "srch-other", q: "quokka" });
    expect(o.total).toBe(0);
  });

  it("jumps to an item number", async () => {
    const boss = await callerFor("boss@s.test");
    const r = await boss.search.query({ orgSlug: ORG, q: "#12" });
    expect(r.groups.every((g) => g.items[0]!.itemNum === 12)).toBe(true);
  });

  it.each([
    ["rollout plan", "rollout:* & plan:*"],
    ["a&b | !c", "a:* & b:* & c:*"],
    ["'; drop table items; --", "drop:* & table:* & items:*"],
    ["   ", null],
  ])("turns %j into a safe query", (q, expected) => {
    expect(toPrefixQuery(q)).toBe(expected);
  });
});
