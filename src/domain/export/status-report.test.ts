import { describe, expect, it } from "vitest";
import type { BudgetMetrics } from "../budget";
import { itemRecord } from "../testing/items";
import type { ItemRecord } from "../types";
import { statusReportMarkdown, type StatusReportInput } from "./status-report";

const AS_OF = "2025-03-14";

const item = (over: Partial<ItemRecord> & { itemNum: number }): ItemRecord =>
  itemRecord({ indicator: "In Progress", ...over });

const ITEMS: ItemRecord[] = [
  item({ itemNum: 1, type: "Risk", title: "Supplier delay", probability: 3, impact: 3, riskOwner: "Rae" }),
  item({ itemNum: 2, type: "Risk", title: "Crane | failure", probability: 4, impact: 5 }),
  item({ itemNum: 3, type: "Risk", title: "Closed risk", probability: 5, impact: 5, indicator: "Completed" }),
  item({
    itemNum: 4,
    title: "Order steel",
    finish: "2025-03-10",
    indicator: "Late Finish!!",
    assignedTo: "Bo",
  }),
  item({ itemNum: 5, title: "Book inspection", finish: "2025-03-18", indicator: "Finishing Soon!" }),
  item({ itemNum: 6, title: "Deadline wins", finish: "2025-04-30", deadline: "2025-03-21" }),
  item({ itemNum: 7, title: "Just after next week", finish: "2025-03-22", indicator: "Not Started" }),
  item({ itemNum: 8, title: "Draft", finish: "2025-03-15", draft: true, indicator: null }),
  item({ itemNum: 9, type: "Issue", title: "Done", finish: "2025-03-16", indicator: "Completed Recently" }),
];

const base: StatusReportInput = {
  project: { name: "Apollo", clientName: "Acme" },
  asOf: AS_OF,
  items: ITEMS,
  created: [{ itemNum: 2, title: "Crane | failure", type: "Risk", date: "2025-03-10", by: "Alice" }],
  closed: [{ itemNum: 9, title: "Done", type: "Issue", date: "2025-03-12" }],
  updated: [{ itemNum: 4, title: "Order steel", type: "Action Item", date: "2025-03-11", by: "Bo" }],
  budget: null,
};

const section = (md: string, title: string) => md.split(`## ${title}`)[1]!.split("\n## ")[0]!;

describe("statusReportMarkdown", () => {
  const md = statusReportMarkdown(base);

  it("heads the report with the project, client, as-of date and week", () => {
    expect(md.split("\n").slice(0, 3)).toEqual([
      "# Weekly status report — Apollo (Acme)",
      "",
      "As of 2025-03-14 · week 2025-03-08 to 2025-03-14",
    ]);
  });

  it("counts open, overdue, due next week and open risks, leaving drafts out", () => {
    const figures = section(md, "Figures");
    expect(figures).toContain("- Open items: 6");
    expect(figures).toContain("- Overdue or late: 1");
    expect(figures).toContain("- Due next week: 2");
    expect(figures).toContain("- Open risks: 2");
    expect(figures).toContain("| Late Finish!! | 1 |");
    expect(figures).toContain("| Risk | 2 |");
    expect(figures).toContain("| Action Item | 4 |");
    expect(figures).not.toContain("| Issue |");
  });

  it("lists the week's changes", () => {
    const changed = section(md, "What changed this week");
    expect(changed).toContain("### Created (1)\n\n- #2 Risk: Crane \\| failure (2025-03-10, by Alice)");
    expect(changed).toContain("### Closed (1)\n\n- #9 Issue: Done (2025-03-12)");
    expect(changed).toContain("### Updated (1)\n\n- #4 Action Item: Order steel (2025-03-11, by Bo)");
  });

  it("ranks open risks by score, closed ones left out", () => {
    const risks = section(md, "Top risks (2 of 2 open)");
    const rows = risks.split("\n").filter((l) => l.startsWith("| #") && !l.startsWith("| # |"));
    expect(rows).toEqual([
      "| #2 | Crane \\| failure | 20 (extreme) | — | In Progress |",
      "| #1 | Supplier delay | 9 (medium) | Rae | In Progress |",
    ]);
  });

  it("lists overdue items and what falls due in the 7 days after as-of (deadline first)", () => {
    expect(section(md, "Overdue or late (1)")).toContain(
      "- #4 Action Item: Order steel — Bo (due 2025-03-10) · Late Finish!!",
    );
    const due = section(md, "Due next week (2)");
    expect(due).toContain("2025-03-15 to 2025-03-21");
    expect(due.indexOf("#5 ")).toBeLessThan(due.indexOf("#6 "));
    expect(due).toContain("(due 2025-03-21)");
    expect(due).not.toContain("#7 ");
    expect(due).not.toContain("#8 ");
    expect(due).not.toContain("#9 ");
  });

  it("shows the budget when there is one, and says so when there is none", () => {
    expect(section(md, "Budget")).toContain("_This project keeps no budget._");
    const budget = {
      budgetTotal: 100000,
      burnToDate: 42000,
      burnPct: 42,
      estTotalBurn: 95000,
      budgetRemaining: 5000,
      budgetStatus: "within 15%",
    } as BudgetMetrics;
    const b = section(statusReportMarkdown({ ...base, budget }), "Budget");
    expect(b).toContain("- Burn to date: 42,000.00 (42.0%)");
    expect(b).toContain("- Status: within 15%");
  });

  it("says plainly when there is nothing to report", () => {
    const empty = statusReportMarkdown({ ...base, items: [], created: [], closed: [], updated: [] });
    expect(empty).toContain("_No open risks._");
    expect(empty).toContain("_Nothing is due next week._");
    expect(empty).toContain("### Created (0)\n\n_None._");
  });
});
