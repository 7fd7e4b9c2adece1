/**
 * Wakes the webhook sender after a commit that queued deliveries: a `webhooks-deliver` job is
 * put on the queue at once instead of waiting for the next sweep. Fire and forget: when this
 * process runs no jobs (or the send fails) the minute sweep on any server still sends them.
 */
import type PgBoss from "pg-boss";
import { logger } from "@/server/logger";

const g = globalThis as unknown as { __braidJobs?: { runner: { boss: PgBoss } | null } };

export function wakeWebhookSender(): void {
  const boss = g.__braidJobs?.runner?.boss;
  if (!boss) return;
  // The queue is "stately": with one job already waiting this adds nothing.
  boss
    .send("webhooks-deliver", {})
    .catch((err: unknown) => logger.warn({ err }, "webhooks: could not wake the sender"));
}
