/**
 * A project's webhooks: list, create (the signing secret is in that answer only), update, rotate
 * the secret, delete, send a test event, the delivery log and redelivery. Secrets are stored
 * encrypted (src/server/crypto.ts) and never listed, logged or audited.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { isIP } from "node:net";
import type { TenantDb, TenantPrisma } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { DomainError, invalid } from "@/domain/errors";
import { deliverySummary, type WebhookPayload } from "@/domain/webhooks";
import type { TCreateWebhook, TUpdateWebhook } from "@/contracts/webhook";
import { encryptSecret } from "@/server/crypto";
import { isPublicAddress } from "@/server/net/outbound";
import { auditOf } from "./audit";
import {
  deliverNow,
  secretContext,
  webhooksAllowPrivateTargets,
  type DeliveryOutcome,
  type WebhookOrg,
} from "./webhook-delivery";

const WEBHOOK_SELECT = {
  id: true,
  url: true,
  description: true,
  events: true,
  active: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
} as const;

const DELIVERY_SELECT = {
  id: true,
  eventId: true,
  eventType: true,
  summary: true,
  attempts: true,
  status: true,
  lastStatus: true,
  lastError: true,
  lastResponse: true,
  nextAttemptAt: true,
  occurredAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

const NOT_FOUND = "Webhook not found";

/**
 * Where a webhook may point. The delivery itself re-checks every address a name resolves to;
 * this gives the early, field-level answer for what can be seen in the URL.
 */
function checkTarget(url: string): void {
  if (webhooksAllowPrivateTargets()) return;
  const u = new URL(url);
  if (u.protocol !== "https:")
    throw invalid("The URL must use https://", { url: ["Use an https:// address"] });
  const host = u.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    (isIP(host) && !isPublicAddress(host)) ||
    !host.includes(".")
  ) {
    throw invalid("The URL must point to the public internet", {
      url: ["Use a public internet address (private, loopback and link-local addresses are refused)"],
    });
  }
}

type Db = TenantDb | TenantPrisma.TransactionClient;

const newSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

async function findHook(db: Db, projectId: string, webhookId: string) {
  const hook = await db.webhook.findFirst({ where: { id: webhookId, projectId }, select: WEBHOOK_SELECT });
  if (!hook) throw new DomainError("NOT_FOUND", NOT_FOUND);
  return hook;
}

/** Audit rows of the project's webhooks (their fields as WEBHOOK_SELECT reads them: never the secret). */
const auditHook = auditOf("webhook");

/** The project's webhooks with their latest delivery (never their secrets). */
export async function listWebhooks(db: TenantDb, projectId: string) {
  const hooks = await db.webhook.findMany({
    where: { projectId },
    select: {
      ...WEBHOOK_SELECT,
      deliveries: { orderBy: { createdAt: "desc" }, take: 1, select: DELIVERY_SELECT },
    },
    orderBy: { createdAt: "asc" },
  });
  return hooks.map(({ deliveries, ...h }) => ({ ...h, lastDelivery: deliveries[0] ?? null }));
}

export async function createWebhook(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  input: TCreateWebhook,
) {
  checkTarget(input.url);
  const count = await db.webhook.count({ where: { projectId } });
  if (count >= 20) throw invalid("A project can have at most 20 webhooks");
  const id = randomUUID();
  const secret = newSecret();
  const hook = await db.$transaction(async (tx) => {
    const row = await tx.webhook.create({
      data: {
        id,
        projectId,
        url: input.url,
        description: input.description ?? null,
        events: input.events,
        secretEncrypted: encryptSecret(secret, secretContext(id)),
        createdById: actor.userId,
      },
      select: WEBHOOK_SELECT,
    });
    await auditHook(tx, actor, "CREATE", { projectId, id }, { after: row });
    return row;
  });
  return { ...hook, lastDelivery: null, secret };
}

