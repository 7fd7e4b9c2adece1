/**
 * `digest-daily` (SPEC §14), scheduled hourly: for each user whose local
 * digest hour has come (their time zone, default APP_TIME_ZONE) and who has
 * not had today's run, it
 *   1. adds a `due-tomorrow` notification for each item assigned to them
 *      that finishes tomorrow (in projects they can still see), and
 *   2. when the digest is on, mails one digest: unread notifications since
 *      the last digest and what is due tomorrow, grouped by project.
 * The day is claimed with one conditional update per user before anything
 * is sent, so two app instances (or the schedule and `run-job`) never mail
 * twice; a failed send hands the day back so a retry sends it.
 * `npm run admin -- run-job digest-daily` runs it now, whatever the hour.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/env";
import { addDays, isoToDate, todayIn } from "@/domain/dates";
import type { CentralDb } from "@/server/db/central";
import { getTenantDb, type TenantDb } from "@/server/db/tenant";
import type { Logger } from "@/server/logger";
import { appUrl, sendMail, type OutgoingMail } from "@/server/mail";
import { digestMail, type DigestGroup } from "@/server/mail-templates";
import type { OrgFailure } from "@/server/services/active-orgs";
import { projectAccessOf } from "@/server/services/access";
import { createNotifications, DEFAULT_PREFS } from "@/server/services/notifications";

export type DigestDailyResult = {
  users: number;
  processed: number;
  sent: number;
  dueTomorrow: number;
  failed: number;
  orgsFailed: OrgFailure[];
};

export type DigestDailyOptions = {
  central: CentralDb;
  now: Date;
  log: Logger;
  /** Ignore the digest hour (run-job): everyone who has not had today's run. */
  anyHour?: boolean;
  tenantDb?: (org: { id: string; databaseName: string; clusterKey: string }) => TenantDb;
  send?: (mail: OutgoingMail) => Promise<void>;
};

const hourFormatters = new Map<string, Intl.DateTimeFormat>();
export function hourIn(timeZone: string, now: Date): number {
  let f = hourFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", hourCycle: "h23" });
    hourFormatters.set(timeZone, f);
  }
  return Number(f.format(now)) % 24;
}

/** The signed part of the one-click opt-out link (HMAC of the user id with the app's secret). */
export function optOutSignature(userId: string): string {
  return createHmac("sha256", env().NEXTAUTH_SECRET).update(`digest-opt-out:${userId}`).digest("base64url");
}

