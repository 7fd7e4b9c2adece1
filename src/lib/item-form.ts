/**
 * Item form state (strings, as inputs hold them) and its conversion to the
 * payloads of item.create / item.update. Validation reuses the server's zod
 * schemas so the client and server agree on every rule.
 */
import { z } from "zod";
import { ZCreateItem, ZUpdateItem, type TCreateItem } from "@/server/api/routers/item.schema";
import type { ItemType } from "@/domain/types";
import type { FieldErrors } from "./trpc-error";

export type ItemFormValues = {
  type: ItemType | "";
  title: string;
  workstream: string;
  assignedTo: string;
  start: string;
  finish: string;
  deadline: string;
  duration: string;
  percentComplete: string;
  priority: string;
  description: string;
  draft: boolean;
  clientVisible: boolean;
  rptOut: string;
  budgetAmount: string;
  probability: string;
  impact: string;
  mitigation: string;
  contingency: string;
  riskOwner: string;
  residualProbability: string;
  residualImpact: string;
};

/** The editable fields of an item as the API returns them. */
export type EditableItem = {
  type: ItemType;
  title: string;
  workstream: string | null;
  assignedTo: string | null;
  start: string | null;
  finish: string | null;
  deadline: string | null;
  duration: number | null;
  percentComplete: number;
  priority: string | null;
  description: string | null;
  draft: boolean;
  clientVisible: boolean;
  rptOut: string[];
  budgetAmount: string | null;
  probability: number | null;
  impact: number | null;
  mitigation: string | null;
  contingency: string | null;
  riskOwner: string | null;
  residualProbability: number | null;
  residualImpact: number | null;
};

export type FieldKey = keyof ItemFormValues;

export const FIELD_LABELS: Record<FieldKey, string> = {
  type: "Type",
  title: "Title",
  workstream: "Workstream",
  assignedTo: "Assigned to",
  start: "Start",
  finish: "Finish",
  deadline: "Deadline",
  duration: "Duration (business days)",
  percentComplete: "% complete",
  priority: "Priority",
  description: "Description",
  draft: "Draft",
  clientVisible: "Client visible",
  rptOut: "Report codes",
  budgetAmount: "Budget amount",
  probability: "Probability",
  impact: "Impact",
  mitigation: "Mitigation",
  contingency: "Contingency",
  riskOwner: "Risk owner",
  residualProbability: "Residual probability",
  residualImpact: "Residual impact",
};

export const FIELD_KEYS = Object.keys(FIELD_LABELS) as FieldKey[];

export function emptyForm(defaults: Partial<ItemFormValues> = {}): ItemFormValues {
  return {
    type: "",
    title: "",
    workstream: "",
    assignedTo: "",
    start: "",
    finish: "",
    deadline: "",
    duration: "",
    percentComplete: "0",
    priority: "",
    description: "",
    draft: false,
    clientVisible: true,
    rptOut: "",
    budgetAmount: "",
    probability: "",
    impact: "",
    mitigation: "",
    contingency: "",
    riskOwner: "",
    residualProbability: "",
    residualImpact: "",
    ...defaults,
  };
}

const s = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

export function formFromItem(item: EditableItem): ItemFormValues {
  return {
    type: item.type,
    title: item.title,
    workstream: s(item.workstream),
    assignedTo: s(item.assignedTo),
    start: s(item.start),
    finish: s(item.finish),
    deadline: s(item.deadline),
    duration: s(item.duration),
    percentComplete: s(item.percentComplete),
    priority: s(item.priority),
    description: s(item.description),
    draft: item.draft,
    clientVisible: item.clientVisible,
    rptOut: item.rptOut.join(", "),
    budgetAmount: s(item.budgetAmount),
    probability: s(item.probability),
    impact: s(item.impact),
    mitigation: s(item.mitigation),
    contingency: s(item.contingency),
    riskOwner: s(item.riskOwner),
    residualProbability: s(item.residualProbability),
    residualImpact: s(item.residualImpact),
  };
}

const text = (v: string) => (v.trim() === "" ? null : v.trim());
/** Keeps the user's text (line breaks and all) but treats blank as none. */
const longText = (v: string) => (v.trim() === "" ? null : v);
const int = (v: string) => (v.trim() === "" ? null : Number(v));

