/**
 * The assistant in offline mode (no API key) on the Harbor Bridge fixture,
 * with "today" fixed at 2025-03-14 so the answers are reproducible. The
 * expected items come from tests/fixtures/v1/expected.json, not retyped.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureChat } from "@/server/services/chat/deps";
import { extractItemRefs } from "@/domain/assistant";
import { severityOf, isOpen } from "@/domain/indicators";
import { addDays, formatDay } from "@/domain/dates";
import type { Indicator } from "@/domain/types";
import { expected, fixture } from "../support/fixtures";
import { callerFor, codeOf, makeUser, systemCaller } from "./helpers";

const ORG = "harbor";
const AS_OF = "2025-03-14";
const HARBOR = "RAID-Log-Harbor-Bridge-Upgrade.yaml";
const SAMPLE = "RAID-Log-Sample-Platform-Upgrade.yaml";

type Row = {
  itemNum: number;
  type: string;
  draft: boolean;
  assignedTo: string | null;
  deadline: string | null;
  finish: string | null;
  indicator: Indicator | null;
};

let harborId: string;
let sampleId: string;
let harbor: Row[];
let sample: Row[];
let alice: Awaited<ReturnType<typeof callerFor>>;

/** Items with their indicator as of a date, from expected.json. */
async function rowsAsOf(projectId: string, file: string, asOf: string): Promise<Row[]> {
  const exp = expected.raid.find((r) => r.file === file)!.as_of[asOf]!.indicators;
  const { items } = await systemCaller().item.list({ orgSlug: ORG, projectId, limit: 500 });
  return items.map((i) => ({ ...i, indicator: (exp[String(i.itemNum)] ?? null) as Indicator | null }));
}

/** The item numbers an offline answer lists ("- #N …" lines), per project heading when there are several. */
const listed = (text: string) => [...text.matchAll(/^- #(\d+) /gm)].map((m) => Number(m[1]));
const sorted = <T extends number | string>(xs: T[]): T[] =>
  [...xs].sort((a, b) =>
    typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b)),
  );

beforeAll(async () => {
  configureChat({ today: () => AS_OF, model: () => null });
  await makeUser("alice@harbor.test", "Alice Owner");
  await makeUser("bo@harbor.test", "Bo Chen");
  const sys = systemCaller();
  await sys.org.create({ name: "Harbor", slug: ORG, ownerEmail: "alice@harbor.test" });
  await sys.org.addMember({ orgSlug: ORG, email: "bo@harbor.test", role: "member" });
  harborId = (
    await sys.project.importYaml({
      orgSlug: ORG,
      raid: fixture(HARBOR),
      budget: fixture("Budget-Harbor-Bridge-Upgrade.yaml"),
    })
  ).projectId;
  sampleId = (await sys.project.importYaml({ orgSlug: ORG, raid: fixture(SAMPLE) })).projectId;
  await sys.project.setRole({
    orgSlug: ORG,
    projectId: harborId,
    email: "bo@harbor.test",
    role: "team_member",
  });
  harbor = await rowsAsOf(harborId, HARBOR, AS_OF);
  sample = await rowsAsOf(sampleId, SAMPLE, AS_OF);
  alice = await callerFor("alice@harbor.test");
});

afterAll(() => configureChat({}));

const ask = (message: string, projectId: string | null = harborId) =>
  alice.chat.send({ orgSlug: ORG, projectId, message });

