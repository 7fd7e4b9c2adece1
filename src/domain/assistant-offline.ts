/**
 * Offline mode (SPEC §10): without an API key the assistant still answers the
 * common questions — open risks, overdue items, what is due this week, items
 * assigned to someone, budget status, counts by severity, a weekly status
 * summary — from the same tools the model would call. This file holds the pure
 * parts: recognising the question, planning the tool call, and writing the
 * answer with `#N` citations. Always labelled "Offline mode".
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
import type { ItemType, IsoDate } from "./types";

export type OfflineIntent =
  | { kind: "open"; types: ItemType[] }
  | { kind: "overdue"; types: ItemType[] }
  | { kind: "dueSoon"; days: number; types: ItemType[] }
  | { kind: "assigned"; who: string; types: ItemType[] }
  | { kind: "budget" }
  | { kind: "counts" }
  | { kind: "status" }
  | { kind: "biggestRisks" }
  | { kind: "criticalPath" }
  | { kind: "forecast" }
  | { kind: "help" };

const TYPE_WORDS: readonly [RegExp, ItemType][] = [
  [/\brisks?\b/, "Risk"],
  [/\bissues?\b/, "Issue"],
  [/\b(?:action(?:\s+items?)?s?|tasks?|to-?dos?)\b/, "Action Item"],
  [/\bdecisions?\b/, "Decision"],
  [/\bdeliverables?\b/, "Deliverable"],
  [/\b(?:plan\s+items?|milestones?)\b/, "Plan Item"],
  [/\bbudget\s+items?\b/, "Budget"],
];

/** Item types named in a question ("risks and issues" → Risk, Issue). */
export function typesIn(text: string): ItemType[] {
  const t = text.toLowerCase();
  return TYPE_WORDS.filter(([re]) => re.test(t)).map(([, type]) => type);
}

const NAME = "([a-z][\\w.'’-]*(?:\\s+[a-z][\\w.'’-]*){0,2})";
const ASSIGNEE_PATTERNS: readonly RegExp[] = [
  /\bassigned\s+to\s+([^?!,;:\n]+)/,
  /\bowned\s+by\s+([^?!,;:\n]+)/,
  /\b(?:items?|tasks?|actions?|work|risks?|issues?)\s+(?:for|of)\s+([^?!,;:\n]+)/,
  new RegExp(
    `\\b(?:what|which)\\s+(?:items?\\s+|tasks?\\s+|actions?\\s+|risks?\\s+|issues?\\s+)?(?:is|are|does|do|has|have)\\s+${NAME}\\s+(?:working\\s+on|got|have|own|doing)\\b`,
  ),
  new RegExp(
    `\\b${NAME}['’]s\\s+(?:open\\s+)?(?:items|tasks|actions|action\\s+items|work|risks|issues|deliverables)\\b`,
  ),
];

const TRAILING =
  /\s+(?:this|next|in|on|for|that|which|please|right|now|today|currently|across|the|due|by|with)\b.*$/;
const LEADING = /^(?:(?:show|list|give|get|find|display|see|tell|me|us|what|whats|are|is|about|please)\s+)+/;
/** Words that cannot start a person's name in these questions. */
const NOT_NAMES = new Set([
  "the",
  "this",
  "that",
  "these",
  "those",
  "it",
  "what",
  "who",
  "which",
  "anyone",
  "someone",
  "everyone",
  "nobody",
  "all",
  "each",
  "every",
  "any",
  "next",
  "last",
  "today",
  "tomorrow",
  "week",
  "month",
  "project",
  "projects",
  "my",
  "our",
  "your",
  "us",
  "them",
  "a",
  "an",
  "open",
  "overdue",
  "late",
]);