/** Every field as the API expects it (typed, blanks as null). */
export function payloadOf(v: ItemFormValues) {
  return {
    type: v.type as ItemType,
    title: v.title.trim(),
    workstream: text(v.workstream),
    assignedTo: text(v.assignedTo),
    start: text(v.start),
    finish: text(v.finish),
    deadline: text(v.deadline),
    duration: int(v.duration),
    percentComplete: int(v.percentComplete) ?? 0,
    priority: text(v.priority),
    description: longText(v.description),
    draft: v.draft,
    clientVisible: v.clientVisible,
    rptOut: v.rptOut
      .split(/[,\s]+/)
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean),
    budgetAmount: text(v.budgetAmount.replace(/[,\s]/g, "")),
    probability: int(v.probability),
    impact: int(v.impact),
    mitigation: longText(v.mitigation),
    contingency: longText(v.contingency),
    riskOwner: text(v.riskOwner),
    residualProbability: int(v.residualProbability),
    residualImpact: int(v.residualImpact),
  };
}
export type ItemPayload = ReturnType<typeof payloadOf>;

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.join("\u0000") === b.join("\u0000");
  return a === b;
}

function sameField(key: FieldKey, a: ItemPayload, b: ItemPayload): boolean {
  if (key === "budgetAmount" && a.budgetAmount !== null && b.budgetAmount !== null) {
    return Number(a.budgetAmount) === Number(b.budgetAmount);
  }
  if (key === "workstream" || key === "assignedTo") {
    return (a[key] ?? "").toLowerCase() === (b[key] ?? "").toLowerCase();
  }
  return sameValue(a[key], b[key]);
}

/** Fields whose value differs between two form states. */
export function changedFields(base: ItemFormValues, next: ItemFormValues): FieldKey[] {
  const a = payloadOf(base);
  const b = payloadOf(next);
  return FIELD_KEYS.filter((k) => !sameField(k, a, b));
}

function flatten(err: z.ZodError, v?: ItemFormValues): FieldErrors {
  const errors = z.flattenError(err).fieldErrors as FieldErrors;
  // The schema lists every type; an empty choice just needs a nudge.
  if (v && v.type === "" && errors.type) errors.type = ["Choose a type"];
  return errors;
}

export type CreatePayload = TCreateItem;

/** Validated create payload (blanks left out), or field errors. */
export function validateCreate(
  v: ItemFormValues,
): { ok: true; data: CreatePayload } | { ok: false; errors: FieldErrors } {
  const p = payloadOf(v);
  const compact = Object.fromEntries(
    Object.entries(p).filter(([, val]) => val !== null && !(Array.isArray(val) && val.length === 0)),
  );
  const r = ZCreateItem.safeParse(compact);
  return r.success ? { ok: true, data: r.data } : { ok: false, errors: flatten(r.error, v) };
}

/** Validated update payload holding only the changed fields, or field errors. */
export function validateUpdate(
  base: ItemFormValues,
  v: ItemFormValues,
  ref: { itemNum: number; version: number },
): { ok: true; changes: Partial<ItemPayload>; fields: FieldKey[] } | { ok: false; errors: FieldErrors } {
  const fields = changedFields(base, v);
  const p = payloadOf(v);
  const changes: Partial<ItemPayload> = {};
  for (const k of fields) (changes as Record<string, unknown>)[k] = p[k];
  // The start/finish rule needs both dates even when only one changed.
  const r = ZUpdateItem.safeParse({ ...ref, ...changes, start: p.start, finish: p.finish });
  if (!r.success) return { ok: false, errors: flatten(r.error, v) };
  return { ok: true, changes, fields };
}

/** How a field's value reads in a "what changed" list. */
export function displayValue(key: FieldKey, v: ItemFormValues): string {
  const val = v[key];
  if (typeof val === "boolean") return val ? "Yes" : "No";
  if (val === "") return "—";
  if (key === "percentComplete") return `${val}%`;
  if (key === "description" || key === "mitigation" || key === "contingency") {
    return val.length > 80 ? `${val.slice(0, 80)}…` : val;
  }
  return val;
}
