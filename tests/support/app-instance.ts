/**
 * One app instance in its own process, for tests of several instances on one
 * database: the real tRPC router and next-auth handler over HTTP
 * (tests/integration/auth-http-server.ts) and, with INSTANCE_JOBS=1, the
 * scheduled jobs (pg-boss, as src/server/jobs/runner.ts starts them, polling
 * faster). Configured entirely by the environment (DATABASE_URL, NEXTAUTH_SECRET, …).
 *
 *   node --import tsx tests/support/app-instance.ts
 *
 * Prints {"ready":"http://127.0.0.1:<port>","pid":…} once serving; SIGTERM, or the end of
 * stdin (the parent is gone), stops it cleanly.
 */
import { resetEnvCache } from "../../src/env";
import { disconnectCentralDb } from "../../src/server/db/central";
import { disconnectAllTenantDbs } from "../../src/server/db/tenant";
import { startJobs, type JobsRunner } from "../../src/server/jobs/boss";
import { jobsConfigFromEnv } from "../../src/server/jobs/runner";
import { logger } from "../../src/server/logger";
import { startAuthHttpServer } from "../integration/auth-http-server";

const server = await startAuthHttpServer();
process.env.NEXTAUTH_URL = server.url;
resetEnvCache();

let jobs: JobsRunner | null = null;
if (process.env.INSTANCE_JOBS === "1") {
  // Like src/server/jobs/runner.ts: a failed start (e.g. the database busy) is retried.
  for (let attempt = 1; !jobs; attempt++) {
    try {
      jobs = await startJobs({
        ...jobsConfigFromEnv(),
        pollingIntervalSeconds: 1,
        cronMonitorIntervalSeconds: 1,
      });
    } catch (err) {
      logger.error({ err, attempt }, "jobs: could not start; retrying");
      if (attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void (async () => {
    await jobs?.stop({ graceful: true, timeoutMs: 5_000 }).catch(() => undefined);
    await Promise.race([server.close(), new Promise((r) => setTimeout(r, 1_000))]); // keep-alive sockets may linger
    await disconnectAllTenantDbs();
    await disconnectCentralDb();
    logger.flush(() => process.exit(0));
  })();
};
process.once("SIGTERM", stop);
// The test runner holds our stdin: when it goes away (even killed), so do we.
process.stdin.on("end", stop);
process.stdin.resume();

process.stdout.write(`${JSON.stringify({ ready: server.url, pid: process.pid, jobs: jobs !== null })}\n`);
