import { describe, expect, it } from "vitest";
import type { BudgetBrief, ItemBrief, ProjectSnapshot } from "./assistant-data";
import { snapshotOf } from "./assistant-data";
import { parseMarkdown } from "@/lib/chat-markdown";
import {
  detectOfflineIntent,
  matchAssignee,
  offlinePlan,
  typesIn,
  type OfflineIntent,
} from "./assistant-offline-intent";
import {
  escapeMarkdown,
  formatOfflineAnswer,
  OFFLINE_LABEL,
  type OfflineAnswerInput,
} from "./assistant-offline-answer";
import { extractItemRefs } from "./assistant";
import { itemRecord } from "./testing/items";

const item = itemRecord;
const today = "2025-03-14";

type ToolResult = NonNullable<OfflineAnswerInput["result"]>;
/** A project's part of a tool result, without its id and name. */
type ProjectPart = ToolResult extends infer R
  ? R extends { projects: (infer P)[] }
    ? Omit<P, "projectId" | "projectName">
    : never
  : never;

/** The offline answer when the tool's result is one project, "Apollo" (single-project scope). */
function answer(intent: OfflineIntent, project: ProjectPart, over: Partial<OfflineAnswerInput> = {}) {
  const result = { asOf: today, projects: [{ projectId: "p", projectName: "Apollo", ...project }] };
  return formatOfflineAnswer({ intent, today, multiProject: false, result: result as ToolResult, ...over });
}

describe("detectOfflineIntent", () => {
  it.each([
    ["What are the open risks?", { kind: "open", types: ["Risk"] }],
    ["list open issues", { kind: "open", types: ["Issue"] }],
    ["Show me the risks", { kind: "open", types: ["Risk"] }],
    ["What is overdue?", { kind: "overdue", types: [] }],
    ["Which actions are late?", { kind: "overdue", types: ["Action Item"] }],
    ["what's critical right now", { kind: "overdue", types: [] }],
    ["What is due this week?", { kind: "dueSoon", days: 7, types: [] }],
    ["anything due next week?", { kind: "dueSoon", days: 14, types: [] }],
    ["What is assigned to Bo Chen?", { kind: "assigned", who: "bo chen", types: [] }],
    ["what risks are assigned to fatima this week", { kind: "assigned", who: "fatima", types: ["Risk"] }],
    ["What is Ana working on?", { kind: "assigned", who: "ana", types: [] }],
    ["Show Eitan Levi's items", { kind: "assigned", who: "eitan levi", types: [] }],
    ["what is assigned to me?", { kind: "assigned", who: "me", types: [] }],
    ["show my open items", { kind: "assigned", who: "me", types: [] }],
    ["What is the budget status?", { kind: "budget" }],
    ["Are we over budget?", { kind: "budget" }],
    ["How many items by severity?", { kind: "counts" }],
    ["Give me a weekly status summary", { kind: "status" }],
    ["Summarize the project", { kind: "status" }],
    ["How is the project going?", { kind: "status" }],
    ["What are the biggest risks?", { kind: "biggestRisks" }],
    ["what's our risk exposure", { kind: "biggestRisks" }],
    ["What is on the critical path?", { kind: "criticalPath" }],
    ["When will we finish?", { kind: "forecast" }],
    ["what is the P80 finish date", { kind: "forecast" }],
    ["Tell me a joke", { kind: "help" }],
    ["", { kind: "help" }],
  ] as const)("%s", (q, intent) => {
    expect(detectOfflineIntent(q)).toEqual(intent);
  });

  it("never takes stop words for a name", () => {
    expect(detectOfflineIntent("how many items for each severity").kind).toBe("counts");
    expect(detectOfflineIntent("risks for the project").kind).toBe("open");
  });
});

