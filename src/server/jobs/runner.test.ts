import { afterEach, describe, expect, it } from "vitest";
import { env, EnvError, resetEnvCache } from "@/env";
import { jobsConfigFromEnv, jobsDisabledReason } from "./runner";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

const good = {
  DATABASE_URL: "postgresql://u:p@localhost:5432/braidmgr_central",
  NEXTAUTH_SECRET: "s".repeat(40),
};

function withEnv(vars: Record<string, string | undefined>) {
  process.env = { ...vars } as NodeJS.ProcessEnv;
  resetEnvCache();
}

describe("job settings", () => {
  it("runs the jobs by default, after midnight and at night, in the app's time zone", () => {
    withEnv({ ...good, APP_TIME_ZONE: "Europe/Paris" });
    expect(env()).toMatchObject({
      JOBS_ENABLED: true,
      JOBS_INDICATORS_CRON: "5 0 * * *",
      JOBS_RETENTION_CRON: "30 3 * * *",
    });
    expect(jobsConfigFromEnv()).toEqual({
      connectionString: good.DATABASE_URL,
      timezone: "Europe/Paris",
      crons: {
        "indicators-daily": "5 0 * * *",
        "retention-daily": "30 3 * * *",
        "digest-daily": "0 * * * *",
        "webhooks-deliver": "* * * * *",
      },
    });
    expect(jobsDisabledReason({ ...process.env })).toBeNull();
  });

  it("takes a time zone and schedules of its own", () => {
    withEnv({
      ...good,
      JOBS_TIMEZONE: "America/New_York",
      JOBS_INDICATORS_CRON: " 15 1 * * MON-FRI ",
      JOBS_RETENTION_CRON: "*/30 2,4 1-7 * 0",
    });
    expect(jobsConfigFromEnv()).toMatchObject({
      timezone: "America/New_York",
      crons: { "indicators-daily": "15 1 * * MON-FRI", "retention-daily": "*/30 2,4 1-7 * 0" },
    });
  });

  it.each([
    [{ JOBS_ENABLED: "maybe" }, "JOBS_ENABLED"],
    [{ JOBS_TIMEZONE: "Mars/Olympus" }, "JOBS_TIMEZONE"],
    [{ JOBS_INDICATORS_CRON: "every day" }, "JOBS_INDICATORS_CRON"],
    [{ JOBS_RETENTION_CRON: "0 3 * *" }, "JOBS_RETENTION_CRON"],
  ])("refuses %o naming %s", (vars, name) => {
    withEnv({ ...good, ...vars });
    expect(() => env()).toThrow(EnvError);
    expect(() => env()).toThrow(new RegExp(`${name}:`));
  });

  it.each([
    [{ VITEST: "true" }, /vitest/],
    [{ NEXT_PHASE: "phase-production-build" }, /building/],
    [{ JOBS_ENABLED: "false" }, /JOBS_ENABLED=false/],
  ])("does not start with %o", (vars, reason) => {
    withEnv({ ...good, ...vars });
    expect(jobsDisabledReason({ ...process.env })).toMatch(reason);
  });
});
