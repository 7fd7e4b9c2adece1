/**
 * The scheduled jobs: name, default schedule, queue settings and handler.
 * Handlers are plain functions (the admin CLI's `run-job` and the tests call
 * them directly); src/server/jobs/boss.ts only wires them to pg-boss.
 */
import { env } from "@/env";
import { todayIn } from "@/domain/dates";
import type { CentralDb } from "@/server/db/central";
import { getTenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import type { Logger } from "@/server/logger";
import { pruneExpiredRecords, type RetentionResult } from "@/server/services/retention";
import type { OrgFailure } from "@/server/services/active-orgs";
import { runIndicatorsDaily, type IndicatorsDailyResult } from "./indicators-daily";
import { runDigestDaily, type DigestDailyResult } from "./digest-daily";

import { runWebhooksDeliver, type WebhooksDeliverResult } from "./webhooks-deliver";

export const JOB_NAMES = ["indicators-daily", "retention-daily", "digest-daily", "webhooks-deliver"] as const;
export type JobName = (typeof JOB_NAMES)[number];

export function isJobName(value: string): value is JobName {
  return (JOB_NAMES as readonly string[]).includes(value);
}

export type JobContext = {
  central: CentralDb;
  now: Date;
  log: Logger;
  /** Ties the job's audit entries and log lines together (the pg-boss job id when queued). */
  correlationId: string;
  /** Run by hand (admin CLI `run-job`): work that waits for someone's local hour runs now. */
  manual?: boolean;
};

export type JobResults = {
  "indicators-daily": IndicatorsDailyResult;
  "retention-daily": RetentionResult;
  "digest-daily": DigestDailyResult;
  "webhooks-deliver": WebhooksDeliverResult;
};

/** Queue settings (pg-boss). Jobs are idempotent, so a retry after a crash or failure is safe. */
export type QueueSettings = {
  expireInSeconds: number;
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
};

export type JobDefinition<N extends JobName> = {
  name: N;
  description: string;
  /** Cron (minute hour day month weekday) in the jobs' time zone; env overrides it. */
  defaultCron: string;
  queue: QueueSettings;
  /** How often a worker asks for work (seconds); the runner's default otherwise. */
  pollingIntervalSeconds?: number;
  /** Runs every minute or more often: routine start/finish lines are logged at debug level. */
  frequent?: boolean;
  run: (ctx: JobContext) => Promise<JobResults[N]>;
};

const systemActor = (correlationId: string): AuditActor => ({ userId: null, name: "system", correlationId });

export const JOBS: { [N in JobName]: JobDefinition<N> } = {
  "indicators-daily": {
    name: "indicators-daily",
    description: "brings every project's stored indicators up to the new day (after midnight)",
    defaultCron: "5 0 * * *",
    queue: { expireInSeconds: 2 * 60 * 60, retryLimit: 2, retryDelay: 5 * 60, retryBackoff: true },
    // "Today" as the app sees it (APP_TIME_ZONE) at the moment the job runs.
    run: ({ central, now, log }) =>
      runIndicatorsDaily({ central, today: todayIn(env().APP_TIME_ZONE, now), log }),
  },
  "retention-daily": {
    name: "retention-daily",
    description:
      "deletes login attempts, e-mailed tokens, invitations, rate-limit counters, ended device sessions, SSO link intents, notifications and assistant usage past their retention",
    defaultCron: "30 3 * * *",
    queue: { expireInSeconds: 60 * 60, retryLimit: 2, retryDelay: 5 * 60, retryBackoff: true },
    run: async ({ central, now, log, correlationId }) => {
      const r = await pruneExpiredRecords(central, now, {
        tenantDb: getTenantDb,
        actor: systemActor(correlationId),
      });
      log.info(
        {
          job: "retention-daily",
          deleted: r.deleted,
          total: r.total,
          capped: r.capped,
          orgs: r.orgs,
          orgsFailed: r.orgsFailed.length,
        },
        "retention-daily: done",
      );
      return r;
    },
  },
  "digest-daily": {
    name: "digest-daily",
    description:
      "hourly: due-tomorrow notifications and the daily e-mail digest for users whose local digest hour has come (once a day each)",
    defaultCron: "0 * * * *",
    queue: { expireInSeconds: 50 * 60, retryLimit: 2, retryDelay: 2 * 60, retryBackoff: true },
    run: ({ central, now, log, manual }) => runDigestDaily({ central, now, log, anyHour: manual === true }),
  },
  "webhooks-deliver": {
    name: "webhooks-deliver",
    description: "sends due webhook deliveries and their retries (also woken after each change)",
    defaultCron: "* * * * *",
    // A sweep that failed is simply the next sweep's work: no pg-boss retries.
    queue: { expireInSeconds: 15 * 60, retryLimit: 0, retryDelay: 0, retryBackoff: false },
    pollingIntervalSeconds: 2,
    frequent: true,
    run: ({ central, log }) => runWebhooksDeliver({ central, log }),
  },
};

export function runJob<N extends JobName>(name: N, ctx: JobContext): Promise<JobResults[N]> {
  return JOBS[name].run(ctx);
}

/** A message when some orgs failed (the job then counts as failed and is retried), else null. */
export function jobFailure(name: JobName, result: { orgsFailed: OrgFailure[] }): string | null {
  if (!result.orgsFailed.length) return null;
  const list = result.orgsFailed.map((f) => `${f.slug} (${f.error})`).join(", ");
  return `${name}: ${result.orgsFailed.length} org(s) failed: ${list}`.slice(0, 2000);
}
