import { beforeAll, describe, expect, it } from "vitest";
import { fixture } from "../support/fixtures";
import { MATCH_END, MATCH_START, toPrefixQuery } from "@/server/services/search";
import { getCentralDb } from "@/server/db/central";
import { getTenantDb } from "@/server/db/tenant";
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
  harbor = (
    await sys.project.importYaml({ orgSlug: ORG, raid: fixture("RAID-Log-Harbor-Bridge-Upgrade.yaml") })
  ).projectId;
  sample = (
    await sys.project.importYaml({ orgSlug: ORG, raid: fixture("RAID-Log-Sample-Platform-Upgrade.yaml") })
  ).projectId;
  await sys.project.setRole({ orgSlug: ORG, projectId: sample, email: "member@s.test", role: "viewer" });
  await sys.project.importYaml({
    orgSlug: "srch-other",
    raid: fixture("RAID-Log-Harbor-Bridge-Upgrade.yaml"),
  });
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
    await boss.item.addNote({
      orgSlug: ORG,
      projectId: harbor,
      itemNum: 9,
      content: "Escalated the quokka procurement to legal",
    });
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

describe("stored search documents (search_vector)", () => {
  it("follow every change of the row: a renamed item is found by its new title only", async () => {
    const boss = await callerFor("boss@s.test");
    const created = await boss.item.create({
      orgSlug: ORG,
      projectId: harbor,
      type: "Risk",
      title: "Wombat supply shortfall",
    });
    expect((await boss.search.query({ orgSlug: ORG, q: "wombat" })).total).toBe(1);
    await boss.item.update({
      orgSlug: ORG,
      projectId: harbor,
      itemNum: created.itemNum,
      version: created.version,
      title: "Numbat supply shortfall",
    });
    expect((await boss.search.query({ orgSlug: ORG, q: "wombat" })).total).toBe(0);
    const r = await boss.search.query({ orgSlug: ORG, q: "numbat shortf" });
    expect(r.groups.flatMap((g) => g.items.map((i) => [i.itemNum, i.matchedIn]))).toEqual([
      [created.itemNum, "title"],
    ]);
  });

  it("tell a description match from a title match and leave deleted items out", async () => {
    const boss = await callerFor("boss@s.test");
    const created = await boss.item.create({
      orgSlug: ORG,
      projectId: harbor,
      type: "Issue",
      title: "Ferry timetable",
      description: "The capybara crossing moved",
    });
    const hit = (await boss.search.query({ orgSlug: ORG, q: "capybara" })).groups.flatMap((g) => g.items);
    expect(hit.map((i) => [i.itemNum, i.matchedIn])).toEqual([[created.itemNum, "description"]]);
    expect(hit[0]!.snippet).toContain(`${MATCH_START}capybara${MATCH_END}`);
    await boss.item.delete({ orgSlug: ORG, projectId: harbor, itemNum: created.itemNum });
    expect((await boss.search.query({ orgSlug: ORG, q: "capybara" })).total).toBe(0);
  });

  it("find attachment names by the words between . _ and -", async () => {
    const boss = await callerFor("boss@s.test");
    const created = await boss.item.create({
      orgSlug: ORG,
      projectId: harbor,
      type: "Deliverable",
      title: "Survey pack",
    });
    const org = await getCentralDb().organization.findUniqueOrThrow({ where: { slug: ORG } });
    await getTenantDb(org).attachment.create({
      data: {
        itemId: created.id,
        fileName: "site-survey_axolotl.v2.pdf",
        contentType: "application/pdf",
        size: 10,
        storageKey: `t/${created.id}`,
      },
    });
    const r = await boss.search.query({ orgSlug: ORG, q: "axolotl" });
    expect(r.groups.flatMap((g) => g.items.map((i) => [i.itemNum, i.matchedIn, i.snippet]))).toEqual([
      [created.itemNum, "attachment", "site-survey_axolotl.v2.pdf"],
    ]);
  });

  it("list an item found by its text or number and by a note once, as the better match, counted once", async () => {
    const boss = await callerFor("boss@s.test");
    const created = await boss.item.create({
      orgSlug: ORG,
      projectId: harbor,
      type: "Risk",
      title: "Okapi fence repair",
    });
    await boss.item.addNote({
      orgSlug: ORG,
      projectId: harbor,
      itemNum: created.itemNum,
      content: "Okapi seen near the gate",
    });
    const other = await boss.item.create({
      orgSlug: ORG,
      projectId: harbor,
      type: "Risk",
      title: "Gate hinge",
    });
    await boss.item.addNote({
      orgSlug: ORG,
      projectId: harbor,
      itemNum: other.itemNum,
      content: "The okapi again",
    });
    const r = await boss.search.query({ orgSlug: ORG, q: "okapi" });
    expect(r.total).toBe(2);
    expect(r.groups.flatMap((g) => g.items.map((i) => [i.itemNum, i.matchedIn]))).toEqual([
      [created.itemNum, "title"],
      [other.itemNum, "note"],
    ]);
    await boss.item.addNote({
      orgSlug: ORG,
      projectId: harbor,
      itemNum: created.itemNum,
      content: `Tracked as ${created.itemNum}`,
    });
    const byNum = await boss.search.query({ orgSlug: ORG, q: `#${created.itemNum}` });
    const inHarbor = byNum.groups
      .find((g) => g.projectId === harbor)!
      .items.filter((i) => i.itemNum === created.itemNum);
    expect(inHarbor.map((i) => i.matchedIn)).toEqual(["number"]);
  });

  it("leave out the items of a deleted project", async () => {
    const boss = await callerFor("boss@s.test");
    const gone = await boss.project.create({ orgSlug: ORG, name: "Doomed" });
    await boss.item.create({ orgSlug: ORG, projectId: gone.id, type: "Risk", title: "Pangolin escape" });
    expect((await boss.search.query({ orgSlug: ORG, q: "pangolin" })).total).toBe(1);
    await boss.project.delete({ orgSlug: ORG, projectId: gone.id, confirmName: "Doomed" });
    expect((await boss.search.query({ orgSlug: ORG, q: "pangolin" })).total).toBe(0);
  });
});