export function verifyOptOut(userId: string, signature: string): boolean {
  const want = Buffer.from(optOutSignature(userId));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

const BATCH = 200;

type DigestUser = {
  id: string;
  email: string;
  name: string;
  memberships: {
    role: "owner" | "admin" | "member";
    org: { id: string; slug: string; databaseName: string; clusterKey: string };
  }[];
};

export async function runDigestDaily(opts: DigestDailyOptions): Promise<DigestDailyResult> {
  const { central, now, log } = opts;
  const tenantDb = opts.tenantDb ?? getTenantDb;
  const send = opts.send ?? sendMail;
  const result: DigestDailyResult = {
    users: 0,
    processed: 0,
    sent: 0,
    dueTomorrow: 0,
    failed: 0,
    orgsFailed: [],
  };
  const failedOrgs = new Map<string, OrgFailure>();
  let cursor: string | undefined;
  for (;;) {
    const users = await central.user.findMany({
      where: {
        deletedAt: null,
        deactivatedAt: null,
        memberships: { some: { deactivatedAt: null, org: { deletedAt: null, status: "active" } } },
      },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      select: {
        id: true,
        email: true,
        name: true,
        notificationPrefs: true,
        memberships: {
          where: { deactivatedAt: null, org: { deletedAt: null, status: "active" } },
          select: {
            role: true,
            org: { select: { id: true, slug: true, databaseName: true, clusterKey: true } },
          },
        },
      },
    });
    if (!users.length) break;
    cursor = users[users.length - 1]!.id;
    for (const user of users) {
      result.users++;
      const prefs = { ...DEFAULT_PREFS, ...user.notificationPrefs };
      if (!prefs.digest && !prefs.dueTomorrow) continue; // nothing to do for them, ever
      const zone = user.notificationPrefs?.timeZone ?? env().APP_TIME_ZONE;
      const localDate = todayIn(zone, now);
      if (!opts.anyHour && hourIn(zone, now) < prefs.digestHour) continue;
      const last = user.notificationPrefs?.lastDailyOn ?? null;
      if (last && last.toISOString().slice(0, 10) >= localDate) continue;
      // Claim today for this user: one conditional update, so only one run gets it.
      await central.notificationPrefs.upsert({
        where: { userId: user.id },
        create: { userId: user.id },
        update: {},
      });
      const claimed = await central.notificationPrefs.updateMany({
        where: {
          userId: user.id,
          OR: [{ lastDailyOn: null }, { lastDailyOn: { lt: isoToDate(localDate) } }],
        },
        data: { lastDailyOn: isoToDate(localDate), lastDigestAt: now },
      });
      if (claimed.count !== 1) continue;
      result.processed++;
      const since = user.notificationPrefs?.lastDigestAt ?? new Date(now.getTime() - 24 * 3600_000);
      try {
        const sent = await dailyForUser(user, { prefs, localDate, since });
        if (sent) result.sent++;
      } catch (err) {
        result.failed++;
        log.error({ err, userId: user.id }, "digest-daily: user failed; the day is handed back");
        await central.notificationPrefs.updateMany({
          where: { userId: user.id, lastDailyOn: isoToDate(localDate) },
          data: { lastDailyOn: last, lastDigestAt: user.notificationPrefs?.lastDigestAt ?? null },
        });
      }
    }
  }
  result.orgsFailed = [...failedOrgs.values()];
  log.info({ job: "digest-daily", ...result, orgsFailed: result.orgsFailed.length }, "digest-daily: done");
  return result;

  async function dailyForUser(
    user: DigestUser,
    d: { prefs: { dueTomorrow: boolean; digest: boolean }; localDate: string; since: Date },
  ): Promise<boolean> {
    const tomorrow = addDays(d.localDate, 1);
    const groups = new Map<string, DigestGroup>();
    const group = (orgSlug: string, orgId: string, projectId: string, projectName: string) => {
      const key = `${orgId}/${projectId}`;
      let g = groups.get(key);
      if (!g) {
        g = {
          heading: projectName,
          href: appUrl(`/o/${orgSlug}/p/${projectId}`),
          unread: [],
          dueTomorrow: [],
        };
        groups.set(key, g);
      }
      return g;
    };
    for (const m of user.memberships) {
      try {
        const db = tenantDb(m.org);
        const items = await db.item.findMany({
          where: {
            assignedToUserId: user.id,
            deletedAt: null,
            draft: false,
            percentComplete: { lt: 100 },
            finishDate: isoToDate(tomorrow),
            project: { deletedAt: null },
          },
          orderBy: [{ projectId: "asc" }, { itemNum: "asc" }],
          select: { itemNum: true, title: true, projectId: true, project: { select: { name: true } } },
        });
        const visible = new Map<string, boolean>();
        for (const it of items) {
          if (!visible.has(it.projectId))
            visible.set(it.projectId, !!(await projectAccessOf(db, it.projectId, user.id, m.role)));
          if (!visible.get(it.projectId)) continue;
          const g = group(m.org.slug, m.org.id, it.projectId, it.project.name);
          g.dueTomorrow.push({
            text: `#${it.itemNum} ${it.title}`,
            href: appUrl(`/o/${m.org.slug}/p/${it.projectId}?item=${it.itemNum}`),
          });
          if (d.prefs.dueTomorrow) {
            result.dueTomorrow += await createNotifications(
              {
                central,
                db,
                org: m.org,
                project: { id: it.projectId, name: it.project.name },
                actorUserId: null,
              },
              [
                {
                  userId: user.id,
                  kind: "due-tomorrow",
                  itemNum: it.itemNum,
                  title: `Due tomorrow: #${it.itemNum} ${it.title}`,
                  dedupeKey: `due-tomorrow:${user.id}:${it.projectId}:${it.itemNum}:${tomorrow}`,
                },
              ],
            );
          }
        }
      } catch (err) {
        log.error({ err, org: m.org.slug, userId: user.id }, "digest-daily: org failed");
        failedOrgs.set(m.org.slug, {
          slug: m.org.slug,
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
    if (!d.prefs.digest) return false;
    const unread = await central.notification.findMany({
      where: {
        userId: user.id,
        readAt: null,
        kind: { not: "due-tomorrow" },
        createdAt: { gt: d.since },
        org: { deletedAt: null, memberships: { some: { userId: user.id, deactivatedAt: null } } },
      },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: {
        title: true,
        projectId: true,
        projectName: true,
        itemNum: true,
        orgId: true,
        org: { select: { slug: true } },
      },
    });
    for (const n of unread) {
      if (!n.projectId) continue;
      group(n.org.slug, n.orgId, n.projectId, n.projectName ?? "Project").unread.push({
        text: n.title,
        href: appUrl(`/o/${n.org.slug}/p/${n.projectId}${n.itemNum ? `?item=${n.itemNum}` : ""}`),
      });
    }
    if (!groups.size) return false;
    await send(
      digestMail(user.email, {
        name: user.name,
        date: d.localDate,
        groups: [...groups.values()],
        prefsLink: appUrl("/profile#notifications"),
        optOutLink: appUrl(`/api/notifications/opt-out?u=${user.id}&s=${optOutSignature(user.id)}`),
      }),
    );
    return true;
  }
}
