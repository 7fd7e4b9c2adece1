/**
 * Scheduled jobs: the indicators-daily handler across orgs (composing with the
 * lazy daily refresh), the admin CLI's run-job, and the pg-boss wiring
 * (queues, cluster-wide schedules, a sent job reaching its handler, clean stop).
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCentralDb } from "@/server/db/central";
import { getTenantDb } from "@/server/db/tenant";
import { today } from "@/server/clock";
import { logger } from "@/server/logger";
import { addDays, dateToIso, isoToDate } from "@/domain/dates";
import { DAY_MS } from "@/domain/retention";
import { jobFailure, runJob } from "@/server/jobs/definitions";
import { runIndicatorsDaily } from "@/server/jobs/indicators-daily";
import { startJobs, type JobsRunner } from "@/server/jobs/boss";
import { jobsConfigFromEnv } from "@/server/jobs/runner";
import { commands, UsageError } from "../../scripts/lib/admin-commands";
import { makeUser, systemCaller } from "./helpers";

const sys = systemCaller();
const central = getCentralDb();
const ORGS = ["ja", "jb"] as const;
const projects: Record<string, string> = {};

const org = (slug: string) => central.organization.findUniqueOrThrow({ where: { slug } });
const tenant = async (slug: string) => getTenantDb(await org(slug));

beforeAll(async () => {
  const t = today();
  for (const slug of [...ORGS, "jgone"]) {
    await makeUser(`${slug}@x.test`, slug);
    await sys.org.create({ name: slug.toUpperCase(), slug, ownerEmail: `${slug}@x.test` });
    const p = await sys.project.create({ orgSlug: slug, name: `Project ${slug}` });
    projects[slug] = p.id;
    // Half done, due yesterday: "Trending Late!" as of yesterday, "Late Finish!!" today.
    await sys.item.create({
      orgSlug: slug,
      projectId: p.id,
      type: "Action Item",
      title: "Ship the thing",
      start: addDays(t, -10),
      finish: addDays(t, -1),
      duration: 5,
      percentComplete: 50,
    });
  }
  // A deleted org is left alone.
  await central.organization.update({ where: { slug: "jgone" }, data: { deletedAt: new Date() } });
});

/** Stored indicators as computed yesterday, and the project stamped yesterday: what midnight leaves behind. */
async function makeStale() {
  const yesterday = addDays(today(), -1);
  for (const slug of [...ORGS, "jgone"]) {
    const db = await tenant(slug);
    await db.item.updateMany({ where: { projectId: projects[slug] }, data: { indicator: "Trending Late!" } });
    await db.project.update({
      where: { id: projects[slug] },
      data: { indicatorsAsOf: isoToDate(yesterday) },
    });
  }
}

async function stored(slug: string) {
  const db = await tenant(slug);
  const p = await db.project.findUniqueOrThrow({ where: { id: projects[slug] } });
  const item = await db.item.findFirstOrThrow({ where: { projectId: projects[slug] } });
  return {
    asOf: p.indicatorsAsOf ? dateToIso(p.indicatorsAsOf) : null,
    indicator: item.indicator,
    version: item.version,
    updatedAt: item.updatedAt,
  };
}

describe("indicators-daily", () => {
  it("brings every active org's projects up to today, and is a no-op the second time", async () => {
    await makeStale();
    expect(await stored("ja")).toMatchObject({ indicator: "Trending Late!", asOf: addDays(today(), -1) });
    const before = await stored("jb");

    const ctx = { central, now: new Date(), log: logger, correlationId: "test-indicators" };
    const first = await runJob("indicators-daily", ctx);
    expect(first).toMatchObject({ today: today(), projects: 2, refreshed: 2, orgsFailed: [] });
    expect(first.orgs.map((o) => o.slug)).toEqual(["ja", "jb"]);
    for (const slug of ORGS)
      expect(await stored(slug)).toMatchObject({ indicator: "Late Finish!!", asOf: today() });
    // Derived data: the item's version (optimistic concurrency) does not move.
    expect((await stored("jb")).version).toBe(before.version);
    // The deleted org was not visited.
    expect(await stored("jgone")).toMatchObject({ indicator: "Trending Late!" });

    const second = await runJob("indicators-daily", ctx);
    expect(second).toMatchObject({ projects: 2, refreshed: 0, orgsFailed: [] });
    expect(jobFailure("indicators-daily", second)).toBeNull();
  });

  it("carries on past an org that fails and reports it", async () => {
    await makeStale();
    const r = await runIndicatorsDaily({
      central,
      today: today(),
      tenantDb: (o) => {
        if (o.slug === "ja") throw new Error("connection refused");
        return getTenantDb(o);
      },
    });
    expect(r.orgsFailed).toEqual([{ slug: "ja", error: "connection refused" }]);
    expect(r.refreshed).toBe(1);
    expect(await stored("jb")).toMatchObject({ indicator: "Late Finish!!", asOf: today() });
    expect(await stored("ja")).toMatchObject({ indicator: "Trending Late!" });
    expect(jobFailure("indicators-daily", r)).toMatch(/1 org\(s\) failed: ja \(connection refused\)/);
    // The lazy refresh and the next run fix it.
    expect((await runIndicatorsDaily({ central, today: today() })).refreshed).toBe(1);
  });
});

