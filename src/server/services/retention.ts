/**
 * Retention: deletes housekeeping records that are past their retention
 * period (periods and rules in src/domain/retention.ts). Deletes run in
 * bounded batches (each batch its own short statement, so locks stay short
 * and a backlog is worked off over a few runs), and one central audit entry,
 * by the system, sums up what a run deleted. Audit logs are never touched.
 */
import { randomUUID } from "node:crypto";
import { CentralPrisma, type CentralDb } from "@/server/db/central";
import type { TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import {
  RETENTION_DAYS,
  RETENTION_KINDS,
  retentionCutoffs,
  type RetentionCutoffs,
  type RetentionKind,
  type RetentionPolicy,
} from "@/domain/retention";
import { logger } from "@/server/logger";
import { writeCentralAudit } from "./audit";
import { forEachOrg, listActiveOrgs, type ActiveOrg, type OrgFailure } from "./active-orgs";

export type RetentionCounts = Record<RetentionKind, number>;

export type RetentionResult = {
  cutoffs: RetentionCutoffs;
  deleted: RetentionCounts;
  total: number;
  /** Kinds that hit the per-run batch limit: more is left for the next run. */
  capped: RetentionKind[];
  /** Org databases visited for token usage (0 when `tenantDb` is not given). */
  orgs: number;
  orgsFailed: OrgFailure[];
};

export type RetentionOptions = {
  policy?: RetentionPolicy;
  /** Rows per DELETE statement. */
  batchSize?: number;
  /** Statements per kind per run (per org for tenant kinds). */
  maxBatches?: number;
  /** When given, each active org's database is pruned too (assistant token usage). */
  tenantDb?: (org: ActiveOrg) => TenantDb;
  actor?: AuditActor;
};

const DEFAULT_BATCH = 1_000;
const DEFAULT_MAX_BATCHES = 500;

async function inBatches(
  deleteBatch: (limit: number) => Promise<number>,
  batchSize: number,
  maxBatches: number,
): Promise<{ deleted: number; capped: boolean }> {
  let deleted = 0;
  for (let i = 0; i < maxBatches; i++) {
    const n = await deleteBatch(batchSize);
    deleted += n;
    if (n < batchSize) return { deleted, capped: false };
  }
  return { deleted, capped: true };
}

const ts = (d: Date) => d.toISOString();

/**
 * A batch delete of the central rows of `table` whose timestamp `column` is before `before`.
 * Table and column are this file's constants, never input.
 */
const olderThan = (central: CentralDb, table: string, column: string, before: Date) => (limit: number) =>
  central.$executeRaw`
      DELETE FROM ${CentralPrisma.raw(table)} WHERE id IN (
        SELECT id FROM ${CentralPrisma.raw(table)} WHERE ${CentralPrisma.raw(column)} < ${ts(before)}::timestamptz LIMIT ${limit}::int)`;

/**
 * Central records: login attempts, e-mailed auth tokens, invitations, rate-limit counters, ended
 * device sessions, SSO link intents, notifications. Mirrors the predicates in src/domain/retention.ts.
 */
function centralDeletes(central: CentralDb, c: RetentionCutoffs) {
  return {
    loginAttempts: olderThan(central, "login_attempts", "created_at", c.loginAttemptsBefore),
    authTokens: (limit: number) => central.$executeRaw`
      DELETE FROM auth_tokens WHERE id IN (
        SELECT id FROM auth_tokens
        WHERE (used_at < ${ts(c.authTokens.endedBefore)}::timestamptz OR expires_at < ${ts(c.authTokens.endedBefore)}::timestamptz)
          AND created_at < ${ts(c.authTokens.createdBefore)}::timestamptz
        LIMIT ${limit}::int)`,
    invitations: (limit: number) => central.$executeRaw`
      DELETE FROM invitations WHERE id IN (
        SELECT id FROM invitations
        WHERE accepted_at IS NULL
          AND (expires_at < ${ts(c.invitationsEndedBefore)}::timestamptz OR revoked_at < ${ts(c.invitationsEndedBefore)}::timestamptz)
        LIMIT ${limit}::int)`,
    acceptedInvitations: olderThan(central, "invitations", "accepted_at", c.acceptedInvitationsBefore),
    rateLimitCounters: (limit: number) => central.$executeRaw`
      DELETE FROM rate_limit_counters WHERE bucket IN (
        SELECT bucket FROM rate_limit_counters WHERE window_start < ${ts(c.rateLimitWindowsBefore)}::timestamptz LIMIT ${limit}::int)
        AND window_start < ${ts(c.rateLimitWindowsBefore)}::timestamptz`,
    deviceSessions: olderThan(central, "user_sessions", "ended_at", c.deviceSessionsEndedBefore),
    ssoLinkIntents: (limit: number) => central.$executeRaw`
      DELETE FROM sso_link_intents WHERE id IN (
        SELECT id FROM sso_link_intents
        WHERE used_at < ${ts(c.ssoLinkIntentsEndedBefore)}::timestamptz OR expires_at < ${ts(c.ssoLinkIntentsEndedBefore)}::timestamptz
        LIMIT ${limit}::int)`,
    notifications: olderThan(central, "notifications", "created_at", c.notificationsBefore),
  } satisfies Partial<Record<RetentionKind, (limit: number) => Promise<number>>>;
}

/** One org database: assistant usage rows for days before the cutoff, old webhook deliveries. */
function tenantDeletes(db: TenantDb, c: RetentionCutoffs) {
  return {
    tokenUsage: (limit: number) => db.$executeRaw`
      DELETE FROM token_usage WHERE id IN (
        SELECT id FROM token_usage WHERE day < ${c.tokenUsageBefore}::date LIMIT ${limit}::int)`,
    webhookDeliveries: (limit: number) => db.$executeRaw`
      DELETE FROM webhook_deliveries WHERE id IN (
        SELECT id FROM webhook_deliveries
        WHERE status <> 'pending' AND created_at < ${ts(c.webhookDeliveriesBefore)}::timestamptz
        LIMIT ${limit}::int)`,
  } satisfies Partial<Record<RetentionKind, (limit: number) => Promise<number>>>;
}

export async function pruneExpiredRecords(
  central: CentralDb,
  now: Date,
  opts: RetentionOptions = {},
): Promise<RetentionResult> {
  const cutoffs = retentionCutoffs(now, opts.policy ?? RETENTION_DAYS);
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  const maxBatches = opts.maxBatches ?? DEFAULT_MAX_BATCHES;
  const deleted = Object.fromEntries(RETENTION_KINDS.map((k) => [k, 0])) as RetentionCounts;
  const capped = new Set<RetentionKind>();

  for (const [kind, run] of Object.entries(centralDeletes(central, cutoffs)) as [
    RetentionKind,
    (n: number) => Promise<number>,
  ][]) {
    const r = await inBatches(run, batchSize, maxBatches);
    deleted[kind] += r.deleted;
    if (r.capped) capped.add(kind);
  }

  let orgs = 0;
  let orgsFailed: OrgFailure[] = [];
  if (opts.tenantDb) {
    const tenantDb = opts.tenantDb;
    const list = await listActiveOrgs(central);
    orgs = list.length;
    const r = await forEachOrg(
      list,
      async (org) => {
        const out: [RetentionKind, { deleted: number; capped: boolean }][] = [];
        for (const [kind, run] of Object.entries(tenantDeletes(tenantDb(org), cutoffs)))
          out.push([kind as RetentionKind, await inBatches(run, batchSize, maxBatches)]);
        return out;
      },
      (org, err) => logger.error({ err, org: org.slug }, "retention: pruning the org database failed"),
    );
    for (const { result } of r.done) {
      for (const [kind, one] of result) {
        deleted[kind] += one.deleted;
        if (one.capped) capped.add(kind);
      }
    }
    orgsFailed = r.failed;
  }

  const total = Object.values(deleted).reduce((a, b) => a + b, 0);
  if (total > 0) {
    const actor = opts.actor ?? { userId: null, name: "system", correlationId: randomUUID() };
    await writeCentralAudit(central, actor, {
      action: "DELETE",
      entityType: "retention",
      entityId: null,
      after: {
        deleted,
        total,
        cutoffs,
        ...(opts.tenantDb ? { orgs, orgsFailed: orgsFailed.map((f) => f.slug) } : {}),
      },
    });
  }
  return { cutoffs, deleted, total, capped: [...capped], orgs, orgsFailed };
}
