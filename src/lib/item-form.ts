/**
 * Item form state (strings, as inputs hold them) and its conversion to the
 * payloads of item.create / item.update. Validation reuses the server's zod
 * schemas so the client and server agree on every rule.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldErrors as FieldErrorsOf, Resolver } from "react-hook-form";
import { z } from "zod";
// The item contract (zod + domain only), shared with the item router.
import { ZCreateItem, ZUpdateItem, type TCreateItem, type TUpdateItem } from "@/contracts/item";
import { isIsoDate } from "@/domain/dates";
import { computeIndicator } from "@/domain/indicators";
import type { Indicator, ItemType } from "@/domain/types";

export type ItemFormValues = {
  type: ItemType | "";
  title: string;
  workstream: string;
  assignedTo: string;
  /** The org member the assignee text names ("" when it names none); it travels with `assignedTo`. */
  assignedToUserId: string;
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
  assignedToUserId: string | null;
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

/** The fields a person edits (the member link is part of "Assigned to"). */
export type FieldKey = Exclude<keyof ItemFormValues, "assignedToUserId">;

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
    assignedToUserId: "",
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
    assignedToUserId: s(item.assignedToUserId),
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

export type CreatePayload = TCreateItem;

/** The member picked for the assignee, when one is (else the server matches the text itself). */
const memberOf = (v: ItemFormValues) =>
  v.assignedToUserId && text(v.assignedTo) ? { assignedToUserId: v.assignedToUserId } : {};

/** The create payload: blanks left out (the server fills in defaults). */
export function createPayloadOf(v: ItemFormValues): Partial<ItemPayload> & { assignedToUserId?: string } {
  const fields = Object.fromEntries(
    Object.entries(payloadOf(v)).filter(
      ([, val]) => val !== null && !(Array.isArray(val) && val.length === 0),
    ),
  ) as Partial<ItemPayload>;
  return { ...fields, ...memberOf(v) };
}

/** Reference an update is checked against: the values the user started from and the item's version. */
export type UpdateRef = { base: ItemFormValues; itemNum: number; version: number };

/**
 * What item.update receives for these form values: the changed fields only,
 * plus both dates (the start/finish rule needs them even when only one changed).
 */
export function updatePayloadOf(ref: UpdateRef, v: ItemFormValues) {
  const fields = changedFields(ref.base, v);
  const p = payloadOf(v);
  const changes: Partial<ItemPayload> & { assignedToUserId?: string } = {};
  for (const k of fields) (changes as Record<string, unknown>)[k] = p[k];
  if (fields.includes("assignedTo")) Object.assign(changes, memberOf(v));
  return { itemNum: ref.itemNum, version: ref.version, ...changes, start: p.start, finish: p.finish };
}

// The form holds strings; these schemas turn them into the API payload and then
// run the server's own schema (item.create / item.update) over it, so a value
// the server would refuse is refused here first, with the same message.
const ZFormValues = z.custom<ItemFormValues>((v) => typeof v === "object" && v !== null);

/** The New item form: form strings → create payload → the server's ZCreateItem. */
export const ZCreateItemForm = ZFormValues.transform(
  (v) => createPayloadOf(v) as z.input<typeof ZCreateItem>,
).pipe(ZCreateItem);

/**
 * The editor form: form strings → update payload → the server's ZUpdateItem.
 * `ref` is read at validation time (the base and version change after a conflict).
 */
export function updateItemFormSchema(ref: () => UpdateRef) {
  return ZFormValues.transform((v) => updatePayloadOf(ref(), v) as z.input<typeof ZUpdateItem>).pipe(
    ZUpdateItem,
  );
}

/**
 * zodResolver over one of the schemas above, with a friendlier message for an
 * unchosen type (the schema's own message lists all seven types).
 */
export function itemFormResolver<TOut>(
  schema: z.ZodType<TOut, ItemFormValues>,
): Resolver<ItemFormValues, unknown, TOut> {
  const resolve = zodResolver(schema) as Resolver<ItemFormValues, unknown, TOut>;
  return async (values, context, options) => {
    const result = await resolve(values, context, options);
    const typeError = (result.errors as FieldErrorsOf<ItemFormValues>).type;
    if (values.type === "" && typeError) typeError.message = "Choose a type";
    return result;
  };
}

/** The first message for a field in react-hook-form's error tree (nested for lists such as report codes). */
export function fieldMessage(errors: FieldErrorsOf<ItemFormValues>, key: FieldKey): string | undefined {
  return firstMessage(errors[key]);
}

function firstMessage(node: unknown, depth = 0): string | undefined {
  if (!node || typeof node !== "object" || depth > 4) return undefined;
  const msg = (node as { message?: unknown }).message;
  if (typeof msg === "string" && msg) return msg;
  for (const [k, child] of Object.entries(node)) {
    if (k === "ref" || k === "types") continue;
    const m = firstMessage(child, depth + 1);
    if (m) return m;
  }
  return undefined;
}

/** Server error keys that belong to a differently named form field (the member link is part of "Assigned to"). */
export const ITEM_ERROR_ALIASES: Record<string, FieldKey> = { assignedToUserId: "assignedTo" };

/** The changed fields of a validated update, ready to send beside `{itemNum, version}`. */
export function pickChanges(data: TUpdateItem, fields: FieldKey[]): Partial<ItemPayload> {
  const changes: Record<string, unknown> = {};
  for (const k of fields) changes[k] = (data as Record<string, unknown>)[k];
  // The member picked for the assignee travels with it.
  if (fields.includes("assignedTo") && data.assignedToUserId)
    changes.assignedToUserId = data.assignedToUserId;
  return changes as Partial<ItemPayload>;
}

/** The indicator these (unsaved) values would get today — a preview; the server decides on save. */
export function previewIndicator(v: ItemFormValues, today: string): Indicator | null {
  const date = (d: string) => (isIsoDate(d) ? d : null);
  const pct = Number(v.percentComplete);
  const duration = v.duration.trim() === "" ? null : Number(v.duration);
  return computeIndicator(
    {
      draft: v.draft,
      percentComplete: Number.isFinite(pct) ? Math.min(100, Math.max(0, Math.round(pct))) : 0,
      start: date(v.start),
      finish: date(v.finish),
      deadline: date(v.deadline),
      duration: duration !== null && Number.isInteger(duration) && duration >= 0 ? duration : null,
    },
    today,
  );
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