describe("npm run admin -- run-job", () => {
  it("explains itself and refuses unknown jobs", async () => {
    const ctx = { flags: {}, positional: [], generatedPassword: () => "x" };
    expect(await commands["run-job"]!.run({ ...ctx, flags: { help: true } })).toMatch(
      /indicators-daily[\s\S]*retention-daily[\s\S]*digest-daily/,
    );
    await expect(commands["run-job"]!.run({ ...ctx, positional: ["nightly"] })).rejects.toThrow(UsageError);
  });

  it("runs a job's handler and returns its summary (printed as JSON by scripts/admin.ts)", async () => {
    // In-process: tests/integration/admin-cli.int.test.ts covers the CLI process itself (flags, JSON, exit codes).
    const ctx = { flags: {}, positional: ["indicators-daily"], generatedPassword: () => "x" };
    expect(await commands["run-job"]!.run(ctx)).toMatchObject({
      today: today(),
      projects: 2,
      refreshed: 0,
      orgsFailed: [],
    });
  });
});

describe("pg-boss wiring", () => {
  let runner: JobsRunner | null = null;
  const lines: { level: number; msg: string }[] = [];
  const log = pino(
    { level: "info" },
    { write: (s: string) => void lines.push(JSON.parse(s) as { level: number; msg: string }) },
  );

  afterAll(async () => {
    await runner?.stop({ graceful: false });
  });

  it(
    "registers the schedules, runs sent jobs through their handlers, and stops cleanly",
    { timeout: 60_000 },
    async () => {
      const config = jobsConfigFromEnv();
      expect(config).toMatchObject({
        timezone: "UTC",
        crons: {
          "indicators-daily": "5 0 * * *",
          "retention-daily": "30 3 * * *",
          "digest-daily": "0 * * * *",
        },
      });
      runner = await startJobs({ ...config, pollingIntervalSeconds: 0.5, log });
      const { boss } = runner;

      const schedules = await boss.getSchedules();
      expect(
        schedules
          .map((s) => ({ name: s.name, cron: s.cron, tz: (s as { timezone?: string }).timezone }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      ).toEqual([
        { name: "digest-daily", cron: "0 * * * *", tz: "UTC" },
        { name: "indicators-daily", cron: "5 0 * * *", tz: "UTC" },
        { name: "retention-daily", cron: "30 3 * * *", tz: "UTC" },
        { name: "webhooks-deliver", cron: "* * * * *", tz: "UTC" },
      ]);
      expect(await boss.getQueue("retention-daily")).toMatchObject({ policy: "stately" });

      await central.loginAttempt.create({
        data: { email: "q@x.test", ip: null, success: false, createdAt: new Date(Date.now() - 120 * DAY_MS) },
      });
      const retentionId = await boss.send("retention-daily", {});
      const indicatorsId = await boss.send("indicators-daily", {});
      expect(retentionId).toBeTruthy();
      expect(indicatorsId).toBeTruthy();

      const finished = async (name: string, id: string) => {
        for (let i = 0; i < 80; i++) {
          const job = await boss.getJobById<object>(name, id);
          if (job && ["completed", "failed"].includes(job.state)) return job;
          await new Promise((r) => setTimeout(r, 250));
        }
        throw new Error(`${name} job did not finish`);
      };
      const retention = await finished("retention-daily", retentionId!);
      expect(retention.state).toBe("completed");
      expect(retention.output).toMatchObject({ deleted: { loginAttempts: 1 } });
      expect(await central.loginAttempt.count({ where: { email: "q@x.test" } })).toBe(0);
      // The audit entry carries the job id as its correlation id.
      expect(
        await central.centralAuditLog.count({
          where: { entityType: "retention", correlationId: retentionId! },
        }),
      ).toBe(1);

      const indicators = await finished("indicators-daily", indicatorsId!);
      expect(indicators.state).toBe("completed");
      expect(indicators.output).toMatchObject({ projects: 2, orgsFailed: [] });

      const digestId = await boss.send("digest-daily", {});
      const digest = await finished("digest-daily", digestId!);
      expect(digest.state).toBe("completed");
      expect(digest.output).toMatchObject({ failed: 0, orgsFailed: [] });

      await runner.stop();
      runner = null;
      expect(lines.filter((l) => l.level >= 50)).toEqual([]);
      expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["job started", "job finished"]));
    },
  );
});
