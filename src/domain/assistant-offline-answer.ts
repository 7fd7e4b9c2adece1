/**
 * Offline mode's answer (SPEC §10): the text written from the tool's result,
 * with `#N` citations, always labelled "Offline mode". The question is
 * recognised in assistant-offline-intent.ts.
 */
import type {
  BudgetBrief,
  BudgetResult,
  CriticalPathToolResult,
  DashboardResult,
  ForecastToolResult,
  RiskRegisterResult,
  ItemBrief,
  ListItemsResult,
  ProjectSnapshot,
} from "./assistant-data";
import { matchAssignee, type OfflineIntent } from "./assistant-offline-intent";
import { formatDay } from "./dates";
import { formatMoney } from "./money";
import type { ItemType, IsoDate } from "./types";

/**
 * Escapes the characters our Markdown subset treats specially, so item text shows as typed
 * (a title such as "DNS TTL reduction #13" stays text instead of becoming a second item link).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#]/g, (c) => `\\${c}`).replace(/\s+/g, " ");
}

const MAX_LINES = 30;

/** Money as everywhere else in the app: "$13,300", "$40,000.50". */
export const money = (n: number) => formatMoney(n);

export function itemLine(i: ItemBrief): string {
  const bits = [i.indicator ?? "No indicator", i.assignedTo ? escapeMarkdown(i.assignedTo) : "unassigned"];
  if (i.due) bits.push(`due ${formatDay(i.due)}`);
  return `- #${i.itemNum} ${escapeMarkdown(i.title)} (${i.type}) — ${bits.join(" · ")}`;
}

function itemLines(items: readonly ItemBrief[], empty: string): string[] {
  if (!items.length) return [empty];
  const lines = items.slice(0, MAX_LINES).map(itemLine);
  if (items.length > MAX_LINES)
    lines.push(`- …and ${items.length - MAX_LINES} more (open the All items view to see them all)`);
  return lines;
}