export async function updateWebhook(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  input: TUpdateWebhook,
) {
  const { webhookId, ...changes } = input;
  if (changes.url !== undefined) checkTarget(changes.url);
  return db.$transaction(async (tx) => {
    const before = await findHook(tx, projectId, webhookId);
    const after = await tx.webhook.update({
      where: { id: webhookId },
      data: {
        ...(changes.url !== undefined ? { url: changes.url } : {}),
        ...(changes.events !== undefined ? { events: changes.events } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
      },
      select: WEBHOOK_SELECT,
    });
    await auditHook(tx, actor, "UPDATE", { projectId, id: webhookId }, { before, after });
    return after;
  });
}

/** A new signing secret, in this answer only; the old one stops working at once. */
export async function rotateWebhookSecret(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  webhookId: string,
) {
  const secret = newSecret();
  await db.$transaction(async (tx) => {
    await findHook(tx, projectId, webhookId);
    await tx.webhook.update({
      where: { id: webhookId },
      data: { secretEncrypted: encryptSecret(secret, secretContext(webhookId)) },
    });
    await auditHook(tx, actor, "UPDATE", { projectId, id: webhookId }, { after: { secretRotated: true } });
  });
  return { id: webhookId, secret };
}

/** Deletes the webhook and its delivery log. */
export async function deleteWebhook(db: TenantDb, actor: AuditActor, projectId: string, webhookId: string) {
  await db.$transaction(async (tx) => {
    const before = await findHook(tx, projectId, webhookId);
    await tx.webhook.delete({ where: { id: webhookId } });
    await auditHook(tx, actor, "DELETE", { projectId, id: webhookId }, { before });
  });
  return { deleted: true as const };
}

export type WebhookSendResult = {
  delivery: Awaited<ReturnType<typeof getDelivery>>;
  outcome: DeliveryOutcome | null;
};

async function getDelivery(db: TenantDb, id: string) {
  return db.webhookDelivery.findUniqueOrThrow({ where: { id }, select: DELIVERY_SELECT });
}

/** Sends a `ping` event now and answers with what the receiver did (retried like any event when it fails). */
export async function testWebhook(
  db: TenantDb,
  actor: AuditActor,
  org: WebhookOrg,
  project: { id: string; name: string },
  webhookId: string,
): Promise<WebhookSendResult> {
  await findHook(db, project.id, webhookId);
  const occurredAt = new Date();
  const payload: WebhookPayload = {
    id: randomUUID(),
    type: "ping",
    occurredAt: occurredAt.toISOString(),
    project: { id: project.id, name: project.name },
    actor: { id: actor.userId, name: actor.name },
  };
  const row = await db.webhookDelivery.create({
    data: {
      webhookId,
      eventId: payload.id,
      eventType: "ping",
      payload,
      summary: deliverySummary(payload),
      occurredAt,
      nextAttemptAt: occurredAt,
    },
    select: { id: true },
  });
  const outcome = await deliverNow(db, org, row.id);
  return { delivery: await getDelivery(db, row.id), outcome };
}

/** Sends an earlier event again, now, as a new delivery (same event id). */
export async function redeliverWebhook(
  db: TenantDb,
  org: WebhookOrg,
  projectId: string,
  deliveryId: string,
): Promise<WebhookSendResult> {
  const old = await db.webhookDelivery.findFirst({
    where: { id: deliveryId, webhook: { projectId } },
    select: {
      webhookId: true,
      eventId: true,
      eventType: true,
      payload: true,
      summary: true,
      occurredAt: true,
    },
  });
  if (!old) throw new DomainError("NOT_FOUND", "Delivery not found");
  const row = await db.webhookDelivery.create({
    data: { ...old, payload: old.payload as object, nextAttemptAt: new Date() },
    select: { id: true },
  });
  const outcome = await deliverNow(db, org, row.id);
  return { delivery: await getDelivery(db, row.id), outcome };
}

/** One webhook's delivery log, newest first, a page at a time. */
export async function listDeliveries(
  db: TenantDb,
  projectId: string,
  input: { webhookId: string; cursor?: string | null; limit: number },
) {
  await findHook(db, projectId, input.webhookId);
  const rows = await db.webhookDelivery.findMany({
    where: { webhookId: input.webhookId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: DELIVERY_SELECT,
  });
  const more = rows.length > input.limit;
  const items = more ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: more ? items[items.length - 1]!.id : null };
}
