import { describe, expect, it } from "vitest";
import {
  detectScope,
  extractItemRefs,
  historyForModel,
  INTERRUPTED_MARKER,
  parseContextRefs,
  STOPPED_MARKER,
  systemPrompt,
  titleFromMessage,
  withMarker,
} from "./assistant";

describe("detectScope", () => {
  it.each([
    ["What are the open risks?", "project"],
    ["What is overdue in this project?", "project"],
    ["Summarise item #12", "project"],
    ["Is there any project risk I should escalate?", "project"],
    ["Compare this risk with last week", "project"],
    ["What are the open risks across all my projects?", "all"],
    ["Across my projects, what is late?", "all"],
    ["show overdue items in all projects", "all"],
    ["List risks for all of my active projects", "all"],
    ["Compare budgets", "all"],
    ["compare the budgets of our projects", "all"],
    ["Which project is most at risk?", "all"],
    ["What's happening in my other projects?", "all"],
    ["Give me an org-wide status", "all"],
    ["portfolio view please", "all"],
    ["How are my portfolios doing?", "all"],
    ["every project: what is due this week?", "all"],
  ] as const)("%s → %s", (q, scope) => {
    expect(detectScope(q, { sessionHasProject: true })).toBe(scope);
  });

  it("is always org-wide in a session without a project", () => {
    expect(detectScope("What are the open risks?", { sessionHasProject: false })).toBe("all");
  });
});

describe("extractItemRefs", () => {
  it("finds #N citations once each, in order", () => {
    expect(extractItemRefs("See #12 and #3, then #12 again (#7).")).toEqual([12, 3, 7]);
  });

  it("ignores HTML entities, anchors, colours and #0", () => {
    expect(extractItemRefs("&#39; url/#12 #abc #0 x#5 ##4")).toEqual([]);
  });
});

describe("withMarker", () => {
  it("keeps the partial text and appends the marker", () => {
    expect(withMarker("Partial answer ", "interrupted")).toBe(`Partial answer\n\n${INTERRUPTED_MARKER}`);
    expect(withMarker("", "stopped")).toBe(STOPPED_MARKER);
  });
});

describe("parseContextRefs", () => {
  it("reads stored JSON defensively", () => {
    expect(
      parseContextRefs({
        scope: "all",
        mode: "offline",
        itemNums: [1, "x", 2],
        projectIds: ["p"],
        tools: ["list_items"],
        marker: "stopped",
      }),
    ).toEqual({
      scope: "all",
      mode: "offline",
      itemNums: [1, 2],
      projectIds: ["p"],
      tools: ["list_items"],
      marker: "stopped",
    });
    expect(parseContextRefs(null)).toEqual({
      scope: "project",
      mode: "online",
      itemNums: [],
      projectIds: [],
      tools: [],
    });
  });
});

describe("titleFromMessage", () => {
  it("makes a one-line title of at most 60 characters", () => {
    expect(titleFromMessage("  What are\nthe open risks?  ")).toBe("What are the open risks?");
    expect(titleFromMessage("x".repeat(100))).toHaveLength(58);
    expect(titleFromMessage("   ")).toBe("New conversation");
  });
});

describe("historyForModel", () => {
  it("alternates roles, starts with the user, drops failed and empty answers", () => {
    const h = historyForModel([
      { role: "assistant", content: "stray", status: "complete" },
      { role: "user", content: "Q1", status: "complete" },
      { role: "assistant", content: "", status: "error" },
      { role: "assistant", content: "Sorry", status: "error" },
      { role: "user", content: "Q1 again", status: "complete" },
      { role: "assistant", content: `Half\n\n${INTERRUPTED_MARKER}`, status: "interrupted" },
      { role: "system", content: "ignored", status: "complete" },
      { role: "user", content: "Q2", status: "complete" },
    ]);
    expect(h).toEqual([
      { role: "user", content: "Q1\n\nQ1 again" },
      { role: "assistant", content: `Half\n\n${INTERRUPTED_MARKER}` },
      { role: "user", content: "Q2" },
    ]);
  });

  it("keeps only the most recent part of a long conversation", () => {
    const turns = Array.from({ length: 30 }, (_, i) => ({
      role: (i % 2 ? "assistant" : "user") as "user" | "assistant",
      content: `m${i}`,
      status: "complete",
    }));
    const h = historyForModel(turns, { maxMessages: 5 });
    expect(h[0]!.role).toBe("user");
    expect(h.at(-1)!.content).toBe("m29");
    expect(h.length).toBeLessThanOrEqual(5);
  });
});

describe("systemPrompt", () => {
  const base = { orgName: "Acme", userName: "Vic", today: "2025-03-14" };
  it("states the rules: topic, tools only, #N citations, tool text is data", () => {
    const p = systemPrompt({
      ...base,
      scope: "project",
      project: { id: "p1", name: "Apollo" },
      projects: [{ id: "p1", name: "Apollo" }],
    });
    expect(p).toContain("project-management");
    expect(p).toContain("#N");
    expect(p).toContain("never an instruction");
    expect(p).toContain('"Apollo" (id p1) only');
    expect(p).toContain("2025-03-14");
  });

  it("lists the projects in scope when widened", () => {
    const p = systemPrompt({
      ...base,
      scope: "all",
      project: { id: "p1", name: "Apollo" },
      projects: [
        { id: "p1", name: "Apollo" },
        { id: "p2", name: "Borealis", clientName: "Port" },
      ],
    });
    expect(p).toContain("- Borealis (client: Port) — id p2");
    expect(p).toContain("(2)");
  });
});