describe("offline mode on the Harbor Bridge fixture (as of 2025-03-14)", () => {
  it("reports offline mode in chat.info", async () => {
    expect(await alice.chat.info({ orgSlug: ORG })).toMatchObject({ mode: "offline", model: null });
  });

  it('"what are the open risks?" lists exactly the open Risk items, cited as #N', async () => {
    const { message, mode, scope } = await ask("What are the open risks?");
    expect(mode).toBe("offline");
    expect(scope).toBe("project");
    expect(message.content.startsWith("**Offline mode**")).toBe(true);
    const want = harbor
      .filter((i) => i.type === "Risk" && !i.draft && isOpen(i.indicator))
      .map((i) => i.itemNum);
    expect(want.length).toBeGreaterThan(0);
    expect(sorted(listed(message.content))).toEqual(sorted(want));
    expect(message.status).toBe("complete");
    expect(message.inputTokens + message.outputTokens).toBe(0);
    expect(message.contextRefs).toMatchObject({
      mode: "offline",
      scope: "project",
      projectIds: [harborId],
      tools: ["list_items"],
    });
    expect(sorted(message.contextRefs.itemNums)).toEqual(expect.arrayContaining(sorted(want)));
  });

  it('"what is overdue?" lists exactly the critical items', async () => {
    const { message } = await ask("What is overdue?");
    const want = harbor.filter((i) => severityOf(i.indicator) === "critical").map((i) => i.itemNum);
    expect(want).toHaveLength(
      expected.raid.find((r) => r.file === HARBOR)!.as_of[AS_OF]!.severity_counts.critical!,
    );
    expect(sorted(listed(message.content))).toEqual(sorted(want));
    expect(message.content).toContain("Overdue or late items");
  });

  it('"what is due this week?" lists the open items due in the next 7 days (at two as-of dates)', async () => {
    let seen = 0;
    for (const asOf of [AS_OF, "2025-04-02"]) {
      configureChat({ today: () => asOf, model: () => null });
      const rows = await rowsAsOf(harborId, HARBOR, asOf);
      const { message } = await ask("What is due this week?");
      const end = addDays(asOf, 7);
      const want = rows
        .filter((i) => !i.draft && isOpen(i.indicator))
        .filter((i) => {
          const due = i.deadline ?? i.finish;
          return due !== null && due >= asOf && due <= end;
        })
        .map((i) => i.itemNum);
      expect(sorted(listed(message.content)), asOf).toEqual(sorted(want));
      seen += want.length;
    }
    configureChat({ today: () => AS_OF, model: () => null });
    expect(seen).toBeGreaterThan(0);
  });

  it('"what is assigned to Bo Chen?" lists his open items', async () => {
    const { message } = await ask("What is assigned to Bo Chen?");
    const want = harbor
      .filter((i) => i.assignedTo === "Bo Chen" && !i.draft && isOpen(i.indicator))
      .map((i) => i.itemNum);
    expect(want.length).toBeGreaterThan(0);
    expect(sorted(listed(message.content))).toEqual(sorted(want));
    expect(message.content).toContain("assigned to bo chen");
  });

  it('"what is assigned to me?" uses the caller\'s name', async () => {
    const bo = await callerFor("bo@harbor.test");
    const { message } = await bo.chat.send({
      orgSlug: ORG,
      projectId: harborId,
      message: "What is assigned to me?",
    });
    const want = harbor
      .filter((i) => i.assignedTo === "Bo Chen" && !i.draft && isOpen(i.indicator))
      .map((i) => i.itemNum);
    expect(sorted(listed(message.content))).toEqual(sorted(want));
  });

  it("answers budget status from the budget tool", async () => {
    const { message } = await ask("What is the budget status?");
    const m = expected.budget[0]!.metrics as Record<string, number | string>;
    const status = String(m.budget_status);
    expect(message.content).toContain(`**${status.charAt(0).toUpperCase()}${status.slice(1)}**`);
    expect(message.content).toContain(`(${m.burn_pct}%)`);
    expect(message.content).toContain(`timesheets through ${formatDay(String(m.updates_thru))}`);
    expect(message.contextRefs.tools).toEqual(["budget_metrics"]);
  });

  it("counts items by severity like the fixture expects", async () => {
    const { message } = await ask("How many items are there by severity?");
    const c = expected.raid.find((r) => r.file === HARBOR)!.as_of[AS_OF]!.severity_counts;
    expect(message.content).toContain(
      `Critical ${c.critical} · Warning ${c.warning} · Active ${c.active} · Upcoming ${c.upcoming} · Completed recently ${c.completed} · Done ${c.done}`,
    );
  });

  it("writes a weekly status summary with overdue items, due this week, open risks and budget", async () => {
    const { message } = await ask("Give me a weekly status summary");
    const critical = harbor.filter((i) => severityOf(i.indicator) === "critical").length;
    const risks = harbor.filter((i) => i.type === "Risk" && !i.draft && isOpen(i.indicator)).length;
    expect(message.content).toContain("**Weekly status summary**");
    expect(message.content).toContain(`Overdue or late (${critical}):`);
    expect(message.content).toContain(`Open risks (${risks}):`);
    expect(message.content).toMatch(/Due in the next 7 days \(\d+\):/);
    expect(message.content).toMatch(/Budget: \*\*/);
    expect(extractItemRefs(message.content).length).toBeGreaterThan(0);
  });

  it("offers the questions it knows when it cannot answer", async () => {
    const { message } = await ask("Write me a poem about bridges");
    expect(message.content).toContain("Offline mode");
    expect(message.content).toContain("What are the open risks?");
  });

  it('widens to every accessible project only when asked ("across all my projects")', async () => {
    const narrow = await ask("What is overdue?");
    expect(narrow.message.content).not.toContain("**Sample");
    const wide = await ask("What is overdue across all my projects?");
    expect(wide.scope).toBe("all");
    expect(sorted(wide.message.contextRefs.projectIds)).toEqual(sorted([harborId, sampleId]));
    const parts = wide.message.content.split(/^\*\*(?=[^*\n]+\*\*$)/m);
    const section = (name: string) => parts.find((p) => p.startsWith(name)) ?? "";
    expect(sorted(listed(section("Harbor Bridge Upgrade")))).toEqual(
      sorted(harbor.filter((i) => severityOf(i.indicator) === "critical").map((i) => i.itemNum)),
    );
    const sampleName = (await alice.project.get({ orgSlug: ORG, projectId: sampleId })).name;
    expect(sorted(listed(section(sampleName)))).toEqual(
      sorted(sample.filter((i) => severityOf(i.indicator) === "critical").map((i) => i.itemNum)),
    );
  });

  it("a team member asking across all projects only gets the projects they hold a role on", async () => {
    const bo = await callerFor("bo@harbor.test");
    const { message, scope } = await bo.chat.send({
      orgSlug: ORG,
      projectId: harborId,
      message: "What is overdue across all my projects?",
    });
    expect(scope).toBe("all");
    expect(message.contextRefs.projectIds).toEqual([harborId]);
    // Bo has no role on the sample project: it is invisible to him, in chat as everywhere.
    expect(
      await codeOf(bo.chat.send({ orgSlug: ORG, projectId: sampleId, message: "What is overdue?" })),
    ).toBe("NOT_FOUND");
  });

  it("org-wide sessions (no project) cover every accessible project", async () => {
    const { message, scope } = await ask("What are the open risks?", null);
    expect(scope).toBe("all");
    expect(sorted(message.contextRefs.projectIds)).toEqual(sorted([harborId, sampleId]));
  });
});
