/**
 * Per-device sessions. Each sign-in creates a `user_sessions` row whose id travels inside the
 * (signed) session token; the protected middleware checks it with one indexed query per request
 * (`loadSessionActor`), so ending a row signs that one device out at its next request. Bumping the
 * user's `session_version` (sign out everywhere, password change or reset) still ends them all.
 *
 * Tokens issued before per-device sessions carry no id: they keep the session-version check and get
 * a row of their own at their next re-validation (within 15 minutes), from then on revocable too.
 */
import type { CentralDb, CentralPrisma } from "@/server/db/central";
import type { AuditActor } from "@/server/context-types";
import type { Actor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { REFRESH_TTL_SECONDS } from "@/domain/session";
import { describeUserAgent } from "@/domain/user-agent";
import { logger } from "@/server/logger";
import { writeCentralAudit } from "./audit";

type Db = CentralDb | CentralPrisma.TransactionClient;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** last_seen_at is written at most this often per session (the check itself stays a read). */
const SEEN_EVERY_MS = 5 * 60 * 1000;

export type DeviceMeta = { userAgent: string | null; ip: string | null; method: string | null };

/** A new device session at sign-in; returns its id (goes into the token as `sid`). */
export async function startSession(
  central: Db,
  userId: string,
  meta: DeviceMeta,
  now = new Date(),
): Promise<string> {
  const row = await central.userSession.create({
    data: {
      userId,
      userAgent: meta.userAgent?.slice(0, 400) ?? null,
      ip: meta.ip?.slice(0, 64) ?? null,
      method: meta.method?.slice(0, 100) ?? null,
      createdAt: now,
      lastSeenAt: now,
    },
    select: { id: true },
  });
  return row.id;
}

/** What the session check needs from a decoded session (see AppSession). */
export type SessionClaims = { user: { id: string }; sessionVersion: number; sessionId?: string | null };

type Row = {
  id: string;
  email: string;
  name: string;
  session_version: number;
  deactivated_at: Date | null;
  deleted_at: Date | null;
  sid: string | null;
  ended_at: Date | null;
  last_seen_at: Date | null;
};

/**
 * The verified actor of a session, or null when it has ended: the user exists, is active, the token's
 * session version is current and — for tokens with a device session — that session is the user's and
 * has not been ended. ONE indexed query (users by primary key, left-joined to user_sessions by primary
 * key). Wrap it (e.g. a short cache) rather than inlining it.
 */
export async function loadSessionActor(
  central: CentralDb,
  s: SessionClaims,
): Promise<Extract<Actor, { kind: "user" }> | null> {
  if (!UUID_RE.test(s.user.id)) return null;
  const sid = s.sessionId ?? null;
  if (sid !== null && !UUID_RE.test(sid)) return null;
  const rows = await central.$queryRaw<Row[]>`
    SELECT u.id, u.email, u.name, u.session_version, u.deactivated_at, u.deleted_at,
           us.id AS sid, us.ended_at, us.last_seen_at
    FROM users u
    LEFT JOIN user_sessions us ON us.id = ${sid}::uuid AND us.user_id = u.id
    WHERE u.id = ${s.user.id}::uuid`;
  const r = rows[0];
  if (!r || r.deactivated_at || r.deleted_at || r.session_version !== s.sessionVersion) return null;
  if (sid !== null) {
    if (!r.sid || r.ended_at) return null;
    if (!r.last_seen_at || Date.now() - new Date(r.last_seen_at).getTime() > SEEN_EVERY_MS) {
      void central.userSession
        .update({ where: { id: sid }, data: { lastSeenAt: new Date() } })
        .catch((err: unknown) => logger.warn({ err }, "session last-seen not recorded"));
    }
  }
  return { kind: "user", userId: r.id, email: r.email, name: r.name };
}

/** Whether a device session is still live for this user (the token re-validation). */
export async function sessionLive(central: Db, userId: string, sessionId: string): Promise<boolean> {
  if (!UUID_RE.test(sessionId)) return false;
  const row = await central.userSession.findUnique({
    where: { id: sessionId },
    select: { userId: true, endedAt: true },
  });
  return !!row && row.userId === userId && !row.endedAt;
}

/** The user's signed-in devices, most recently used first. */
export async function listSessions(
  central: CentralDb,
  userId: string,
  currentId: string | null,
  now = new Date(),
) {
  const rows = await central.userSession.findMany({
    where: {
      userId,
      endedAt: null,
      lastSeenAt: { gt: new Date(now.getTime() - REFRESH_TTL_SECONDS * 1000) },
    },
    select: { id: true, userAgent: true, method: true, createdAt: true, lastSeenAt: true },
    orderBy: { lastSeenAt: "desc" },
    take: 100,
  });
  return rows.map((r) => ({
    id: r.id,
    ...describeUserAgent(r.userAgent),
    method: r.method,
    signedInAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
    current: r.id === currentId,
  }));
}

/** Ends one device session (it is signed out at its next request). */
export async function endSession(
  central: CentralDb,
  actor: AuditActor,
  userId: string,
  sessionId: string,
  reason: "logout" | "revoked",
  ip: string | null = null,
) {
  if (!UUID_RE.test(sessionId)) throw new DomainError("NOT_FOUND", "Session not found");
  return central.$transaction(async (tx) => {
    const done = await tx.userSession.updateMany({
      where: { id: sessionId, userId, endedAt: null },
      data: { endedAt: new Date(), endReason: reason },
    });
    if (done.count !== 1) throw new DomainError("NOT_FOUND", "Session not found");
    await writeCentralAudit(tx, actor, {
      action: "LOGOUT",
      entityType: "user",
      entityId: userId,
      after: { reason, sessionId },
      ip,
    });
    return { ended: true as const };
  });
}

/** Marks every device session of the user ended (with a session-version bump, which is what really ends them). */
export async function endAllSessionRows(tx: Db, userId: string, reason: string, now = new Date()) {
  await tx.userSession.updateMany({
    where: { userId, endedAt: null },
    data: { endedAt: now, endReason: reason.slice(0, 40) },
  });
}
