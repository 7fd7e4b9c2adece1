/**
 * Webhooks end to end against a real receiver on loopback: each item/note event is one signed
 * POST whose signature verifies; failures are retried with backoff and the log shows it; two
 * senders never send the same attempt; the test button and redelivery; the secret stays out of
 * lists, audit and logs; private targets are refused without the allowance; retention.
 */
import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { getCentralDb } from "@/server/db/central";
import { getTenantDb, type TenantDb } from "@/server/db/tenant";
import { logger } from "@/server/logger";
import { deliverDueWebhooks } from "@/server/services/webhook-delivery";
import { pruneExpiredRecords } from "@/server/services/retention";
import { startJobs, type JobsRunner } from "@/server/jobs/boss";
import { jobsConfigFromEnv } from "@/server/jobs/runner";
import { callerFor, makeUser, systemCaller } from "./helpers";
import { startReceiver, type Receiver } from "./webhook-receiver";

const ORG = "hooks-org";
let rx: Receiver;
let projectId: string;
let otherProjectId: string;
let db: TenantDb;
let org: { id: string; slug: string; databaseName: string; clusterKey: string };
const logged: string[] = [];
type Api = Awaited<ReturnType<typeof callerFor>>;
let pm: Api;

const verify = (secret: string, r: { headers: Record<string, unknown>; body: string }) =>
  r.headers["x-braid-signature"] ===
  `sha256=${createHmac("sha256", secret)
    .update(`${String(r.headers["x-braid-timestamp"])}.${r.body}`)
    .digest("hex")}`;
const send = (now?: () => Date) => deliverDueWebhooks(db, org, now ? { now } : {});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  process.env.ENCRYPTION_KEY = randomBytes(32).toString("base64url");
  process.env.WEBHOOK_RETRY_DELAYS = "0.3,0.6";
  resetEnvCache();
  for (const level of ["info", "warn", "error", "debug"] as const)
    vi.spyOn(logger, level).mockImplementation(
      ((...args: unknown[]) => void logged.push(JSON.stringify(args))) as never,
    );
  rx = await startReceiver();
  await makeUser("owner@h.test", "Olive Owner");
  await makeUser("pm@h.test", "Pat Manager");
  const sys = systemCaller();
  await sys.org.create({ name: "Hooks Org", slug: ORG, ownerEmail: "owner@h.test" });
  await sys.org.addMember({ orgSlug: ORG, email: "pm@h.test", role: "member" });
  const owner = await callerFor("owner@h.test");
  projectId = (await owner.project.create({ orgSlug: ORG, name: "Harbor" })).id;
  otherProjectId = (await owner.project.create({ orgSlug: ORG, name: "Lighthouse" })).id;
  for (const p of [projectId, otherProjectId])
    await owner.project.setRole({ orgSlug: ORG, projectId: p, email: "pm@h.test", role: "project_manager" });
  pm = await callerFor("pm@h.test");
  org = await getCentralDb().organization.findUniqueOrThrow({
    where: { slug: ORG },
    select: { id: true, slug: true, databaseName: true, clusterKey: true },
  });
  db = getTenantDb(org);
});

afterAll(async () => {
  vi.restoreAllMocks();
  delete process.env.WEBHOOK_RETRY_DELAYS;
  delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  resetEnvCache();
  await rx.close();
});

