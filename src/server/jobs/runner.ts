/**
 * The job runner of one server process, started from src/instrumentation.ts.
 * Never throws and never holds up the server: when the database is not
 * reachable at start it logs and tries again a little later. Stopped on
 * SIGTERM / SIGINT: workers stop taking jobs at once and a job still running
 * gets a few seconds before it is handed back (pg-boss retries it, on another
 * server when this one is gone). Skipped under vitest and when
 * JOBS_ENABLED=false.
 */
import { env } from "@/env";
import { logger } from "@/server/logger";
import { JOB_NAMES, JOBS, type JobName } from "./definitions";
import { startJobs, type JobsConfig, type JobsRunner } from "./boss";

type State = { runner: JobsRunner | null; retry: NodeJS.Timeout | null; stopping: boolean };

const g = globalThis as unknown as { __braidJobs?: State };

const RETRY_MS = [5_000, 30_000, 60_000, 300_000];

/** Why jobs do not run in this process, or null when they should. */
export function jobsDisabledReason(vars: NodeJS.ProcessEnv = process.env): string | null {
  if (vars.VITEST) return "running under vitest";
  if (vars.NEXT_PHASE === "phase-production-build") return "building";
  if (!env().JOBS_ENABLED) return "JOBS_ENABLED=false";
  return null;
}

export function jobsConfigFromEnv(): JobsConfig {
  const e = env();
  const crons: Record<JobName, string> = {
    "indicators-daily": e.JOBS_INDICATORS_CRON,
    "retention-daily": e.JOBS_RETENTION_CRON,
    "digest-daily": e.JOBS_DIGEST_CRON,
    "webhooks-deliver": e.JOBS_WEBHOOKS_CRON,
  };
  return { connectionString: e.DATABASE_URL, timezone: e.JOBS_TIMEZONE ?? e.APP_TIME_ZONE, crons };
}

/** Starts the jobs once per process (later calls do nothing). */
export function startServerJobs(): void {
  if (g.__braidJobs) return;
  let reason: string | null;
  try {
    reason = jobsDisabledReason();
  } catch (err) {
    logger.error({ err }, "jobs: not started");
    return;
  }
  if (reason) {
    logger.info({ reason }, "jobs: not started");
    return;
  }
  const state: State = (g.__braidJobs = { runner: null, retry: null, stopping: false });
  const config = jobsConfigFromEnv();

  const attempt = async (n: number) => {
    state.retry = null;
    try {
      const runner = await startJobs(config);
      if (state.stopping) {
        await runner.stop({ graceful: false });
        return;
      }
      state.runner = runner;
      logger.info(
        {
          timezone: config.timezone,
          schedules: Object.fromEntries(JOB_NAMES.map((name) => [name, config.crons[name]])),
        },
        "jobs: started (%s)",
        JOB_NAMES.map((name) => `${name}: ${JOBS[name].description}`).join("; "),
      );
    } catch (err) {
      const delay = RETRY_MS[Math.min(n, RETRY_MS.length - 1)]!;
      logger.error({ err, retryInMs: delay }, "jobs: could not start; retrying");
      if (!state.stopping) {
        state.retry = setTimeout(() => void attempt(n + 1), delay);
        state.retry.unref();
      }
    }
  };

  const onSignal = (signal: NodeJS.Signals) => {
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
    // Next's own handler exits the process once the HTTP server has closed. When nobody else
    // handles the signal (NEXT_MANUAL_SIG_HANDLE), raise it again after stopping so the process still ends.
    const othersHandle = process.listenerCount(signal) > 0;
    logger.info({ signal }, "jobs: stopping");
    void stopServerJobs().finally(() => {
      if (!othersHandle) process.kill(process.pid, signal);
    });
  };
  // Ahead of Next's handler, so the workers stop taking jobs first.
  process.prependListener("SIGTERM", onSignal);
  process.prependListener("SIGINT", onSignal);

  void attempt(0);
}

/** Stops taking jobs and closes pg-boss's connections. */
export async function stopServerJobs(): Promise<void> {
  const state = g.__braidJobs;
  if (!state || state.stopping) return;
  state.stopping = true;
  if (state.retry) clearTimeout(state.retry);
  const runner = state.runner;
  state.runner = null;
  try {
    // Workers stop fetching at once; a running job gets a few seconds to finish, then is marked failed (and retried).
    // Should the process exit first, pg-boss expires the job and retries it later: the handlers are idempotent.
    await runner?.stop({ graceful: true, timeoutMs: 8_000 });
    if (runner) logger.info("jobs: stopped");
  } catch (err) {
    logger.error({ err }, "jobs: stop failed");
  }
}
