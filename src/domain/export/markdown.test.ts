import { describe, expect, it } from "vitest";
import { computeBudgetMetrics } from "../budget";
import { withIndicators } from "../indicators";
import { expected, loadBudget, loadRaid, raidCases } from "../testing/fixtures";
import { INDICATORS } from "../types";
import { activeItemsMarkdown, escapeMarkdown, itemsTableMarkdown, summaryMarkdown } from "./markdown";

/** Data rows (not header or rule) of every Markdown table in a report. */
const tableRows = (md: string) =>
  md
    .split("\n")
    .filter((l) => l.startsWith("| ") && !l.startsWith("| ---") && !/^\| (#|Indicator|Measure) \|/.test(l))
    .map((l) => l.slice(2, -2).split(" | "));

/** Sections of a report by `## ` heading. */
const sections = (md: string) =>
  md
    .split("\n## ")
    .slice(1)
    .map((s) => ({ title: s.split("\n")[0]!, body: s }));

describe.each(raidCases)("Markdown reports for $file as of $asOf", ({ file, asOf, exp }) => {
  const { project, items: parsed } = loadRaid(file);
  const items = withIndicators(parsed, asOf);
  const ctx = { project, generatedOn: "2030-01-02", asOf };

  it("active items: Critical, Warning and Active groups with the expected counts, by deadline", () => {
    const md = activeItemsMarkdown(items, ctx);
    expect(md).toContain("Generated 2030-01-02");
    const groups = sections(md);
    expect(groups.map((g) => g.title)).toEqual([
      `Critical (${exp.severity_counts.critical})`,
      `Warning (${exp.severity_counts.warning})`,
      `Active (${exp.severity_counts.active})`,
    ]);
    for (const { body } of groups) {
      const deadlines = tableRows(body).map((r) => r[4] || "9999-99-99");
      expect(deadlines).toEqual([...deadlines].sort());
    }
  });

  it("summary: counts by indicator in display order, then the total", () => {
    const rows = tableRows(summaryMarkdown(items, ctx));
    const want = INDICATORS.map((ind) => [
      ind,
      String(Object.values(exp.indicators).filter((i) => i === ind).length),
    ]);
    if (exp.severity_counts.none! > 0) want.push(["No indicator", String(exp.severity_counts.none)]);
    expect(rows).toEqual([...want, ["**Total**", `**${exp.total_items}**`]]);
  });

  it("items table: every item, by number", () => {
    const rows = tableRows(itemsTableMarkdown(items, ctx));
    expect(rows.map((r) => r[0])).toEqual(Object.keys(exp.indicators));
    expect(rows.map((r) => r[9] || null)).toEqual(Object.values(exp.indicators));
  });
});

describe("Markdown details", () => {
  const { project, items } = loadRaid("RAID-Log-Harbor-Bridge-Upgrade.yaml");
  const asOf = "2025-03-14";
  const ctx = { project, generatedOn: asOf, asOf };

  it("adds the budget summary when given", () => {
    const { budget } = loadBudget(expected.budget[0]!.file);
    const metrics = computeBudgetMetrics({ ...budget, projectEnd: null });
    const md = summaryMarkdown(withIndicators(items, asOf), { ...ctx, budget: metrics });
    expect(md).toContain("## Budget");
    expect(md).toContain(`| Status | ${expected.budget[0]!.metrics.budget_status} |`);
    expect(md).toContain(`(${expected.budget[0]!.metrics.burn_pct.toFixed(1)}%)`);
  });

  it.each([
    ["<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"],
    ["a | b", "a \\| b"],
    ["*bold* _it_ `code` [link](x) ~~s~~", "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\~\\~s\\~\\~"],
    ["Line one\nLine two", "Line one Line two"],
    ["back\\slash", "back\\\\slash"],
    ["Emoji 🚀 #10", "Emoji 🚀 #10"],
  ])("escapes %j", (text, want) => {
    expect(escapeMarkdown(text)).toBe(want);
  });

  it("keeps HTML in titles from reaching the page", () => {
    const md = itemsTableMarkdown(withIndicators(items, asOf), ctx);
    expect(md).not.toContain("<script>");
  });

  it("marks drafts in the items table and leaves them out of the active report", () => {
    const withInd = withIndicators(items, asOf);
    const draft = withInd.find((i) => i.draft)!;
    expect(itemsTableMarkdown(withInd, ctx)).toContain("_(draft)_");
    expect(activeItemsMarkdown(withInd, ctx)).not.toMatch(new RegExp(`^\\| ${draft.itemNum} \\|`, "m"));
  });

  it("says so when a group or the table is empty", () => {
    expect(activeItemsMarkdown([], ctx)).toContain("## Critical (0)\n\n_None._");
    expect(itemsTableMarkdown([], ctx)).toContain("_No items._");
    expect(summaryMarkdown([], ctx)).toContain("| **Total** | **0** |");
  });
});
