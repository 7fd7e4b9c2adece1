/**
 * Webhooks, the pure part: what an event's body holds, the one-line summary
 * kept in the delivery log, and when a failed delivery is tried again.
 */
import type { TWebhookEventOrPing } from "@/contracts/webhook";

export type WebhookItem = {
  itemNum: number;
  title: string;
  type: string;
  workstream: string | null;
  assignedTo: string | null;
  start: string | null;
  finish: string | null;
  deadline: string | null;
  percentComplete: number;
  indicator: string | null;
  priority: string | null;
  draft: boolean;
  deleted: boolean;
};

export type WebhookNote = { id: string; date: string; content: string; author: string | null };

/** The body of one event, as stored with each delivery (the org is added when it is sent). */
export type WebhookPayload = {
  id: string;
  type: TWebhookEventOrPing;
  occurredAt: string;
  project: { id: string; name: string };
  item?: WebhookItem;
  note?: WebhookNote;
  actor: { id: string | null; name: string | null };
};

/** The fields of an item sent in a webhook (a stable subset; no budget figures). */
export function webhookItem(i: WebhookItem & Record<string, unknown>): WebhookItem {
  return {
    itemNum: i.itemNum,
    title: i.title,
    type: i.type,
    workstream: i.workstream,
    assignedTo: i.assignedTo,
    start: i.start,
    finish: i.finish,
    deadline: i.deadline,
    percentComplete: i.percentComplete,
    indicator: i.indicator,
    priority: i.priority,
    draft: i.draft,
    deleted: i.deleted,
  };
}

/** "Item #12 created: Server room migration" — at most 300 characters. */
export function deliverySummary(p: Pick<WebhookPayload, "type" | "item" | "project">): string {
  const verb: Record<TWebhookEventOrPing, string> = {
    "item.created": "created",
    "item.updated": "updated",
    "item.deleted": "deleted",
    "note.added": "note added",
    ping: "",
  };
  const text =
    p.type === "ping" || !p.item
      ? `Test event (ping) for ${p.project.name}`
      : `Item #${p.item.itemNum} ${verb[p.type]}: ${p.item.title}`;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** How many attempts a delivery gets: the first one and one per retry delay. */
export const maxAttempts = (delaysSeconds: readonly number[]) => delaysSeconds.length + 1;

/**
 * After attempt number `attempts` (1-based) failed: when to try again, or null when
 * that was the last attempt and the delivery is given up.
 */
export function nextAttemptAfter(attempts: number, delaysSeconds: readonly number[], now: Date): Date | null {
  if (attempts >= maxAttempts(delaysSeconds)) return null;
  const delay = delaysSeconds[Math.max(0, attempts - 1)]!;
  return new Date(now.getTime() + Math.round(delay * 1000));
}

/** Whether a receiver's answer counts as delivered. */
export const isDelivered = (status: number | null) => status !== null && status >= 200 && status < 300;
