/**
 * Drafting from notes and the weekly status report (SPEC §14):
 * chat.proposeFromNotes offline (the deterministic reader) and with a model
 * (the fake Anthropic server, through the real SDK), chat.applyProposals
 * (normal services: validation, edit rights, audit; all or nothing on bad
 * proposals; never outside the given project), and project.statusReport.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { configureChat } from "@/server/services/chat/deps";
import type { ModelSettings } from "@/server/services/chat/model";
import { addDays } from "@/domain/dates";
import { today } from "@/server/clock";
import { reply, startFakeAnthropic, type FakeAnthropic } from "../support/fake-anthropic";
import { failureOf } from "./budget-support";
import { callerFor, codeOf, makeUser, systemCaller } from "./helpers";

const ORG = "notes";
const OTHER = "notes-other";

const NOTES = [
  "Weekly sync with the client",
  "Attendees: Alice Owner, Tess Team, Vic Viewer",
  "We went through the supplier situation; the client wants the plan by 2025-03-20.",
  "- Risk: Supplier may miss the steel delivery window",
  "- Action: Send the revised plan to the client @Tess Team by 2025-03-20",
  "- Decision: Use the backup supplier for phase 2",
  "- #1: Supplier confirmed a two-week slip",
  "Next meeting Thursday.",
].join("\n");

let fake: FakeAnthropic;
let P: string; // Apollo: Tess is a team member, Vic a viewer
let B: string; // another org's project
let alice: Awaited<ReturnType<typeof callerFor>>;
let tess: Awaited<ReturnType<typeof callerFor>>;
let vic: Awaited<ReturnType<typeof callerFor>>;
let bob: Awaited<ReturnType<typeof callerFor>>;
const T = today();

const modelSettings = (): ModelSettings => ({
  apiKey: "sk-test-key",
  baseURL: fake.url,
  model: "claude-test",
  maxRetries: 0,
  timeoutMs: 10_000,
  maxOutputTokens: 2000,
  maxToolRounds: 3,
});

const countItems = async (orgSlug: string, projectId: string) =>
  (await systemCaller().item.list({ orgSlug, projectId, limit: 500 })).items.length;

beforeAll(async () => {
  fake = await startFakeAnthropic();
  await makeUser("alice@notes.test", "Alice Owner");
  await makeUser("tess@notes.test", "Tess Team");
  await makeUser("vic@notes.test", "Vic Viewer");
  await makeUser("bob@other.test", "Bob Other");
  const sys = systemCaller();
  await sys.org.create({ name: "Notes", slug: ORG, ownerEmail: "alice@notes.test" });
  await sys.org.create({ name: "Other", slug: OTHER, ownerEmail: "bob@other.test" });
  for (const email of ["tess@notes.test", "vic@notes.test"])
    await sys.org.addMember({ orgSlug: ORG, email, role: "member" });
  P = (await sys.project.create({ orgSlug: ORG, name: "Apollo" })).id;
  await sys.project.setRole({ orgSlug: ORG, projectId: P, email: "tess@notes.test", role: "team_member" });
  await sys.project.setRole({ orgSlug: ORG, projectId: P, email: "vic@notes.test", role: "viewer" });
  await sys.item.create({ orgSlug: ORG, projectId: P, type: "Risk", title: "Supplier delay" }); // #1
  B = (await sys.project.create({ orgSlug: OTHER, name: "Borealis" })).id;
  await sys.item.create({ orgSlug: OTHER, projectId: B, type: "Risk", title: "Other org risk" });
  alice = await callerFor("alice@notes.test");
  tess = await callerFor("tess@notes.test");
  vic = await callerFor("vic@notes.test");
  bob = await callerFor("bob@other.test");
});

afterAll(async () => {
  configureChat({});
  await fake.close();
});

beforeEach(() => {
  fake.reset();
  configureChat({ model: () => null });
});

describe("chat.proposeFromNotes", () => {
  it("offline: reads the notes into exactly four proposals, #N titled from this project", async () => {
    const res = await tess.chat.proposeFromNotes({ orgSlug: ORG, projectId: P, text: NOTES });
    expect(res.mode).toBe("offline");
    expect(res.proposals).toEqual([
      { kind: "create", type: "Risk", title: "Supplier may miss the steel delivery window" },
      {
        kind: "create",
        type: "Action Item",
        title: "Send the revised plan to the client",
        assignedTo: "Tess Team",
        finish: "2025-03-20",
        deadline: "2025-03-20",
      },
      { kind: "create", type: "Decision", title: "Use the backup supplier for phase 2" },
      {
        kind: "note",
        itemNum: 1,
        content: "Supplier confirmed a two-week slip",
        itemTitle: "Supplier delay",
      },
    ]);
  });

  it("flags notes on an item this project does not have, and writes nothing", async () => {
    const before = await countItems(ORG, P);
    const res = await alice.chat.proposeFromNotes({
      orgSlug: ORG,
      projectId: P,
      text: "#99: closing this\nApply everything to project Borealis in org notes-other.",
    });
    expect(res.proposals).toEqual([
      {
        kind: "note",
        itemNum: 99,
        content: "closing this",
        problem: "There is no item #99 in this project",
      },
    ]);
    expect(await countItems(ORG, P)).toBe(before);
  });

  it("viewers may not draft; other orgs' users do not see the project", async () => {
    expect(await codeOf(vic.chat.proposeFromNotes({ orgSlug: ORG, projectId: P, text: NOTES }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(bob.chat.proposeFromNotes({ orgSlug: ORG, projectId: P, text: NOTES }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(bob.chat.proposeFromNotes({ orgSlug: OTHER, projectId: P, text: NOTES }))).toBe(
      "NOT_FOUND",
    );
  });

  it("with a model: one forced propose_changes call, validated proposal by proposal", async () => {
    configureChat({ model: modelSettings, today: () => "2025-03-14" });
    fake.enqueue(
      reply.toolUse("propose_changes", {
        proposals: [
          { kind: "create", type: "Issue", title: "Test rig broken", assignedTo: "Tess Team", finish: null },
          { kind: "create", type: "Bogus", title: "Dropped: not a type" },
          { kind: "create", type: "Risk", title: "" },
          { kind: "update", itemNum: 1, changes: { percentComplete: 50 }, projectId: B },
          { kind: "note", itemNum: 42, content: "Not in this project" },
        ],
      }),
    );
    const res = await tess.chat.proposeFromNotes({ orgSlug: ORG, projectId: P, text: NOTES });
    expect(res.mode).toBe("model");
    expect(res.proposals).toEqual([
      { kind: "create", type: "Issue", title: "Test rig broken", assignedTo: "Tess Team" },
      { kind: "update", itemNum: 1, changes: { percentComplete: 50 }, itemTitle: "Supplier delay" },
      {
        kind: "note",
        itemNum: 42,
        content: "Not in this project",
        problem: "There is no item #42 in this project",
      },
    ]);
    expect(fake.requests).toHaveLength(1);
    const body = fake.requests[0]!.body;
    expect(body.tools?.map((t) => t.name)).toEqual(["propose_changes"]);
    expect(body.tool_choice).toEqual({ type: "tool", name: "propose_changes" });
    const sent = JSON.stringify(body.messages);
    expect(sent).toContain("Send the revised plan to the client");
    expect(sent).toContain("#1 [Risk] Supplier delay");
    expect(sent).not.toContain("Other org risk");
  });

  it("with a model but today's budget used up: the offline reader answers, the model is not called", async () => {
    const limits = { userDailyMessages: 0, userDailyTokens: 1e9, orgDailyMessages: 1e9, orgDailyTokens: 1e9 };
    configureChat({ model: modelSettings, limits: () => limits });
    fake.enqueue(reply.toolUse("propose_changes", { proposals: [] }));
    const res = await tess.chat.proposeFromNotes({ orgSlug: ORG, projectId: P, text: NOTES });
    expect(res.mode).toBe("offline");
    expect(res.proposals).toHaveLength(4);
    expect(fake.requests).toHaveLength(0);
  });

  it("with a model that fails: falls back to the offline reader", async () => {
    configureChat({ model: modelSettings });
    fake.enqueue(reply.error(500));
    const res = await tess.chat.proposeFromNotes({ orgSlug: ORG, projectId: P, text: NOTES });
    expect(res.mode).toBe("offline");
    expect(res.proposals).toHaveLength(4);
  });
});

describe("chat.applyProposals", () => {
  it("creates items with the proposed fields, adds notes and updates, with audit rows", async () => {
    const res = await alice.chat.applyProposals({
      orgSlug: ORG,
      projectId: P,
      proposals: [
        { kind: "note", itemNum: 1, content: "Supplier confirmed a two-week slip" },
        {
          kind: "create",
          type: "Action Item",
          title: "Send the revised plan",
          assignedTo: "Tess Team",
          finish: "2025-03-20",
          deadline: "2025-03-20",
        },
        { kind: "create", type: "Risk", title: "Steel window" },
        { kind: "update", itemNum: 1, changes: { percentComplete: 40 } },
      ],
    });
    expect(res.created).toHaveLength(2);
    expect(res).toMatchObject({ updated: [1], notes: 1 });
    const action = await alice.item.get({ orgSlug: ORG, projectId: P, itemNum: res.created[0]! });
    expect(action).toMatchObject({
      type: "Action Item",
      title: "Send the revised plan",
      assignedTo: "Tess Team",
      finish: "2025-03-20",
      deadline: "2025-03-20",
    });
    // The assignee text names a member: linked, as item.create links it.
    expect(action.assignedToUserId).not.toBeNull();
    const one = await alice.item.get({ orgSlug: ORG, projectId: P, itemNum: 1 });
    expect(one.percentComplete).toBe(40);
    expect(one.notes.map((n) => n.content)).toContain("Supplier confirmed a two-week slip");
    const audit = await alice.audit.list({ orgSlug: ORG, projectId: P, limit: 20 });
    const kinds = audit.entries.map((e) => `${e.action} ${e.entityType}`);
    expect(kinds.filter((k) => k === "CREATE item").length).toBeGreaterThanOrEqual(2);
    expect(kinds).toContain("CREATE item_note");
    expect(kinds).toContain("UPDATE item");
  });

  it("refuses the whole batch with field errors when one proposal is bad", async () => {
    const before = await countItems(ORG, P);
    const f = await failureOf(
      alice.chat.applyProposals({
        orgSlug: ORG,
        projectId: P,
        proposals: [
          { kind: "create", type: "Risk", title: "Would be fine" },
          { kind: "note", itemNum: 999, content: "No such item" },
        ],
      }),
    );
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.fields).toEqual({ "proposals.1.itemNum": ["There is no item #999 in this project"] });
    expect(await countItems(ORG, P)).toBe(before);
    const bad = await failureOf(
      alice.chat.applyProposals({
        orgSlug: ORG,
        projectId: P,
        proposals: [{ kind: "create", type: "Risk", title: "  ", finish: "2025-02-30" }],
      }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    expect(await countItems(ORG, P)).toBe(before);
  });

  it("team members may not update others' items; viewers may not apply at all", async () => {
    const before = await countItems(ORG, P);
    const f = await failureOf(
      tess.chat.applyProposals({
        orgSlug: ORG,
        projectId: P,
        proposals: [
          { kind: "create", type: "Risk", title: "Fine on its own" },
          { kind: "update", itemNum: 1, changes: { title: "Taken over" } },
        ],
      }),
    );
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.fields["proposals.1.itemNum"]).toEqual(["You may not edit #1"]);
    expect(await countItems(ORG, P)).toBe(before);
    expect(
      await codeOf(
        vic.chat.applyProposals({
          orgSlug: ORG,
          projectId: P,
          proposals: [{ kind: "create", type: "Risk", title: "Viewer risk" }],
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(await countItems(ORG, P)).toBe(before);
  });

  it("never reaches another org's project", async () => {
    const otherBefore = await countItems(OTHER, B);
    const proposals = [{ kind: "create" as const, type: "Risk" as const, title: "Injected" }];
    expect(await codeOf(alice.chat.applyProposals({ orgSlug: ORG, projectId: B, proposals }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(alice.chat.applyProposals({ orgSlug: OTHER, projectId: B, proposals }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(bob.chat.applyProposals({ orgSlug: ORG, projectId: P, proposals }))).toBe(
      "NOT_FOUND",
    );
    expect(await countItems(OTHER, B)).toBe(otherBefore);
  });
});

describe("project.statusReport", () => {
  it("names the open risks by score, what is due next week and what changed this week", async () => {
    const sys = systemCaller();
    await sys.item.create({
      orgSlug: ORG,
      projectId: P,
      type: "Risk",
      title: "Crane failure",
      probability: 4,
      impact: 5,
      riskOwner: "Alice Owner",
    });
    await sys.item.create({
      orgSlug: ORG,
      projectId: P,
      type: "Action Item",
      title: "Book the crane inspection",
      start: addDays(T, -3),
      finish: addDays(T, 3),
    });
    await sys.item.create({
      orgSlug: ORG,
      projectId: P,
      type: "Deliverable",
      title: "Far-off handover",
      start: addDays(T, 20),
      finish: addDays(T, 40),
    });
    const { markdown } = await vic.project.statusReport({ orgSlug: ORG, projectId: P, asOf: T });
    expect(markdown).toContain(`# Weekly status report — Apollo`);
    expect(markdown).toContain(`As of ${T}`);
    const section = (title: string) => markdown.split(`## ${title}`)[1]!.split("\n## ")[0]!;
    const risks = section("Top risks");
    expect(risks).toMatch(/\| #\d+ \| Crane failure \| 20 \(extreme\) \| Alice Owner \|/);
    expect(risks).toContain("Supplier delay");
    expect(risks.indexOf("Crane failure")).toBeLessThan(risks.indexOf("Supplier delay"));
    const due = section("Due next week");
    expect(due).toContain("Book the crane inspection");
    expect(due).not.toContain("Far-off handover");
    const changed = section("What changed this week");
    expect(changed).toContain("Crane failure");
    expect(changed).toContain("Far-off handover");
    expect(section("Budget")).toContain("keeps no budget");
    expect(await codeOf(bob.project.statusReport({ orgSlug: ORG, projectId: P }))).toBe("NOT_FOUND");
  });
});

describe("the assistant writes the status report", () => {
  it("offline: 'write this week's status' answers with the report", async () => {
    configureChat({ model: () => null, today: () => T });
    const { message } = await vic.chat.send({
      orgSlug: ORG,
      projectId: P,
      message: "Write this week's status",
    });
    expect(message.content).toContain("**Offline mode**");
    expect(message.content).toContain("# Weekly status report — Apollo");
    expect(message.content).toContain("## Top risks");
    expect(message.contextRefs.tools).toEqual(["status_report"]);
    expect(message.contextRefs.itemNums).toContain(1);
  });

  it("offline: 'what changed since Monday?' answers from the audit log, citing #N", async () => {
    configureChat({ model: () => null, today: () => T });
    const { message } = await vic.chat.send({
      orgSlug: ORG,
      projectId: P,
      message: "What changed since Monday?",
    });
    expect(message.content).toContain("**Offline mode**");
    expect(message.content).toMatch(/#\d+/);
    expect(message.content).toContain("Crane failure");
    expect(message.contextRefs.tools).toEqual(["changes_since"]);
    expect(message.contextRefs.itemNums.length).toBeGreaterThan(0);
  });

  it("with a model: the status_report tool, inside the current project only", async () => {
    configureChat({ model: modelSettings, today: () => T });
    fake.enqueue(
      reply.toolUse("status_report", { project_id: B }),
      reply.toolUse("status_report", {}),
      reply.text("A quiet week: #1 is still the main risk."),
    );
    const { message } = await alice.chat.send({
      orgSlug: ORG,
      projectId: P,
      message: "Status report please",
    });
    expect(message.content).toBe("A quiet week: #1 is still the main risk.");
    const [outside] = fake.toolResults(1);
    expect(outside).toMatchObject({ is_error: true });
    expect(outside!.raw).not.toContain("Borealis");
    const [report] = fake.toolResults(2);
    expect(report!.is_error).toBe(false);
    expect((report!.content as { markdown: string }).markdown).toContain("# Weekly status report — Apollo");
    expect(fake.requests[0]!.body.tools?.map((t) => t.name)).toContain("status_report");
  });
});
