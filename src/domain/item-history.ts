/**
 * An item's history as people read it: who did what, when, and for an edit
 * each changed field by its label with the value before and after. Built from
 * the audit rows of the item itself, its notes and its dependencies (the
 * audit keeps whole before/after snapshots; this keeps only what changed).
 */

/** Item fields people recognise, by the label the editor uses; bookkeeping columns are left out. */
export const ITEM_FIELD_LABELS: Readonly<Record<string, string>> = {
  type: "Type",
  title: "Title",
  description: "Description",
  workstream: "Workstream",
  assignedTo: "Assigned to",
  start: "Start",
  finish: "Finish",
  deadline: "Deadline",
  duration: "Duration (days)",
  percentComplete: "% complete",
  priority: "Priority",
  indicator: "Indicator",
  draft: "Draft",
  clientVisible: "Client visible",
  rptOut: "Reports",
  budgetAmount: "Budget amount",
  probability: "Probability",
  impact: "Impact",
  residualProbability: "Residual probability",
  residualImpact: "Residual impact",
  riskOwner: "Risk owner",
  mitigation: "Mitigation",
  contingency: "Contingency",
  costImpact: "Cost impact",
  scheduleImpactDays: "Schedule impact (days)",
};

export type HistoryAuditRow = {
  id: string;
  action: string;
  entityType: string;
  actorName: string | null;
  actorId: string | null;
  createdAt: Date | string;
  before: unknown;
  after: unknown;
};

export type FieldChange = { field: string; label: string; before: string; after: string };

export type HistoryEntry = {
  id: string;
  at: string;
  who: string;
  /** One line: "created the item", "changed 2 fields", "added a note", … */
  summary: string;
  changes: FieldChange[];
  /** A note's text, for notes added or deleted. */
  note?: string;
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

/** A stored value as text: empty → "—", booleans as Yes/No, lists joined. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? "Yes" : "No";
  if (Array.isArray(v)) return v.length ? v.map(showValue).join(", ") : "—";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** The labelled fields whose values differ between two item snapshots, in label order. */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const b = isObj(before) ? before : {};
  const a = isObj(after) ? after : {};
  const out: FieldChange[] = [];
  for (const [field, label] of Object.entries(ITEM_FIELD_LABELS)) {
    const was = showValue(b[field]);
    const now = showValue(a[field]);
    if (was !== now) out.push({ field, label, before: was, after: now });
  }
  return out;
}

const nums = (v: unknown): number[] =>
  isObj(v) && Array.isArray(v.dependsOn) ? v.dependsOn.filter((n): n is number => typeof n === "number") : [];

function who(r: HistoryAuditRow): string {
  return r.actorName || (r.actorId ? "A former member" : "braidMgr");
}

/** One audit row → one readable entry; null for rows that say nothing about the item. */
export function historyEntry(r: HistoryAuditRow): HistoryEntry | null {
  const at = typeof r.createdAt === "string" ? r.createdAt : r.createdAt.toISOString();
  const base = { id: r.id, at, who: who(r), changes: [] as FieldChange[] };
  if (r.entityType === "item") {
    if (r.action === "CREATE") return { ...base, summary: "created the item" };
    if (r.action === "DELETE") return { ...base, summary: "deleted the item" };
    if (r.action === "RESTORE") return { ...base, summary: "restored the item" };
    if (r.action === "IMPORT") return { ...base, summary: "imported the item" };
    const changes = changedFields(r.before, r.after);
    if (!changes.length) return null;
    const only = changes.length === 1 ? changes[0]!.label : null;
    return {
      ...base,
      changes,
      summary: only ? `changed ${only}` : `changed ${changes.length} fields`,
    };
  }
  if (r.entityType === "item_note") {
    const note = isObj(r.after) ? r.after : isObj(r.before) ? r.before : {};
    const content = typeof note.content === "string" ? note.content : undefined;
    return {
      ...base,
      summary: r.action === "DELETE" ? "deleted a note" : "added a note",
      ...(content !== undefined ? { note: content } : {}),
    };
  }
  if (r.entityType === "item_dependencies") {
    const was = nums(r.before);
    const now = nums(r.after);
    const added = now.filter((n) => !was.includes(n));
    const removed = was.filter((n) => !now.includes(n));
    const parts = [
      added.length ? `now depends on ${added.map((n) => `#${n}`).join(", ")}` : "",
      removed.length ? `no longer depends on ${removed.map((n) => `#${n}`).join(", ")}` : "",
    ].filter(Boolean);
    if (!parts.length) return null;
    return {
      ...base,
      summary: parts.join("; "),
      changes: [
        {
          field: "dependsOn",
          label: "Depends on",
          before: was.length ? was.map((n) => `#${n}`).join(", ") : "—",
          after: now.length ? now.map((n) => `#${n}`).join(", ") : "—",
        },
      ],
    };
  }
  return null;
}

/** The rows (newest first) as entries, skipping rows with nothing to show. */
export function itemHistory(rows: readonly HistoryAuditRow[]): HistoryEntry[] {
  return rows.map(historyEntry).filter((e): e is HistoryEntry => e !== null);
}
