/**
 * The demo project (prisma/demo, see scripts/lib/demo-project.ts) as the
 * binary exports' input, without a database: items with their indicators as
 * of `today` and the budget metrics of its budget file.
 */
import { computeBudgetMetrics } from "../../src/domain/budget";
import { computeIndicator } from "../../src/domain/indicators";
import { parseBudgetYaml, parseRaidYaml } from "../../src/domain/yaml-v1";
import type { ReportData } from "../../src/server/export/report-data";
import { demoFiles } from "./demo-project";

export function demoReport(today: string, opts: { clientView?: boolean; budget?: boolean } = {}): ReportData {
  const files = demoFiles(today);
  const raid = parseRaidYaml(files.raid);
  const budget = parseBudgetYaml(files.budget);
  if (!raid.ok || !budget.ok) throw new Error("demo files do not parse");
  let items = raid.items.map((i) => ({ ...i, indicator: computeIndicator(i, today) }));
  if (opts.clientView)
    items = items.filter((i) => i.clientVisible && !i.draft).map((i) => ({ ...i, notes: [] }));
  const b = budget.budget;
  return {
    project: raid.project,
    items,
    budget:
      opts.budget === false
        ? null
        : computeBudgetMetrics({
            rateCard: b.rateCard,
            allocations: b.allocations,
            timesheets: b.timesheets,
            projectEnd: raid.project.projectEnd,
            budgetItems: items.filter((i) => i.type === "Budget"),
          }),
    asOf: today,
    generatedOn: today,
    clientView: opts.clientView,
  };
}