describe("offline plans and answers for risk and schedule questions", () => {
  it("plans one tool per question", () => {
    expect(offlinePlan({ kind: "biggestRisks" })?.tool).toBe("risk_register");
    expect(offlinePlan({ kind: "criticalPath" })?.tool).toBe("critical_path");
    expect(offlinePlan({ kind: "forecast" })?.tool).toBe("schedule_forecast");
  });

  const base = { today: "2025-04-10" } as const;
  it("lists the biggest risks with exposure and the worst risk", () => {
    const text = answer(
      { kind: "biggestRisks" },
      {
        total: 1,
        risks: [
          {
            itemNum: 7,
            type: "Risk",
            title: "Key person leaves",
            score: 15,
            residualScore: null,
            currentScore: 15,
            currentBand: "high",
            open: true,
            indicator: null,
            riskOwner: "Ana",
            mitigation: null,
            costImpact: "25000.55",
            scheduleImpactDays: 15,
            exposureCost: "12500.28",
            exposureDays: 7.5,
          },
        ],
        exposure: {
          cost: "24500.28",
          days: 10.5,
          risks: 2,
          worst: { itemNum: 7, title: "Key person leaves", cost: "12500.28", days: 7.5, score: 15 },
        },
      },
      base,
    );
    expect(text).toContain(
      "- #7 Key person leaves (Risk) — score 15 (high) — expected $12,500.28 and 7.5 days; owner Ana",
    );
    expect(text).toContain(
      "Exposure over 2 open risks: $24,500.28 in money and 10.5 days; the worst is #7 Key person leaves",
    );
  });

  it("walks the critical path and gives the forecast in words", () => {
    const cp = answer(
      { kind: "criticalPath" },
      {
        start: "2025-04-01",
        finish: "2025-04-24",
        path: [
          { itemNum: 2, title: "Build", es: "2025-04-07", ef: "2025-04-18" },
          { itemNum: 5, title: "Go-live", es: "2025-04-24", ef: "2025-04-24" },
        ],
        nearCritical: [{ itemNum: 1, title: "Design", slack: 2 }],
        excluded: { cycle: [], invalidDates: [] },
      },
      base,
    );
    expect(cp).toContain("Finish 24 Apr 2025; 2 items on the path:");
    expect(cp).toContain("- #2 Build — 7 Apr 2025 → 18 Apr 2025");
    expect(cp).toContain("#1 Design (2 days)");
    const fc = answer(
      { kind: "forecast" },
      {
        p50: "2025-04-28",
        p80: "2025-05-02",
        planFinish: "2025-04-24",
        runs: 2000,
        seed: 1,
        explanation: "Based on 1 finished item.",
      },
      base,
    );
    expect(fc).toContain("P50 (as likely as not): **28 Apr 2025**");
    expect(fc).toContain("P80 (4 in 5 runs finish by): **2 May 2025**");
    expect(fc).toContain("Plan finish: 24 Apr 2025");
    expect(fc).toContain("Based on 1 finished item.");
  });
});

describe("typesIn", () => {
  it("maps words to item types", () => {
    expect(typesIn("risks and issues")).toEqual(["Risk", "Issue"]);
    expect(typesIn("action items, milestones and budget items")).toEqual([
      "Action Item",
      "Plan Item",
      "Budget",
    ]);
  });
});

describe("offlinePlan", () => {
  it("plans one tool call per intent", () => {
    expect(offlinePlan({ kind: "open", types: ["Risk"] })).toEqual({
      tool: "list_items",
      input: { types: ["Risk"], open_only: true, limit: 500 },
    });
    expect(offlinePlan({ kind: "overdue", types: [] })).toEqual({
      tool: "list_items",
      input: { critical_only: true, limit: 500 },
    });
    expect(offlinePlan({ kind: "dueSoon", days: 7, types: [] })?.input).toMatchObject({
      due_within_days: 7,
      open_only: true,
    });
    expect(offlinePlan({ kind: "budget" })?.tool).toBe("budget_metrics");
    expect(offlinePlan({ kind: "status" })?.tool).toBe("project_dashboard");
    expect(offlinePlan({ kind: "help" })).toBeNull();
  });
});

describe("matchAssignee", () => {
  const known = ["Bo Chen", "Fatima Zahra", "Ana Ruiz", "Anatole Roy", "José Núñez"];
  it("prefers an exact match, else word prefixes, accent-insensitive", () => {
    expect(matchAssignee("bo chen", known)).toEqual(["Bo Chen"]);
    expect(matchAssignee("chen", known)).toEqual(["Bo Chen"]);
    expect(matchAssignee("ana", known)).toEqual(["Ana Ruiz", "Anatole Roy"]);
    expect(matchAssignee("jose", known)).toEqual(["José Núñez"]);
    expect(matchAssignee("x", known)).toEqual([]);
    expect(matchAssignee("nobody", known)).toEqual([]);
  });
});

describe("escapeMarkdown", () => {
  it("keeps item text literal", () => {
    expect(escapeMarkdown("<script>*bold*</script> [x](y) a_b")).toBe(
      "\\<script\\>\\*bold\\*\\</script\\> \\[x\\](y) a\\_b",
    );
  });

  it("keeps a #N inside a title as text, so only the cited item becomes a link", () => {
    const inline = parseMarkdown(`- #13 ${escapeMarkdown("DNS TTL reduction #13")}`)[0];
    expect(inline).toEqual({
      t: "ul",
      items: [
        [
          { t: "item", n: 13 },
          { t: "text", v: " DNS TTL reduction #13" },
        ],
      ],
    });
  });
});

const brief = (n: number, over: Partial<ItemBrief> = {}): ItemBrief => ({
  itemNum: n,
  type: "Risk",
  title: `Item ${n}`,
  workstream: null,
  assignedTo: "Bo Chen",
  indicator: "In Progress",
  severity: "active",
  start: null,
  finish: null,
  deadline: "2025-03-20",
  due: "2025-03-20",
  percentComplete: 50,
  priority: null,
  draft: false,
  ...over,
});