describe("item.list search", () => {
  it("matches word starts in title or description (every word), and #N by number — not the middle of a word", async () => {
    const boss = await callerFor("boss@s.test");
    const a = await boss.item.create({
      orgSlug: ORG,
      projectId: sample,
      type: "Risk",
      title: "Quetzal vendor delay",
      description: "Shipping lanes closed",
    });
    const b = await boss.item.create({
      orgSlug: ORG,
      projectId: sample,
      type: "Risk",
      title: "Quetzal permit",
    });
    const list = async (search: string) =>
      (await boss.item.list({ orgSlug: ORG, projectId: sample, search })).items
        .map((i) => i.itemNum)
        .sort((x, y) => x - y);
    expect(await list("quetz")).toEqual([a.itemNum, b.itemNum]);
    expect(await list("QUETZAL ship")).toEqual([a.itemNum]);
    expect(await list("uetzal")).toEqual([]);
    expect(await list(`#${b.itemNum}`)).toEqual([b.itemNum]);
    expect(await list(`#${b.itemNum} vendor`)).toEqual([]);
    // Words are letters and digits: the parts of an address or a version are words too, as on the client.
    const c = await boss.item.create({
      orgSlug: ORG,
      projectId: sample,
      type: "Issue",
      title: "Mail ops@tapir-works.example about v2.7",
    });
    expect(await list("tapir")).toEqual([c.itemNum]);
    expect(await list("works example")).toEqual([c.itemNum]);
    expect(await list("tapir v2")).toEqual([c.itemNum]);
    expect((await boss.search.query({ orgSlug: ORG, q: "tapir works" })).total).toBe(1);
    const page = await boss.item.list({
      orgSlug: ORG,
      projectId: sample,
      search: "quetzal",
      types: ["Risk"],
      limit: 1,
    });
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).toBe(1);
  });
});