describe("webhooks", () => {
  let secret: string;
  let hookId: string;

  it("delivers item created / updated / deleted and note added, once each, signed", async () => {
    const hook = await pm.webhook.create({
      orgSlug: ORG,
      projectId,
      url: `${rx.base}/all`,
      events: ["item.created", "item.updated", "item.deleted", "note.added"],
      description: "Everything",
    });
    secret = hook.secret;
    hookId = hook.id;
    expect(secret).toMatch(/^whsec_/);

    const item = await pm.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "Harbor flood" });
    // The outbox row is written with the change; nothing is sent until the sender runs.
    expect(await db.webhookDelivery.count({ where: { webhookId: hookId, status: "pending" } })).toBe(1);
    expect(rx.on("/all")).toHaveLength(0);
    await send();
    await pm.item.update({
      orgSlug: ORG,
      projectId,
      itemNum: item.itemNum,
      version: item.version,
      title: "Harbor flood!",
    });
    await pm.item.addNote({ orgSlug: ORG, projectId, itemNum: item.itemNum, content: "Sandbags ordered" });
    await pm.item.delete({ orgSlug: ORG, projectId, itemNum: item.itemNum });
    await send();
    await send(); // nothing left: no second request for anything

    const got = rx.on("/all");
    expect(got.map((r) => r.headers["x-braid-event"]).sort()).toEqual([
      "item.created",
      "item.deleted",
      "item.updated",
      "note.added",
    ]);
    for (const r of got) {
      expect(verify(secret, r)).toBe(true);
      expect(verify("whsec_wrong", r)).toBe(false);
      const body = JSON.parse(r.body) as Record<string, unknown>;
      expect(body).toMatchObject({
        type: r.headers["x-braid-event"],
        org: { id: org.id, slug: ORG },
        project: { id: projectId, name: "Harbor" },
        item: { itemNum: item.itemNum, type: "Risk" },
        actor: { name: "Pat Manager" },
      });
      expect(Object.keys(body).slice(0, 4)).toEqual(["id", "type", "occurredAt", "org"]);
      expect(r.headers["x-braid-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(Math.abs(Number(r.headers["x-braid-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
    }
    const note = JSON.parse(got.find((r) => r.headers["x-braid-event"] === "note.added")!.body) as {
      note: { content: string };
    };
    expect(note.note.content).toBe("Sandbags ordered");
    const deleted = JSON.parse(got.find((r) => r.headers["x-braid-event"] === "item.deleted")!.body) as {
      item: { deleted: boolean; title: string };
    };
    expect(deleted.item).toMatchObject({ deleted: true, title: "Harbor flood!" });

    const log = await pm.webhook.deliveries({ orgSlug: ORG, projectId, webhookId: hookId });
    expect(log.items).toHaveLength(4);
    expect(log.items.every((d) => d.status === "succeeded" && d.attempts === 1 && d.lastStatus === 200)).toBe(
      true,
    );
  });

  it("retries a receiver that fails twice with backoff: 3 attempts, and the log shows it", async () => {
    const hook = await pm.webhook.create({
      orgSlug: ORG,
      projectId: otherProjectId,
      url: `${rx.base}/flaky`,
      events: ["item.created"],
    });
    rx.script("/flaky", [500, 500, 200]);
    await pm.item.create({ orgSlug: ORG, projectId: otherProjectId, type: "Issue", title: "Leaky roof" });
    await send();
    await send(); // not due yet: the first retry waits 0.3 s
    expect(rx.on("/flaky")).toHaveLength(1);
    let [d] = (await pm.webhook.deliveries({ orgSlug: ORG, projectId: otherProjectId, webhookId: hook.id }))
      .items;
    expect(d).toMatchObject({ status: "pending", attempts: 1, lastStatus: 500, lastError: "HTTP 500" });
    expect(d!.lastResponse).toBe("broken today");
    await sleep(350);
    await send();
    await send(); // the second retry waits 0.6 s
    expect(rx.on("/flaky")).toHaveLength(2);
    await sleep(650);
    await send();
    const hits = rx.on("/flaky");
    expect(hits).toHaveLength(3);
    expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(300);
    expect(hits[2]!.at - hits[1]!.at).toBeGreaterThanOrEqual(600);
    // The same event each time, and the same delivery id.
    expect(new Set(hits.map((h) => (JSON.parse(h.body) as { id: string }).id)).size).toBe(1);
    expect(new Set(hits.map((h) => h.headers["x-braid-delivery"])).size).toBe(1);
    [d] = (
      await pm.webhook.deliveries({ orgSlug: ORG, projectId: otherProjectId, webhookId: hook.id })
    ).items;
    expect(d).toMatchObject({
      status: "succeeded",
      attempts: 3,
      lastStatus: 200,
      lastError: null,
      nextAttemptAt: null,
    });

    // Always failing: given up (failed) after the last attempt.
    rx.script("/flaky", [503, 503, 503, 503]);
    await pm.item.create({ orgSlug: ORG, projectId: otherProjectId, type: "Issue", title: "Still leaking" });
    let offset = 0;
    for (let i = 0; i < 4; i++) {
      await send(() => new Date(Date.now() + offset));
      offset += 5_000;
    }
    expect(rx.on("/flaky")).toHaveLength(6);
    [d] = (
      await pm.webhook.deliveries({ orgSlug: ORG, projectId: otherProjectId, webhookId: hook.id })
    ).items;
    expect(d).toMatchObject({ status: "failed", attempts: 3, lastStatus: 503, nextAttemptAt: null });
    await pm.webhook.delete({ orgSlug: ORG, projectId: otherProjectId, webhookId: hook.id });
  });

  it("two senders at once never send the same attempt", async () => {
    const before = rx.on("/all").length;
    await pm.item.create({ orgSlug: ORG, projectId, type: "Action Item", title: "Race" });
    const db2 = getTenantDb(org);
    await Promise.all([send(), deliverDueWebhooks(db2, org), send()]);
    expect(rx.on("/all").length - before).toBe(1);
  });

  it("test sends a ping now and answers with the result; redeliver sends the event again", async () => {
    const r = await pm.webhook.test({ orgSlug: ORG, projectId, webhookId: hookId });
    expect(r.outcome).toMatchObject({ status: "succeeded", httpStatus: 200 });
    expect(r.delivery).toMatchObject({ eventType: "ping", status: "succeeded", attempts: 1 });
    const ping = rx.received.at(-1)!;
    expect(ping.headers["x-braid-event"]).toBe("ping");
    expect(verify(secret, ping)).toBe(true);

    const again = await pm.webhook.redeliver({ orgSlug: ORG, projectId, deliveryId: r.delivery.id });
    expect(again.delivery.eventId).toBe(r.delivery.eventId);
    expect(again.delivery.id).not.toBe(r.delivery.id);
    expect(JSON.parse(rx.received.at(-1)!.body)).toMatchObject({ id: r.delivery.eventId, type: "ping" });
  });

  it("keeps the secret out of the list, the audit trail and the logs; rotation changes it", async () => {
    const rotated = await pm.webhook.rotateSecret({ orgSlug: ORG, projectId, webhookId: hookId });
    expect(rotated.secret).not.toBe(secret);
    await pm.webhook.test({ orgSlug: ORG, projectId, webhookId: hookId });
    expect(verify(rotated.secret, rx.received.at(-1)!)).toBe(true);
    expect(verify(secret, rx.received.at(-1)!)).toBe(false);

    const list = await pm.webhook.list({ orgSlug: ORG, projectId });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: hookId, active: true, lastDelivery: { eventType: "ping" } });
    expect(list[0]).not.toHaveProperty("secret");
    expect(list[0]).not.toHaveProperty("secretEncrypted");
    const audit = await db.auditLog.findMany({ where: { entityType: "webhook" } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["CREATE", "UPDATE", "DELETE"]));
    const stored = await db.webhook.findUniqueOrThrow({ where: { id: hookId } });
    const texts = [
      JSON.stringify(list),
      JSON.stringify(audit, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)),
      stored.secretEncrypted,
      ...logged,
    ];
    expect(logged.some((l) => l.includes("webhook delivery"))).toBe(true);
    for (const s of [secret, rotated.secret]) for (const t of texts) expect(t).not.toContain(s);
  });

  it("refuses private and loopback receivers, and plain http, without the allowance", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "false";
    resetEnvCache();
    try {
      for (const url of [
        `${rx.base}/x`,
        "https://127.0.0.1/x",
        "https://localhost/x",
        "https://[::1]/x",
        "https://[fc00::1]/x",
        "https://10.1.2.3/x",
      ]) {
        const err = await pm.webhook
          .create({ orgSlug: ORG, projectId, url, events: ["item.created"] })
          .catch((e: unknown) => e);
        expect(err).toMatchObject({
          code: "BAD_REQUEST",
          cause: { fieldErrors: { url: [expect.any(String)] } },
        });
      }
      // An existing loopback webhook is refused at send time: nothing reaches the receiver.
      const before = rx.received.length;
      const r = await pm.webhook.test({ orgSlug: ORG, projectId, webhookId: hookId });
      expect(r.outcome).toMatchObject({ status: "failed", httpStatus: null });
      expect(r.outcome!.error).toMatch(/not on the public internet|https/);
      expect(rx.received.length).toBe(before);
    } finally {
      delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
      resetEnvCache();
    }
  });

  it("gives up (does not retry forever) when the secret cannot be decrypted", async () => {
    const hook = await pm.webhook.create({
      orgSlug: ORG,
      projectId,
      url: `${rx.base}/lost`,
      events: ["note.added"],
    });
    await db.webhook.update({ where: { id: hook.id }, data: { secretEncrypted: "v1.a.b.c" } });
    const r = await pm.webhook.test({ orgSlug: ORG, projectId, webhookId: hook.id });
    expect(r.outcome).toMatchObject({ status: "failed", nextAttemptAt: null });
    expect(r.outcome!.error).toMatch(/signing secret cannot be read/);
    expect(rx.on("/lost")).toHaveLength(0);
    await pm.webhook.delete({ orgSlug: ORG, projectId, webhookId: hook.id });
  });

  it("validates input field by field and changes nothing", async () => {
    const count = await db.webhook.count();
    for (const [input, field] of [
      [{ url: "ftp://example.com/x", events: ["item.created"] }, "url"],
      [{ url: "https://user:pw@example.com/x", events: ["item.created"] }, "url"],
      [{ url: "https://example.com/x", events: [] }, "events"],
      [{ url: "https://example.com/x", events: ["item.exploded"] }, "events"],
    ] as const) {
      const err = await pm.webhook
        .create({ orgSlug: ORG, projectId, ...(input as { url: string; events: ["item.created"] }) })
        .catch((e: unknown) => e as { code: string; shape?: unknown });
      expect(err).toMatchObject({ code: "BAD_REQUEST" });
      expect(JSON.stringify((err as { cause?: unknown }).cause)).toContain(field);
    }
    expect(await db.webhook.count()).toBe(count);
  });

  it("queues nothing for a turned-off webhook or an unsubscribed event", async () => {
    await pm.webhook.update({ orgSlug: ORG, projectId, webhookId: hookId, active: false });
    const before = await db.webhookDelivery.count();
    await pm.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "Quiet" });
    expect(await db.webhookDelivery.count()).toBe(before);
    await pm.webhook.update({
      orgSlug: ORG,
      projectId,
      webhookId: hookId,
      active: true,
      events: ["note.added"],
    });
    await pm.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "Still quiet" });
    expect(await db.webhookDelivery.count()).toBe(before);
  });

  it("retention deletes deliveries older than 30 days, never pending ones", async () => {
    const old = new Date(Date.now() - 31 * 86_400_000);
    const rows = await db.webhookDelivery.findMany({
      where: { webhookId: hookId },
      take: 2,
      select: { id: true },
    });
    await db.webhookDelivery.update({ where: { id: rows[0]!.id }, data: { createdAt: old } });
    await db.webhookDelivery.update({
      where: { id: rows[1]!.id },
      data: { createdAt: old, status: "pending", nextAttemptAt: new Date(Date.now() + 3_600_000) },
    });
    const r = await pruneExpiredRecords(getCentralDb(), new Date(), { tenantDb: getTenantDb });
    expect(r.deleted.webhookDeliveries).toBe(1);
    expect(await db.webhookDelivery.findUnique({ where: { id: rows[0]!.id } })).toBeNull();
    expect(await db.webhookDelivery.findUnique({ where: { id: rows[1]!.id } })).not.toBeNull();
  });
});