describe("formatOfflineAnswer", () => {
  it("labels the answer and cites every listed item", () => {
    const text = answer(
      { kind: "open", types: ["Risk"] },
      { total: 2, truncated: false, items: [brief(3), brief(7, { title: "Vendor *late*" })] },
    );
    expect(text.startsWith(OFFLINE_LABEL)).toBe(true);
    expect(text).toContain("**Open risks**");
    expect(text).toContain("- #3 Item 3 (Risk) — In Progress · Bo Chen · due 20 Mar 2025");
    expect(text).toContain("Vendor \\*late\\*");
    expect(extractItemRefs(text)).toEqual([3, 7]);
  });

  it("says so when nothing matches", () => {
    const text = answer({ kind: "overdue", types: [] }, { total: 0, truncated: false, items: [] });
    expect(text).toContain("Nothing is overdue or late.");
  });

  it("filters by assignee and lists who has items when the name is unknown", () => {
    const items = [brief(1), brief(2, { assignedTo: "Ana Ruiz" })];
    const assigned = (who: string, userName?: string) =>
      answer({ kind: "assigned", who, types: [] }, { total: 2, truncated: false, items }, { userName });
    expect(extractItemRefs(assigned("ana"))).toEqual([2]);
    const me = assigned("me", "Bo Chen");
    expect(me).toContain("assigned to Bo Chen");
    expect(extractItemRefs(me)).toEqual([1]);
    const zed = assigned("zed");
    expect(zed).toContain('No one called "zed"');
    expect(zed).toContain("Ana Ruiz, Bo Chen");
  });

  it("heads each project when several are in scope", () => {
    const text = formatOfflineAnswer({
      intent: { kind: "open", types: [] },
      today,
      multiProject: true,
      result: {
        asOf: today,
        projects: [
          { projectId: "a", projectName: "Apollo", total: 1, truncated: false, items: [brief(1)] },
          { projectId: "b", projectName: "Borealis", total: 1, truncated: false, items: [brief(9)] },
        ],
      },
    });
    expect(text).toMatch(/\*\*Apollo\*\*\n1 item:\n- #1 /);
    expect(text).toMatch(/\*\*Borealis\*\*\n1 item:\n- #9 /);
  });

  it("writes budget status and the weekly summary", () => {
    const b: BudgetBrief = {
      projectId: "p",
      projectName: "Apollo",
      hasBudget: true,
      budgetStatus: "within 15%",
      budgetTotal: 100000,
      burnToDate: 40000.5,
      burnPct: 40,
      wklyAvgBurn: 5000,
      estTotalBurn: 90000,
      budgetRemaining: 10000,
      weeksRemaining: 10,
      updatesThru: "2025-03-07",
      projEnd: "2025-06-30",
    };
    const budget = answer({ kind: "budget" }, b);
    expect(budget).toContain("**Within 15%** — $40,000.50 burned of $100,000 (40%).");
    expect(budget).toContain("timesheets through 7 Mar 2025");

    const snap: ProjectSnapshot = snapshotOf(
      { projectId: "p", projectName: "Apollo", clientName: null },
      [
        item({
          itemNum: 1,
          type: "Risk",
          percentComplete: 10,
          indicator: "In Progress",
          finish: "2025-04-30",
        }),
        item({ itemNum: 2, type: "Issue", deadline: "2025-03-01", indicator: "Beyond Deadline!!!" }),
        item({ itemNum: 3, type: "Action Item", finish: "2025-03-18", indicator: "Finishing Soon!" }),
        item({ itemNum: 4, type: "Risk", draft: true, indicator: null }),
      ],
      today,
      b,
    );
    expect(snap.counts).toMatchObject({ critical: 1, active: 2, total: 3, open: 3, drafts: 1 });
    const status = answer({ kind: "status" }, snap);
    expect(status).toContain("**Weekly status summary**");
    expect(status).toMatch(/Overdue or late \(1\):\n- #2 /);
    expect(status).toMatch(/Due in the next 7 days \(1\):\n- #3 /);
    expect(status).toMatch(/Open risks \(1\):\n- #1 /);
    expect(status).toContain("Budget: **Within 15%**");
    expect(answer({ kind: "counts" }, snap)).toContain(
      "Critical 1 · Warning 0 · Active 2 · Upcoming 0 · Completed recently 0 · Done 0 — 3 items, 3 open (plus 1 draft).",
    );
  });

  it("offers help for questions it cannot answer", () => {
    const text = formatOfflineAnswer({ intent: { kind: "help" }, today, multiProject: false, result: null });
    expect(text).toContain("What are the open risks?");
    expect(text.startsWith(OFFLINE_LABEL)).toBe(true);
  });
});
