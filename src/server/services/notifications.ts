/**
 * In-app notifications (SPEC §14): stored per user in the central database,
 * across every org the user belongs to. Written only after the change that
 * caused them has committed, and only for people who may still see the
 * project (active account, active membership, a role on the project) and
 * who have that kind turned on. The actor is never notified of their own act.
 */
import { env } from "@/env";
import type { AuditActor } from "@/server/context-types";
import type { CentralDb } from "@/server/db/central";
import type { TenantDb } from "@/server/db/tenant";
import { logger } from "@/server/logger";
import {
  NOTIFICATION_LIST_LIMIT,
  type NotificationKind,
  type TMarkRead,
  type TNotificationPrefs,
} from "@/contracts/notification";
import { projectAccessOf } from "./access";
import { writeCentralAudit } from "./audit";

export type NotificationDraft = {
  userId: string;
  kind: NotificationKind;
  itemNum: number | null;
  title: string;
  /** Notifications with the same key exist once (e.g. due-tomorrow per item and day). */
  dedupeKey?: string;
};

export type NotificationSource = {
  central: CentralDb;
  db: TenantDb;
  org: { id: string; slug: string };
  project: { id: string; name: string };
  /** Who caused it (never notified); null for the system (jobs). */
  actorUserId: string | null;
};

type PrefFlag = "assigned" | "mentioned" | "critical" | "dueTomorrow";
const PREF_OF: Record<NotificationKind, PrefFlag> = {
  assigned: "assigned",
  mentioned: "mentioned",
  critical: "critical",
  "due-tomorrow": "dueTomorrow",
};

export const DEFAULT_PREFS = {
  assigned: true,
  mentioned: true,
  critical: true,
  dueTomorrow: true,
  digest: true,
  digestHour: 8,
} as const;

/**
 * Stores the drafts that pass the checks; returns how many were written.
 * Runs after the write committed, outside its transaction.
 */
export async function createNotifications(src: NotificationSource, drafts: NotificationDraft[]) {
  const wanted = drafts.filter((d) => d.userId !== src.actorUserId);
  if (!wanted.length) return 0;
  const userIds = [...new Set(wanted.map((d) => d.userId))];
  const users = await src.central.user.findMany({
    where: { id: { in: userIds }, deletedAt: null, deactivatedAt: null },
    select: {
      id: true,
      notificationPrefs: true,
      memberships: { where: { orgId: src.org.id, deactivatedAt: null }, select: { role: true } },
    },
  });
  const allowed = new Set<string>();
  const prefsOf = new Map<string, Record<PrefFlag, boolean>>();
  for (const u of users) {
    const role = u.memberships[0]?.role;
    if (!role) continue; // not (or no longer) a member of this org
    if (!(await projectAccessOf(src.db, src.project.id, u.id, role))) continue;
    allowed.add(u.id);
    prefsOf.set(u.id, u.notificationPrefs ?? DEFAULT_PREFS);
  }
  const rows = wanted
    .filter((d) => allowed.has(d.userId) && prefsOf.get(d.userId)![PREF_OF[d.kind]])
    .map((d) => ({
      userId: d.userId,
      orgId: src.org.id,
      projectId: src.project.id,
      projectName: src.project.name.slice(0, 200),
      itemNum: d.itemNum,
      kind: d.kind,
      title: d.title.slice(0, 700),
      dedupeKey: d.dedupeKey ?? null,
    }));
  if (!rows.length) return 0;
  const { count } = await src.central.notification.createMany({ data: rows, skipDuplicates: true });
  return count;
}

/** `createNotifications` that never fails its caller: the change it reports has already happened. */
export async function notifySafely(src: NotificationSource, drafts: NotificationDraft[]): Promise<void> {
  if (!drafts.length) return;
  try {
    await createNotifications(src, drafts);
  } catch (err) {
    logger.error(
      { err, org: src.org.slug, projectId: src.project.id, kinds: drafts.map((d) => d.kind) },
      "notifications: could not store",
    );
  }
}

/** Only orgs the user still belongs to (a removed member's old notifications disappear). */
const visibleTo = (userId: string) => ({
  userId,
  org: { deletedAt: null, memberships: { some: { userId, deactivatedAt: null } } },
});

export async function listNotifications(central: CentralDb, userId: string) {
  const [rows, unread] = await Promise.all([
    central.notification.findMany({
      where: visibleTo(userId),
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: NOTIFICATION_LIST_LIMIT,
      select: {
        id: true,
        kind: true,
        title: true,
        projectId: true,
        projectName: true,
        itemNum: true,
        createdAt: true,
        readAt: true,
        org: { select: { slug: true, name: true } },
      },
    }),
    central.notification.count({ where: { ...visibleTo(userId), readAt: null } }),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind as NotificationKind,
      title: r.title,
      orgSlug: r.org.slug,
      orgName: r.org.name,
      projectId: r.projectId ?? undefined,
      projectName: r.projectName ?? undefined,
      itemNum: r.itemNum ?? undefined,
      createdAt: r.createdAt,
      read: r.readAt !== null,
    })),
    unread,
  };
}

/** Marks the user's own notifications read; ids of anyone else's are ignored. */
export async function markNotificationsRead(central: CentralDb, userId: string, input: TMarkRead) {
  const { count } = await central.notification.updateMany({
    where: { userId, readAt: null, ...("ids" in input ? { id: { in: input.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { updated: count };
}

export async function getNotificationPrefs(central: CentralDb, userId: string): Promise<TNotificationPrefs> {
  const p = await central.notificationPrefs.findUnique({ where: { userId } });
  return {
    assigned: p?.assigned ?? DEFAULT_PREFS.assigned,
    mentioned: p?.mentioned ?? DEFAULT_PREFS.mentioned,
    critical: p?.critical ?? DEFAULT_PREFS.critical,
    dueTomorrow: p?.dueTomorrow ?? DEFAULT_PREFS.dueTomorrow,
    digest: p?.digest ?? DEFAULT_PREFS.digest,
    digestHour: p?.digestHour ?? DEFAULT_PREFS.digestHour,
    timeZone: p?.timeZone ?? env().APP_TIME_ZONE,
  };
}

export async function setNotificationPrefs(
  central: CentralDb,
  actor: AuditActor & { userId: string },
  input: TNotificationPrefs,
): Promise<TNotificationPrefs> {
  return central.$transaction(async (tx) => {
    const before = await tx.notificationPrefs.findUnique({ where: { userId: actor.userId } });
    const saved = await tx.notificationPrefs.upsert({
      where: { userId: actor.userId },
      create: { userId: actor.userId, ...input },
      update: input,
    });
    const pick = (p: typeof saved | null) =>
      p && {
        assigned: p.assigned,
        mentioned: p.mentioned,
        critical: p.critical,
        dueTomorrow: p.dueTomorrow,
        digest: p.digest,
        digestHour: p.digestHour,
        timeZone: p.timeZone,
      };
    await writeCentralAudit(tx, actor, {
      action: "UPDATE",
      entityType: "notification_prefs",
      entityId: actor.userId,
      before: pick(before),
      after: pick(saved),
    });
    return { ...pick(saved)!, timeZone: saved.timeZone ?? env().APP_TIME_ZONE };
  });
}