describe("through the job queue (pg-boss)", () => {
  const g = globalThis as unknown as { __braidJobs?: { runner: JobsRunner | null } };
  let runner: JobsRunner | null = null;
  afterAll(async () => {
    delete g.__braidJobs;
    await runner?.stop({ graceful: false });
  });

  it("a committed change wakes the webhooks-deliver job, which sends it", { timeout: 60_000 }, async () => {
    runner = await startJobs({ ...jobsConfigFromEnv(), pollingIntervalSeconds: 0.5 });
    g.__braidJobs = { runner };
    const hook = await pm.webhook.create({
      orgSlug: ORG,
      projectId: otherProjectId,
      url: `${rx.base}/queued`,
      events: ["item.created"],
    });
    await pm.item.create({ orgSlug: ORG, projectId: otherProjectId, type: "Decision", title: "Queued" });
    // No sender is called here: the job picks it up (well before the minute sweep).
    const started = Date.now();
    while (rx.on("/queued").length === 0 && Date.now() - started < 20_000) await sleep(100);
    expect(rx.on("/queued")).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(20_000);
    const [d] = (await pm.webhook.deliveries({ orgSlug: ORG, projectId: otherProjectId, webhookId: hook.id }))
      .items;
    expect(d).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(JSON.parse(rx.on("/queued")[0]!.body)).toMatchObject({
      type: "item.created",
      item: { title: "Queued" },
    });
  });
});