function cleanName(raw: string): string | null {
  const name = raw
    .trim()
    .replace(LEADING, "")
    .replace(TRAILING, "")
    .replace(/[.?!'"’]+$/, "")
    .trim();
  const first = name.split(/\s+/)[0] ?? "";
  if (!name || NOT_NAMES.has(first)) return null;
  return name.length > 60 ? null : name;
}

/** Recognises one of the questions offline mode answers. */
export function detectOfflineIntent(question: string): OfflineIntent {
  const t = question.toLowerCase().replace(/\s+/g, " ").trim();
  const types = typesIn(t);
  for (const re of ASSIGNEE_PATTERNS) {
    const m = re.exec(t);
    const who = m?.[1] ? cleanName(m[1]) : null;
    if (who) return { kind: "assigned", who, types };
  }
  if (
    /\bmy\s+(?:open\s+)?(?:items|tasks|actions|action items|work|risks|issues)\b|\bassigned to me\b/.test(t)
  ) {
    return { kind: "assigned", who: "me", types };
  }
  if (/\bcritical\s+path\b|\bcritical\s+chain\b|\bslack\b|\bfloat\b/.test(t)) return { kind: "criticalPath" };
  if (
    /\bwhen\s+will\s+(?:we|it|the\s+project|this\s+project|the\s+work)\s+(?:finish|be\s+(?:done|finished|complete)|complete|end|wrap\s+up)\b|\b(?:finish|completion|end)\s+date\b|\bp[58]0\b|\bschedule\s+forecast\b|\bforecast(?:ed)?\s+(?:finish|completion|end)\b/.test(
      t,
    )
  ) {
    return { kind: "forecast" };
  }
  if (
    /\b(?:biggest|top|largest|worst|highest|main|key|major|greatest)\s+(?:open\s+)?risks?\b|\brisk\s+(?:register|exposure)\b|\bexposure\b|\bheat\s*-?maps?\b/.test(
      t,
    )
  ) {
    return { kind: "biggestRisks" };
  }
  if (
    /\bweekly\b|\bsummar(?:y|ise|ize)\b|\bstatus\s+(?:report|update)\b|\bwhere\s+(?:do|are)\s+we\s+stand\b/.test(
      t,
    )
  ) {
    return { kind: "status" };
  }
  if (
    /\bbudget(?!\s+items?)\b|\bburn\b|\bspend(?:ing)?\b|\bspent\b|\bcosts?\b|\bforecast\b|\bover\s+budget\b/.test(
      t,
    )
  ) {
    return { kind: "budget" };
  }
  if (
    /\boverdue\b|\blate\b|\bbehind\b|\bpast\s+due\b|\bcritical\b|\bslipp|\bmissed\b|\bbeyond\s+deadline\b/.test(
      t,
    )
  ) {
    return { kind: "overdue", types };
  }
  if (
    /\bthis\s+week\b|\bnext\s+7\s+days\b|\bdue\s+soon\b|\bcoming\s+up\b|\bupcoming\b|\bnext\s+week\b|\bdue\b/.test(
      t,
    )
  ) {
    const days = /\bnext\s+week\b|\bnext\s+(?:two|2)\s+weeks\b|\bfortnight\b|\b14\s+days\b/.test(t) ? 14 : 7;
    return { kind: "dueSoon", days, types };
  }
  if (/\bhow\s+many\b|\bcounts?\b|\bseverit|\bbreakdown\b|\bnumbers\b/.test(t)) return { kind: "counts" };
  if (/\bstatus\b|\bhealth\b|\bhow\s+(?:is|are)\s+(?:the\s+)?(?:project|things|we)\b|\boverview\b/.test(t)) {
    return { kind: "status" };
  }
  if (types.length || /\bopen\b|\boutstanding\b|\bunresolved\b|\bactive\b/.test(t))
    return { kind: "open", types };
  return { kind: "help" };
}

export type OfflineToolCall =
  | { tool: "list_items"; input: Record<string, unknown> }
  | { tool: "project_dashboard"; input: Record<string, unknown> }
  | { tool: "budget_metrics"; input: Record<string, unknown> }
  | { tool: "risk_register"; input: Record<string, unknown> }
  | { tool: "critical_path"; input: Record<string, unknown> }
  | { tool: "schedule_forecast"; input: Record<string, unknown> };

/** The one tool call that answers an intent (none for help). */
export function offlinePlan(intent: OfflineIntent): OfflineToolCall | null {
  const types = "types" in intent && intent.types.length ? { types: intent.types } : {};
  switch (intent.kind) {
    case "open":
      return { tool: "list_items", input: { ...types, open_only: true, limit: 500 } };
    case "overdue":
      return { tool: "list_items", input: { ...types, critical_only: true, limit: 500 } };
    case "dueSoon":
      return {
        tool: "list_items",
        input: { ...types, open_only: true, due_within_days: intent.days, limit: 500 },
      };
    case "assigned":
      return { tool: "list_items", input: { ...types, open_only: true, limit: 500 } };
    case "budget":
      return { tool: "budget_metrics", input: {} };
    case "counts":
    case "status":
      return { tool: "project_dashboard", input: {} };
    case "biggestRisks":
      return { tool: "risk_register", input: { open_only: true, limit: 5 } };
    case "criticalPath":
      return { tool: "critical_path", input: {} };
    case "forecast":
      return { tool: "schedule_forecast", input: {} };
    case "help":
      return null;
  }
}

const fold = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim();

/**
 * Assignee names that match what the user typed: an exact (case-insensitive)
 * match wins; otherwise every word typed must start a word of the name
 * ("bo" → "Bo Chen", "chen" → "Bo Chen").
 */
export function matchAssignee(who: string, known: readonly string[]): string[] {
  const w = fold(who);
  const exact = known.filter((k) => fold(k) === w);
  if (exact.length) return exact;
  const words = w.split(/[\s.]+/).filter((x) => x.length >= 2);
  if (!words.length) return [];
  return known.filter((k) => {
    const parts = fold(k).split(/[\s.]+/);
    return words.every((x) => parts.some((p) => p.startsWith(x)));
  });
}

/**
 * Escapes the characters our Markdown subset treats specially, so item text shows as typed
 * (a title such as "DNS TTL reduction #13" stays text instead of becoming a second item link).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#]/g, (c) => `\\${c}`).replace(/\s+/g, " ");
}

const MAX_LINES = 30;

const NUMBER = new Intl.NumberFormat("en-US", { minimumFractionDigits: 0, maximumFractionDigits: 2 });
export const money = (n: number) => NUMBER.format(n);

export function itemLine(i: ItemBrief): string {
  const bits = [i.indicator ?? "No indicator", i.assignedTo ? escapeMarkdown(i.assignedTo) : "unassigned"];
  if (i.due) bits.push(`due ${i.due}`);
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
      `${b.updatesThru ? `, timesheets through ${b.updatesThru}` : ""}.`,
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
  const head = `${OFFLINE_LABEL} — the AI model is not configured, so this answer comes straight from your data (as of ${today}).`;
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
      out.push(`Finish ${p.finish}; ${p.path.length} item${p.path.length === 1 ? "" : "s"} on the path:`);
      for (const i of p.path) out.push(`- #${i.itemNum} ${escapeMarkdown(i.title)} — ${i.es} → ${i.ef}`);
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
        `- P50 (as likely as not): **${p.p50}**`,
        `- P80 (4 in 5 runs finish by): **${p.p80}**`,
        `- Plan finish: ${p.planFinish}`,
      );
      out.push("", p.explanation, "");
    }
    return out.join("\n").trimEnd();
  }

  if (intent.kind === "counts" || intent.kind === "status") {
    const snaps = (result as DashboardResult).projects;
    out.push(
      intent.kind === "counts" ? "**Items by severity**" : `**Weekly status summary** (week of ${today})`,
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
