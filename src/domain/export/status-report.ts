/**
 * The weekly status report (SPEC §14 "Reports") as Markdown. Pure: the
 * service passes the items (indicators computed as of `asOf`, deleted ones
 * left out), the week's events from the audit log and the budget metrics.
 *
 * Sections: Figures (open, overdue, due next week, open risks; counts by
 * indicator; open items by type), What changed this week (created, closed,
 * updated — the 7 days ending on `asOf`), Top risks (open risks by current
 * score, at most 5), Overdue, Due next week (open items whose deadline, else
 * finish, falls in the 7 days after `asOf`) and Budget (when the project keeps
 * one). Drafts are left out of every figure and list.
 */
import type { BudgetMetrics } from "../budget";
import { addDays } from "../dates";
import { isCritical, isOpen } from "../indicators";
import { buildRiskRegister } from "../risk";
import {
  INDICATORS,
  ITEM_TYPES,
  type IsoDate,
  type ItemRecord,
  type ItemType,
  type ProjectMeta,
  riskDataOf,
} from "../types";
import { escapeMarkdown } from "./markdown";
import type { ItemEvent } from "./md-changes";

export type StatusReportInput = {
  project: Pick<ProjectMeta, "name" | "clientName">;
  asOf: IsoDate;
  items: readonly ItemRecord[];
  /** This week's events (the 7 days ending on asOf), oldest first. */
  created: readonly ItemEvent[];
  closed: readonly ItemEvent[];
  /** Items changed this week (other than being created or closed), one event each. */
  updated: readonly ItemEvent[];
  budget: BudgetMetrics | null;
  /** How many top risks to list (default 5). */
  topRisks?: number;
};

const text = (s: string | null | undefined) => (s ? escapeMarkdown(s) : "");
const dueOf = (i: ItemRecord): IsoDate | null => i.deadline ?? i.finish;
const amount = (n: number): string =>
  n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: number[] = [],
): string {
  const rule = header.map((_, i) => (right.includes(i) ? "---:" : "---"));
  return [header, rule, ...rows].map((c) => `| ${c.join(" | ")} |`).join("\n");
}

function itemLine(i: ItemRecord): string {
  const who = i.assignedTo ? ` — ${text(i.assignedTo)}` : "";
  const due = dueOf(i) ? ` (due ${dueOf(i)})` : "";
  const ind = i.indicator ? ` · ${i.indicator}` : "";
  return `- #${i.itemNum} ${i.type}: ${text(i.title)}${who}${due}${ind}`;
}

function eventLines(events: readonly ItemEvent[]): string[] {
  if (!events.length) return ["_None._"];
  return events.map((e) => {
    const type = e.type ? `${e.type}: ` : "";
    const by = e.by ? `, by ${text(e.by)}` : "";
    return `- #${e.itemNum} ${type}${text(e.title)} (${e.date}${by})`;
  });
}

export function statusReportMarkdown(input: StatusReportInput): string {
  const { asOf } = input;
  const weekStart = addDays(asOf, -6);
  const nextWeekEnd = addDays(asOf, 7);
  const live = input.items.filter((i) => !i.draft);
  const open = live.filter((i) => isOpen(i.indicator));
  const overdue = open.filter((i) => isCritical(i.indicator)).sort((a, b) => a.itemNum - b.itemNum);
  const dueNext = open
    .filter((i) => {
      const d = dueOf(i);
      return d !== null && d > asOf && d <= nextWeekEnd;
    })
    .sort((a, b) => (dueOf(a)! < dueOf(b)! ? -1 : dueOf(a)! > dueOf(b)! ? 1 : a.itemNum - b.itemNum));
  const register = buildRiskRegister(
    live.map((i) => ({
      ...i,
      ...riskDataOf(i),
    })),
  );
  const openRisks = register.risks.filter((r) => r.open);
  const top = openRisks.slice(0, input.topRisks ?? 5);

  const client = input.project.clientName ? ` (${text(input.project.clientName)})` : "";
  const lines: string[] = [
    `# Weekly status report — ${text(input.project.name)}${client}`,
    "",
    `As of ${asOf} · week ${weekStart} to ${asOf}`,
    "",
    "## Figures",
    "",
    `- Open items: ${open.length}`,
    `- Overdue or late: ${overdue.length}`,
    `- Due next week: ${dueNext.length}`,
    `- Open risks: ${openRisks.length}`,
    "",
  ];
  const counts = INDICATORS.map(
    (ind) => [ind, live.filter((i) => i.indicator === ind).length] as const,
  ).filter(([, n]) => n > 0);
  lines.push(
    table(
      ["Indicator", "Items"],
      counts.length ? counts.map(([ind, n]) => [ind, String(n)]) : [["_No items_", "0"]],
      [1],
    ),
  );
  const byType = ITEM_TYPES.map(
    (t: ItemType) => [t, open.filter((i) => i.type === t).length] as const,
  ).filter(([, n]) => n > 0);
  lines.push("", "Open items by type:", "");
  lines.push(
    table(["Type", "Open"], byType.length ? byType.map(([t, n]) => [t, String(n)]) : [["_None_", "0"]], [1]),
  );

  lines.push("", "## What changed this week", "");
  lines.push(`### Created (${input.created.length})`, "", ...eventLines(input.created), "");
  lines.push(`### Closed (${input.closed.length})`, "", ...eventLines(input.closed), "");
  lines.push(`### Updated (${input.updated.length})`, "", ...eventLines(input.updated));

  lines.push("", `## Top risks (${top.length} of ${openRisks.length} open)`, "");
  if (!top.length) lines.push("_No open risks._");
  else
    lines.push(
      table(
        ["#", "Risk", "Score", "Owner", "Indicator"],
        top.map((r) => [
          `#${r.itemNum}`,
          text(r.title),
          r.currentScore === null ? "—" : `${r.currentScore} (${r.currentBand})`,
          text(r.riskOwner ?? r.assignedTo) || "—",
          r.indicator ?? "",
        ]),
        [2],
      ),
    );

  lines.push("", `## Overdue or late (${overdue.length})`, "");
  lines.push(...(overdue.length ? overdue.map(itemLine) : ["_Nothing is overdue._"]));

  lines.push("", `## Due next week (${dueNext.length})`, "", `${addDays(asOf, 1)} to ${nextWeekEnd}`, "");
  lines.push(...(dueNext.length ? dueNext.map(itemLine) : ["_Nothing is due next week._"]));

  lines.push("", "## Budget", "");
  const b = input.budget;
  if (!b) lines.push("_This project keeps no budget._");
  else
    lines.push(
      `- Budget total: ${amount(b.budgetTotal)}`,
      `- Burn to date: ${amount(b.burnToDate)} (${b.burnPct.toFixed(1)}%)`,
      `- Estimated total burn: ${amount(b.estTotalBurn)}`,
      `- Remaining: ${amount(b.budgetRemaining)}`,
      `- Status: ${b.budgetStatus}`,
    );
  return lines.join("\n") + "\n";
}
