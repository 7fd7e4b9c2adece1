/**
 * `indicators-daily`: shortly after midnight, bring every project's stored
 * indicators up to the new day. It goes through `ensureIndicatorsFresh`, the
 * same conditional update the lazy first-request-of-the-day refresh uses, so
 * whichever comes first (this job, a request, another app instance) does the
 * work once and the rest are no-ops. Orgs run one after another, a few
 * projects of an org at a time; one org failing does not stop the others.
 */
import type { CentralDb } from "@/server/db/central";
import { getTenantDb, type TenantDb } from "@/server/db/tenant";
import { env } from "@/env";
import { today as appToday } from "@/server/clock";
import { logger as rootLogger, type Logger } from "@/server/logger";
import { ensureIndicatorsFresh } from "@/server/services/indicators";
import { notifyTurnedCritical } from "@/server/services/notification-triggers";
import {
  forEachOrg,
  listActiveOrgs,
  mapSettled,
  type ActiveOrg,
  type OrgFailure,
} from "@/server/services/active-orgs";
import type { IsoDate } from "@/domain/types";

export type IndicatorsDailyOrg = { slug: string; projects: number; refreshed: number; failed: number };

export type IndicatorsDailyResult = {
  today: IsoDate;
  orgs: IndicatorsDailyOrg[];
  orgsFailed: OrgFailure[];
  projects: number;
  refreshed: number;
};

export type IndicatorsDailyOptions = {
  central: CentralDb;
  /** The calendar day to bring indicators up to (default: today in APP_TIME_ZONE). */
  today?: IsoDate;
  /** Projects of one org refreshed at once (default: min(4, TENANT_POOL_SIZE)). */
  concurrency?: number;
  tenantDb?: (org: ActiveOrg) => TenantDb;
  log?: Logger;
};

export async function runIndicatorsDaily(opts: IndicatorsDailyOptions): Promise<IndicatorsDailyResult> {
  const day = opts.today ?? appToday();
  const log = opts.log ?? rootLogger;
  const concurrency = opts.concurrency ?? Math.min(4, env().TENANT_POOL_SIZE);
  const tenantDb = opts.tenantDb ?? getTenantDb;
  const orgs = await listActiveOrgs(opts.central);

  const summaries: IndicatorsDailyOrg[] = [];
  const { failed } = await forEachOrg(
    orgs,
    async (org) => {
      const db = tenantDb(org);
      const projects = await db.project.findMany({
        where: { deletedAt: null },
        select: { id: true, name: true, indicatorsAsOf: true },
      });
      const notifications: Promise<void>[] = [];
      const results = await mapSettled(projects, concurrency, (p) => ensureIndicatorsFresh(db, p, day));
      const summary: IndicatorsDailyOrg = {
        slug: org.slug,
        projects: projects.length,
        refreshed: 0,
        failed: 0,
      };
      results.forEach((r, i) => {
        if (r.status === "fulfilled") {
          if (r.value) summary.refreshed++;
          if (r.value && r.value.turnedCritical.length) {
            notifications.push(
              notifyTurnedCritical(
                { central: opts.central, db, org, project: projects[i]!, actorUserId: null },
                r.value.turnedCritical,
              ),
            );
          }
        } else {
          summary.failed++;
          log.error(
            { err: r.reason, org: org.slug, projectId: projects[i]!.id },
            "indicators-daily: project refresh failed",
          );
        }
      });
      await Promise.all(notifications);
      summaries.push(summary);
      log.debug({ job: "indicators-daily", ...summary }, "indicators-daily: org done");
      if (summary.failed) throw new Error(`${summary.failed} of ${summary.projects} projects failed`);
    },
    (org, err) => log.error({ err, org: org.slug }, "indicators-daily: org failed"),
  );

  const result: IndicatorsDailyResult = {
    today: day,
    orgs: summaries,
    orgsFailed: failed,
    projects: summaries.reduce((n, o) => n + o.projects, 0),
    refreshed: summaries.reduce((n, o) => n + o.refreshed, 0),
  };
  log.info(
    {
      job: "indicators-daily",
      today: day,
      orgs: orgs.length,
      orgsFailed: failed.length,
      projects: result.projects,
      refreshed: result.refreshed,
    },
    "indicators-daily: done",
  );
  return result;
}
