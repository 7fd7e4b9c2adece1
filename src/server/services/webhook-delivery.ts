/**
 * Webhook delivery. An event becomes one `webhook_deliveries` row per subscribed webhook, written
 * in the same transaction as the change (the outbox: nothing is lost if the process dies after the
 * commit). The `webhooks-deliver` job (pg-boss; woken after each commit and swept every minute)
 * sends what is due: a sender first claims rows with one UPDATE … FOR UPDATE SKIP LOCKED that counts
 * the attempt and holds the row for a lease, so two app servers never send the same attempt.
 * 2xx = delivered; anything else is retried after WEBHOOK_RETRY_DELAYS and given up after the last.
 */
import { createHmac, randomUUID } from "node:crypto";
import { env } from "@/env";
import type { TenantDb, TenantPrisma } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { decryptSecret } from "@/server/crypto";
import { logger } from "@/server/logger";
import { BlockedAddressError, InsecureUrlError, postOnce } from "@/server/net/outbound";
import type { TWebhookEvent } from "@/contracts/webhook";
import {
  deliverySummary,
  isDelivered,
  nextAttemptAfter,
  webhookItem,
  type WebhookItem,
  type WebhookNote,
  type WebhookPayload,
} from "@/domain/webhooks";

type Tx = TenantPrisma.TransactionClient;
export type WebhookOrg = { id: string; slug: string };

/** A claim holds a delivery this long: well past the receiver's timeout. */
const LEASE_MS = 60_000;
/** Bytes of a receiver's answer kept in the log. */
const SNIPPET_BYTES = 300;

/**
 * Whether webhooks may reach private, loopback and link-local addresses and use plain http:
 * WEBHOOK_ALLOW_PRIVATE_TARGETS, by default yes outside production (a local receiver) and no in production.
 */
export function webhooksAllowPrivateTargets(): boolean {
  const e = env();
  return e.WEBHOOK_ALLOW_PRIVATE_TARGETS ?? e.NODE_ENV !== "production";
}

export const secretContext = (webhookId: string) => `webhook:${webhookId}`;

/** `sha256=<hex>`: HMAC-SHA256 of "<timestamp>.<body>" with the webhook's secret. */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * The outbox write, inside the change's transaction: one pending delivery per active webhook of
 * the project subscribed to `type`. Returns how many were queued (0: nothing to wake the sender for).
 */
export async function enqueueWebhookEvent(
  tx: Tx,
  actor: AuditActor,
  projectId: string,
  type: TWebhookEvent,
  data: { item: Omit<WebhookItem, "deleted"> & { deletedAt: Date | null }; note?: WebhookNote },
): Promise<number> {
  const hooks = await tx.webhook.findMany({
    where: { projectId, active: true, events: { has: type } },
    select: { id: true },
  });
  if (!hooks.length) return 0;
  const project = await tx.project.findUniqueOrThrow({
    where: { id: projectId },
    select: { id: true, name: true },
  });
  const occurredAt = new Date();
  const payload: WebhookPayload = {
    id: randomUUID(),
    type,
    occurredAt: occurredAt.toISOString(),
    project,
    item: webhookItem({ ...data.item, deleted: data.item.deletedAt !== null }),
    ...(data.note ? { note: data.note } : {}),
    actor: { id: actor.userId, name: actor.name },
  };
  await tx.webhookDelivery.createMany({
    data: hooks.map((h) => ({
      webhookId: h.id,
      eventId: payload.id,
      eventType: type,
      payload,
      summary: deliverySummary(payload),
      occurredAt,
      nextAttemptAt: occurredAt,
    })),
  });
  return hooks.length;
}

type Claimed = {
  id: string;
  webhookId: string;
  eventType: string;
  payload: WebhookPayload;
  attempts: number;
};

/** Claims due deliveries (or the one named) and counts their attempt; rows others hold are skipped. */
async function claim(db: TenantDb, now: Date, opts: { limit: number; id?: string }): Promise<Claimed[]> {
  const lease = new Date(now.getTime() + LEASE_MS);
  const rows = await db.$queryRaw<Claimed[]>`
    UPDATE webhook_deliveries d
    SET attempts = d.attempts + 1, locked_until = ${lease}, updated_at = now()
    WHERE d.id IN (
      SELECT id FROM webhook_deliveries
      WHERE status = 'pending' AND next_attempt_at <= ${now}
        AND (locked_until IS NULL OR locked_until < ${now})
        AND (${opts.id ?? null}::uuid IS NULL OR id = ${opts.id ?? null}::uuid)
      ORDER BY next_attempt_at
      LIMIT ${opts.limit}::int
      FOR UPDATE SKIP LOCKED)
    RETURNING d.id, d.webhook_id AS "webhookId", d.event_type AS "eventType", d.payload, d.attempts`;
  return rows;
}

export type DeliveryOutcome = {
  deliveryId: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  httpStatus: number | null;
  error: string | null;
  nextAttemptAt: Date | null;
  ms: number;
};

