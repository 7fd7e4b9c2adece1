/**
 * pg-boss wiring: one queue and one cron schedule per job in definitions.ts,
 * kept in the central database (schema `pgboss`, created and migrated by
 * pg-boss on start). Schedules live in the database, so they are
 * cluster-wide: with several app servers, pg-boss lets one of them turn each
 * cron tick into a job, and the queues use the "stately" policy (at most one
 * job waiting and one running), so nothing runs twice at once. Any server may
 * pick the job up. Failed jobs are retried (handlers are idempotent).
 */
import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import { getCentralDb, type CentralDb } from "@/server/db/central";
import { logger as rootLogger, type Logger } from "@/server/logger";
import { JOB_NAMES, JOBS, jobFailure, runJob, type JobName } from "./definitions";

export const JOBS_SCHEMA = "pgboss";

export type JobsConfig = {
  /** The central database (its URL is the one the central Prisma client uses). */
  connectionString: string;
  /** IANA time zone the cron expressions are read in. */
  timezone: string;
  crons: Record<JobName, string>;
  /** How often each worker asks for work (seconds). Daily jobs need no hurry. */
  pollingIntervalSeconds?: number;
  /** How often pg-boss checks the schedules (seconds, 1–45; pg-boss's default otherwise). */
  cronMonitorIntervalSeconds?: number;
  schema?: string;
  central?: () => CentralDb;
  log?: Logger;
};

export type JobsRunner = {
  boss: PgBoss;
  stop: (opts?: { graceful?: boolean; timeoutMs?: number }) => Promise<void>;
};

/** Starts pg-boss, (re)declares the queues and schedules, and starts one worker per queue. */
export async function startJobs(config: JobsConfig): Promise<JobsRunner> {
  const log = config.log ?? rootLogger;
  const central = config.central ?? getCentralDb;
  const boss = new PgBoss({
    connectionString: config.connectionString,
    schema: config.schema ?? JOBS_SCHEMA,
    application_name: "braidmgr-jobs",
    max: 3,
    ...(config.cronMonitorIntervalSeconds
      ? { cronMonitorIntervalSeconds: config.cronMonitorIntervalSeconds }
      : {}),
  });
  // Without a listener an 'error' event would throw and take the process down.
  boss.on("error", (err) => log.error({ err }, "jobs: pg-boss error"));

  try {
    await boss.start();
    for (const name of JOB_NAMES) {
      const def = JOBS[name];
      const queue = { name, policy: "stately" as const, ...def.queue };
      await boss.createQueue(name, queue);
      await boss.updateQueue(name, queue); // settings changed since the queue was created
      await boss.schedule(name, config.crons[name], {}, { tz: config.timezone });
      await boss.work(
        name,
        {
          pollingIntervalSeconds: config.pollingIntervalSeconds ?? def.pollingIntervalSeconds ?? 30,
          batchSize: 1,
        },
        async (jobs) => {
          let output: unknown;
          for (const job of jobs) {
            const jobLog = log.child({ job: name, jobId: job.id });
            const started = Date.now();
            // A job that runs every minute logs its routine start and end at debug level only.
            const routine = def.frequent ? jobLog.debug.bind(jobLog) : jobLog.info.bind(jobLog);
            routine("job started");
            try {
              const result = await runJob(name, {
                central: central(),
                now: new Date(),
                log: jobLog,
                correlationId: job.id ?? randomUUID(),
              });
              const failure = jobFailure(name, result);
              if (failure) throw new Error(failure);
              routine({ ms: Date.now() - started }, "job finished");
              output = result;
            } catch (err) {
              jobLog.error({ err, ms: Date.now() - started }, "job failed (pg-boss retries it)");
              throw err;
            }
          }
          return output;
        },
      );
    }
  } catch (err) {
    await boss.stop({ graceful: false, timeout: 1_000 }).catch(() => undefined);
    throw err;
  }

  return {
    boss,
    stop: async ({ graceful = true, timeoutMs = 10_000 } = {}) => {
      await boss.stop({ graceful, timeout: timeoutMs, wait: true });
    },
  };
}
