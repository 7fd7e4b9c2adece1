import { describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { changesProjectLog, isStale, readTrpcKey, staleAfter } from "./stale-after";

const A = { orgSlug: "acme", projectId: "p1" };

/** Whether `mutation` called with `input` makes the query `path` called with `queryInput` stale. */
const stales = (mutation: string, input: unknown, path: string, queryInput?: unknown) =>
  isStale(staleAfter(mutation, input), path.split("."), queryInput);

describe("staleAfter: what a change makes stale", () => {
  it.each([
    // An item edit: every view of that project, and the org's project list (item counts).
    ["item.update", A, "item.list", A, true],
    ["item.update", A, "item.get", { ...A, itemNum: 7 }, true],
    ["item.update", A, "item.facets", A, true],
    ["item.update", A, "project.dashboard", A, true],
    ["item.update", A, "project.timeline", A, true],
    ["item.update", A, "project.criticalPath", A, true],
    ["item.update", A, "project.riskRegister", A, true],
    ["item.update", A, "budget.metrics", A, true],
    ["item.update", A, "project.list", { orgSlug: "acme" }, true],
    ["item.update", A, "portfolio.dashboard", { orgSlug: "acme", portfolioId: "f" }, true],
    ["item.update", A, "search.query", { orgSlug: "acme", q: "crane" }, true],
    ["item.update", A, "audit.list", A, true],
    // … but not another project's, nor another org's, nor unrelated routers.
    ["item.update", A, "item.list", { ...A, projectId: "p2" }, false],
    ["item.update", A, "project.dashboard", { orgSlug: "other", projectId: "p1" }, false],
    ["item.update", A, "project.list", { orgSlug: "other" }, false],
    ["item.update", A, "chat.sessions", { orgSlug: "acme" }, false],
    ["item.update", A, "org.members", { orgSlug: "acme" }, false],
    ["item.update", A, "user.me", undefined, false],
    // Workstreams and budget entries are the project's log too.
    ["project.workstream.rename", A, "item.list", A, true],
    ["budget.timesheet.create", A, "project.dashboard", A, true],
    ["budget.timesheet.create", A, "budget.overview", A, true],
    // An org-wide rate card (no project named) reaches every project of the org.
    ["budget.rateCard.delete", { orgSlug: "acme", id: "r" }, "budget.metrics", A, true],
    [
      "budget.rateCard.delete",
      { orgSlug: "acme", id: "r" },
      "budget.metrics",
      { orgSlug: "x", projectId: "p" },
      false,
    ],
    // Applied assistant proposals and attachments change the log; a draft does not.
    ["chat.applyProposals", A, "item.list", A, true],
    ["chat.proposeFromNotes", A, "item.list", A, false],
    ["attachment.completeUpload", { ...A, itemNum: 3 }, "attachment.list", { ...A, itemNum: 3 }, true],
    ["attachment.completeUpload", { ...A, itemNum: 3 }, "search.query", { orgSlug: "acme", q: "x" }, true],
    ["attachment.startUpload", { ...A, itemNum: 3 }, "attachment.list", { ...A, itemNum: 3 }, false],
    // Previews and tests store nothing.
    ["project.importPreview", { orgSlug: "acme" }, "project.list", { orgSlug: "acme" }, false],
    ["budget.timesheet.previewCsv", A, "budget.timesheet.list", A, false],
    ["org.testAiSettings", { orgSlug: "acme" }, "org.aiSettings", { orgSlug: "acme" }, false],
    // Org settings: its own router, plus the listed neighbours.
    ["org.setAiSettings", { orgSlug: "acme" }, "org.aiSettings", { orgSlug: "acme" }, true],
    ["org.setAiSettings", { orgSlug: "acme" }, "chat.info", { orgSlug: "acme" }, true],
    ["org.setAiSettings", { orgSlug: "acme" }, "item.list", A, false],
    ["org.invite", { orgSlug: "acme" }, "org.invitations", { orgSlug: "acme" }, true],
    ["org.removeMember", { orgSlug: "acme" }, "project.members", A, true],
    ["org.removeMember", { orgSlug: "acme" }, "project.dashboard", A, false],
    // A user's own things have no org in their input: stale whenever their router is.
    ["user.updateProfile", { name: "N" }, "user.profile", undefined, true],
    ["user.updateProfile", { name: "N" }, "org.members", { orgSlug: "acme" }, true],
    ["user.acceptInvitation", { invitationId: "i" }, "org.list", undefined, true],
    ["user.acceptInvitation", { invitationId: "i" }, "user.invitations", undefined, true],
    // Baselines feed the timeline's comparison, not the log.
    ["baseline.create", A, "baseline.list", A, true],
    ["baseline.create", A, "project.timeline", A, true],
    ["baseline.create", A, "item.list", A, false],
    ["webhook.test", { ...A, webhookId: "w" }, "webhook.deliveries", { ...A, webhookId: "w" }, true],
    ["chat.ask", { orgSlug: "acme" }, "chat.history", { orgSlug: "acme", sessionId: "s" }, true],
  ] as const)("%s %j → %s %j: %s", (mutation, input, path, queryInput, expected) => {
    expect(stales(mutation, input, path, queryInput)).toBe(expected);
  });

  it("keeps only the widest paths", () => {
    const paths = staleAfter("org.removeMember", { orgSlug: "acme" }).map((t) => t.path);
    expect(paths).toEqual(["org", "project.members"]);
    expect(staleAfter("item.update", A).map((t) => t.path)).not.toContain("project.members");
  });

  it("names only procedures that exist, and every mutation of the app is covered by the rule", () => {
    const procedures = (
      appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string } }> } }
    )._def.procedures;
    const mutations = Object.entries(procedures)
      .filter(([, p]) => p._def.type === "mutation")
      .map(([name]) => name);
    const queries = Object.entries(procedures)
      .filter(([, p]) => p._def.type === "query")
      .map(([name]) => name);
    const routers = new Set(Object.keys(procedures).map((n) => n.split(".")[0]));
    for (const m of mutations) {
      for (const t of staleAfter(m, A)) {
        // Each target is a router or a query of the app.
        expect(
          routers.has(t.path) || queries.includes(t.path) || queries.some((q) => q.startsWith(`${t.path}.`)),
          `${m} → ${t.path}`,
        ).toBe(true);
      }
    }
    // Every mutation that writes to a project's log reaches item.list of that project.
    for (const m of mutations.filter(changesProjectLog)) expect(stales(m, A, "item.list", A), m).toBe(true);
  });
});

describe("readTrpcKey", () => {
  it("reads tRPC's query keys and ignores others", () => {
    expect(readTrpcKey([["item", "list"], { input: A, type: "infinite" }])).toEqual({
      path: ["item", "list"],
      input: A,
    });
    expect(readTrpcKey([["user", "me"], { type: "query" }])).toEqual({
      path: ["user", "me"],
      input: undefined,
    });
    expect(readTrpcKey([["item", "update"]])).toEqual({ path: ["item", "update"], input: undefined });
    expect(readTrpcKey(["offline-queue"])).toBeNull();
  });
});