function typeLabel(types: readonly ItemType[], fallback: string): string {
  if (!types.length) return fallback;
  const plural = (t: ItemType) => (t === "Budget" ? "budget items" : `${t.toLowerCase()}s`);
  return types.map(plural).join(" and ");
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function budgetLine(b: BudgetBrief): string {
  if (!b.hasBudget) return "No budget data (no ledger or timesheets) for this project.";
  return [
    `**${capitalise(b.budgetStatus ?? "unknown")}** — ${money(b.burnToDate)} burned of ${money(b.budgetTotal)} (${b.burnPct}%).`,
    `Estimated total ${money(b.estTotalBurn)}, leaving ${money(b.budgetRemaining)}; weekly average burn ${money(b.wklyAvgBurn)}` +
      `${b.updatesThru ? `, timesheets through ${formatDay(b.updatesThru)}` : ""}.`,
  ].join(" ");
}

function countsLine(s: ProjectSnapshot): string {
  const c = s.counts;
  return (
    `Critical ${c.critical} · Warning ${c.warning} · Active ${c.active} · Upcoming ${c.upcoming} · ` +
    `Completed recently ${c.completed} · Done ${c.done}${c.none ? ` · No indicator ${c.none}` : ""} — ` +
    `${c.total} items, ${c.open} open${c.drafts ? ` (plus ${c.drafts} draft${c.drafts === 1 ? "" : "s"})` : ""}.`
  );
}

function riskLine(r: RiskRegisterResult["projects"][number]["risks"][number]): string {
  const band = r.currentBand ? ` (${r.currentBand})` : "";
  const residual = r.residualScore !== null && r.score !== null ? `, inherent ${r.score}` : "";
  const exp =
    r.exposureCost !== null ? ` — expected ${money(Number(r.exposureCost))} and ${r.exposureDays} days` : "";
  const owner = r.riskOwner ? `; owner ${escapeMarkdown(r.riskOwner)}` : "";
  return `- #${r.itemNum} ${escapeMarkdown(r.title)} (${r.type}) — score ${r.currentScore ?? "—"}${band}${residual}${exp}${owner}`;
}

export type OfflineAnswerInput = {
  intent: OfflineIntent;
  today: IsoDate;
  /** The tool's answer (none for help). */
  result:
    | ListItemsResult
    | DashboardResult
    | BudgetResult
    | RiskRegisterResult
    | CriticalPathToolResult
    | ForecastToolResult
    | null;
  /** For "assigned to me". */
  userName?: string;
  /** Several projects: each gets its own heading. */
  multiProject: boolean;
};

export const OFFLINE_LABEL = "**Offline mode**";

export const OFFLINE_HELP = [
  "I can answer these questions from your data without the AI model:",
  "- What are the open risks?",
  "- What is overdue?",
  "- What is due this week?",
  "- What is assigned to *name*?",
  "- What is the budget status?",
  "- How many items are there by severity?",
  "- What are the biggest risks?",
  "- What is on the critical path?",
  "- When will we finish?",
  "- Write this week's status report.",
  'Add "across all my projects" to ask about every project you can see.',
];

/** The answer text, always starting with the offline label. */
export function formatOfflineAnswer(input: OfflineAnswerInput): string {
  const { intent, today, result, multiProject } = input;
  const head = `${OFFLINE_LABEL} — the AI model is not configured, so this answer comes straight from your data (as of ${formatDay(today)}).`;
  const out: string[] = [head, ""];
  const heading = (name: string) => {
    if (multiProject) out.push(`**${escapeMarkdown(name)}**`);
  };

  if (intent.kind === "help" || !result) {
    out.push(...OFFLINE_HELP);
    return out.join("\n");
  }

  if (intent.kind === "budget") {
    const projects = (result as BudgetResult).projects;
    out.push("**Budget status**", "");
    if (!projects.length) out.push("No projects in scope.");
    for (const b of projects) {
      out.push(multiProject ? `- **${escapeMarkdown(b.projectName)}**: ${budgetLine(b)}` : budgetLine(b));
    }
    return out.join("\n");
  }

  if (intent.kind === "biggestRisks") {
    const projects = (result as RiskRegisterResult).projects;
    out.push("**Biggest risks** (open risks and issues by current score — residual where assessed)", "");
    if (!projects.length) out.push("No projects in scope.");
    for (const p of projects) {
      heading(p.projectName);
      if (!p.risks.length) out.push("- No open risks or issues with a score.");
      for (const r of p.risks) out.push(riskLine(r));
      const e = p.exposure;
      out.push(
        "",
        e.risks
          ? `Exposure over ${e.risks} open risk${e.risks === 1 ? "" : "s"}: ${money(Number(e.cost))} in money and ${e.days} days` +
              (e.worst
                ? `; the worst is #${e.worst.itemNum} ${escapeMarkdown(e.worst.title)} (${money(Number(e.worst.cost))}, ${e.worst.days} days).`
                : ".")
          : "Exposure: no open risk has a probability and impact yet.",
        "",
      );
    }
    return out.join("\n").trimEnd();
  }

  if (intent.kind === "criticalPath") {
    const projects = (result as CriticalPathToolResult).projects;
    out.push("**Critical path** (the chain of dependent items with no slack)", "");
    if (!projects.length) out.push("No projects in scope.");
    for (const p of projects) {
      heading(p.projectName);
      if (!p.path.length) {
        out.push("- No scheduled items: items need a start and a finish date (drafts are left out).", "");
        continue;
      }
      out.push(
        `Finish ${formatDay(p.finish)}; ${p.path.length} item${p.path.length === 1 ? "" : "s"} on the path:`,
      );
      for (const i of p.path)
        out.push(`- #${i.itemNum} ${escapeMarkdown(i.title)} — ${formatDay(i.es)} → ${formatDay(i.ef)}`);
      if (p.nearCritical.length) {
        out.push(
          "",
          "Least slack off the path: " +
            p.nearCritical
              .slice(0, 5)
              .map(
                (i) => `#${i.itemNum} ${escapeMarkdown(i.title)} (${i.slack} day${i.slack === 1 ? "" : "s"})`,
              )
              .join(", ") +
            ".",
        );
      }
      if (p.excluded.cycle.length)
        out.push("", `Left out (dependency cycle): ${p.excluded.cycle.map((n) => `#${n}`).join(", ")}.`);
      out.push("");
    }
    return out.join("\n").trimEnd();
  }

  if (intent.kind === "forecast") {
    const projects = (result as ForecastToolResult).projects;
    out.push("**Forecast finish** (Monte Carlo over the plan and the slip seen so far)", "");
    if (!projects.length) out.push("No projects in scope.");
    for (const p of projects) {
      heading(p.projectName);
      if (!p.p50) {
        out.push("- Nothing is scheduled yet: items need a start and a finish date.", "");
        continue;
      }
      out.push(
        `- P50 (as likely as not): **${formatDay(p.p50)}**`,
        `- P80 (4 in 5 runs finish by): **${formatDay(p.p80)}**`,
        `- Plan finish: ${formatDay(p.planFinish)}`,
      );
      out.push("", p.explanation, "");
    }
    return out.join("\n").trimEnd();
  }

  if (intent.kind === "counts" || intent.kind === "status") {
    const snaps = (result as DashboardResult).projects;
    out.push(
      intent.kind === "counts"
        ? "**Items by severity**"
        : `**Weekly status summary** (week of ${formatDay(today)})`,
      "",
    );
    if (!snaps.length) out.push("No projects in scope.");
    for (const s of snaps) {
      heading(s.projectName);
      if (intent.kind === "counts") {
        out.push(countsLine(s), "");
        continue;
      }
      out.push(countsLine(s), "");
      out.push(`Overdue or late (${s.overdue.length}):`, ...itemLines(s.overdue, "- Nothing overdue."), "");
      out.push(
        `Due in the next 7 days (${s.dueThisWeek.length}):`,
        ...itemLines(s.dueThisWeek, "- Nothing due in the next 7 days."),
        "",
      );
      out.push(`Open risks (${s.openRisks.length}):`, ...itemLines(s.openRisks, "- No open risks."), "");
      out.push(`Budget: ${s.budget ? budgetLine(s.budget) : "no budget data."}`, "");
    }
    return out.join("\n").trimEnd();
  }

  const projects = (result as ListItemsResult).projects;
  let title: string;
  let empty: string;
  switch (intent.kind) {
    case "open":
      title = `Open ${typeLabel(intent.types, "items")}`;
      empty = `- No open ${typeLabel(intent.types, "items")}.`;
      break;
    case "overdue":
      title = `Overdue or late ${typeLabel(intent.types, "items")} (Beyond Deadline, Late Finish, Late Start)`;
      empty = "- Nothing is overdue or late.";
      break;
    case "dueSoon":
      title = `Open ${typeLabel(intent.types, "items")} due in the next ${intent.days} days`;
      empty = `- Nothing is due in the next ${intent.days} days.`;
      break;
    case "assigned": {
      const who = intent.who === "me" ? (input.userName ?? "you") : intent.who;
      title = `Open ${typeLabel(intent.types, "items")} assigned to ${escapeMarkdown(who)}`;
      empty = `- Nothing open is assigned to ${escapeMarkdown(who)}.`;
      break;
    }
  }
  out.push(`**${title}**`, "");
  if (!projects.length) out.push("No projects in scope.");
  for (const p of projects) {
    let items = p.items;
    let note: string | null = null;
    if (intent.kind === "assigned") {
      const who = intent.who === "me" ? (input.userName ?? "") : intent.who;
      const known = [...new Set(items.map((i) => i.assignedTo).filter((a): a is string => !!a))].sort();
      const names = new Set(matchAssignee(who, known));
      items = items.filter((i) => i.assignedTo !== null && names.has(i.assignedTo));
      if (!names.size && !multiProject) {
        note = known.length
          ? `No one called "${escapeMarkdown(who)}" has open items here. People with open items: ${known.map(escapeMarkdown).join(", ")}.`
          : null;
      }
    }
    heading(p.projectName);
    if (note) out.push(note);
    else out.push(`${items.length} item${items.length === 1 ? "" : "s"}:`, ...itemLines(items, empty));
    out.push("");
  }
  return out.join("\n").trimEnd();
}