function describeError(err: unknown, timeoutMs: number): string {
  if (err instanceof BlockedAddressError)
    return "Refused: the receiver is not on the public internet (private, loopback and link-local addresses are refused)";
  if (err instanceof InsecureUrlError) return "Refused: the receiver must use https://";
  const e = err as { name?: string; code?: string };
  if (e.name === "TimeoutError" || e.name === "AbortError") return `No answer within ${timeoutMs / 1000} s`;
  return e.code ? `Could not connect (${e.code})` : "Could not connect";
}

class SecretUnreadable extends Error {}

/** The webhook's signing secret; a refusal when it cannot be decrypted (ENCRYPTION_KEY missing or changed). */
function readSecret(hook: { id: string; secretEncrypted: string }): string {
  try {
    return decryptSecret(hook.secretEncrypted, secretContext(hook.id));
  } catch {
    throw new SecretUnreadable("Not sent: the signing secret cannot be read (was ENCRYPTION_KEY changed?)");
  }
}

/** Sends one claimed attempt and records its outcome. */
async function sendClaimed(
  db: TenantDb,
  org: WebhookOrg,
  d: Claimed,
  now: () => Date,
): Promise<DeliveryOutcome> {
  const e = env();
  const started = performance.now();
  const hook = await db.webhook.findUnique({
    where: { id: d.webhookId },
    select: { id: true, url: true, secretEncrypted: true, active: true },
  });
  let httpStatus: number | null = null;
  let error: string | null = null;
  let snippet: string | null = null;
  let giveUp = false;
  if (!hook || (!hook.active && d.eventType !== "ping")) {
    error = "Not sent: the webhook is turned off";
    giveUp = true;
  } else {
    const { id, type, occurredAt, ...rest } = d.payload;
    const body = JSON.stringify({ id, type, occurredAt, org: { id: org.id, slug: org.slug }, ...rest });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const allowPrivate = webhooksAllowPrivateTargets();
    try {
      const secret = readSecret(hook);
      const res = await postOnce(hook.url, body, {
        timeoutMs: e.WEBHOOK_TIMEOUT_MS,
        maxBytes: SNIPPET_BYTES,
        allowPrivate,
        httpsOnly: !allowPrivate,
        headers: {
          "content-type": "application/json",
          "x-braid-event": d.eventType,
          "x-braid-delivery": d.id,
          "x-braid-timestamp": timestamp,
          "x-braid-signature": signPayload(secret, timestamp, body),
        },
      });
      httpStatus = res.status;
      snippet = res.text.slice(0, SNIPPET_BYTES) || null;
      if (!isDelivered(res.status)) {
        error =
          res.status >= 300 && res.status < 400
            ? `HTTP ${res.status}: redirects are not followed`
            : `HTTP ${res.status}`;
      }
    } catch (err) {
      error = err instanceof SecretUnreadable ? err.message : describeError(err, e.WEBHOOK_TIMEOUT_MS);
      if (
        err instanceof BlockedAddressError ||
        err instanceof InsecureUrlError ||
        err instanceof SecretUnreadable
      )
        giveUp = true;
    }
  }
  const at = now();
  const ok = error === null;
  const next = ok || giveUp ? null : nextAttemptAfter(d.attempts, e.WEBHOOK_RETRY_DELAYS, at);
  const status = ok ? "succeeded" : next ? "pending" : "failed";
  // Only the claim that counted this attempt records it.
  await db.webhookDelivery.updateMany({
    where: { id: d.id, attempts: d.attempts },
    data: {
      status,
      lastStatus: httpStatus,
      lastError: error?.slice(0, 500) ?? null,
      lastResponse: snippet,
      nextAttemptAt: next,
      lockedUntil: null,
    },
  });
  const ms = Math.round(performance.now() - started);
  logger.info(
    { org: org.slug, webhookId: d.webhookId, deliveryId: d.id, attempt: d.attempts, status, httpStatus, ms },
    "webhook delivery",
  );
  return { deliveryId: d.id, status, attempts: d.attempts, httpStatus, error, nextAttemptAt: next, ms };
}

/** Sends every due delivery of one org database (a few at a time); returns the outcomes. */
export async function deliverDueWebhooks(
  db: TenantDb,
  org: WebhookOrg,
  opts: { now?: () => Date; batch?: number; maxBatches?: number } = {},
): Promise<DeliveryOutcome[]> {
  const now = opts.now ?? (() => new Date());
  const out: DeliveryOutcome[] = [];
  for (let i = 0; i < (opts.maxBatches ?? 10); i++) {
    const claimed = await claim(db, now(), { limit: opts.batch ?? 10 });
    if (!claimed.length) break;
    out.push(...(await Promise.all(claimed.map((d) => sendClaimed(db, org, d, now)))));
  }
  return out;
}

/** Sends one delivery now (the test button, redeliver); null when it is not due or someone else holds it. */
export async function deliverNow(db: TenantDb, org: WebhookOrg, deliveryId: string) {
  const now = () => new Date();
  const [claimed] = await claim(db, now(), { limit: 1, id: deliveryId });
  return claimed ? sendClaimed(db, org, claimed, now) : null;
}

/** Whether an org has anything due (a cheap check before a sweep claims). */
export async function hasDueWebhooks(db: TenantDb, now = new Date()): Promise<boolean> {
  const rows = await db.$queryRaw<unknown[]>`
    SELECT 1 FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ${now} LIMIT 1`;
  return rows.length > 0;
}
