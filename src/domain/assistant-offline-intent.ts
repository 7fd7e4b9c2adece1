/**
 * Offline mode (SPEC §10): without an API key the assistant still answers the
 * common questions — open risks, overdue items, what is due this week, items
 * assigned to someone, budget status, counts by severity, a weekly status
 * summary — from the same tools the model would call. This file recognises the
 * question and plans the one tool call that answers it; the answer is written
 * by assistant-offline-answer.ts.
 */
import type { ItemType } from "./types";

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
