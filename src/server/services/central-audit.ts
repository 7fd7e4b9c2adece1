/**
 * The org admins' access log (`audit.central`): the central audit entries that concern one
 * organization — its SSO and domain settings, memberships and role changes, invitations, sign-ins
 * through its SSO — and the sign-ins, sign-outs, linked identities and password / token use of its
 * current members. Newest first, paged by id. Entries about members outside this org show only a
 * summary (never their profile before/after).
 */
import type { CentralDb, CentralPrisma } from "@/server/db/central";

export const CENTRAL_AUDIT_KINDS = ["all", "signins", "members", "invitations", "sso"] as const;
export type CentralAuditKind = (typeof CENTRAL_AUDIT_KINDS)[number];

const MEMBER_ACTIONS = ["LOGIN", "LOGIN_FAILED", "LOGOUT", "LINK", "UNLINK", "UPDATE"];
const SIGNIN_ACTIONS = ["LOGIN", "LOGIN_FAILED", "LOGOUT", "LINK", "UNLINK"];
/** What a member-scoped entry may show of its `after` (no profile contents). */
const SUMMARY_KEYS = [
  "provider",
  "reason",
  "password",
  "via",
  "created",
  "sessionId",
  "providers",
  "identitiesDropped",
];

function orgScope(kind: CentralAuditKind, orgId: string): CentralPrisma.CentralAuditLogWhereInput | null {
  switch (kind) {
    case "signins":
      return { orgId, action: { in: SIGNIN_ACTIONS } };
    case "members":
      return { orgId, entityType: "org_membership" };
    case "invitations":
      return { orgId, entityType: "invitation" };
    case "sso":
      return { orgId, entityType: { in: ["organization_sso", "organization_domain"] } };
    default:
      return { orgId };
  }
}

function memberScope(
  kind: CentralAuditKind,
  memberIds: string[],
): CentralPrisma.CentralAuditLogWhereInput | null {
  if (!memberIds.length || (kind !== "all" && kind !== "signins")) return null;
  return {
    orgId: null,
    entityType: { in: ["user", "user_identity"] },
    entityId: { in: memberIds },
    action: { in: kind === "signins" ? SIGNIN_ACTIONS : MEMBER_ACTIONS },
  };
}

function pick(v: unknown, keys: string[]): Record<string, unknown> | null {
  if (!v || typeof v !== "object" || Array.isArray(v)) return null;
  const out = Object.fromEntries(
    Object.entries(v as Record<string, unknown>).filter(([k]) => keys.includes(k)),
  );
  return Object.keys(out).length ? out : null;
}

export async function listCentralAudit(
  central: CentralDb,
  org: { id: string },
  input: { cursor?: string; kind?: CentralAuditKind; limit?: number },
) {
  const kind = input.kind ?? "all";
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const members = await central.orgMembership.findMany({
    where: { orgId: org.id, deactivatedAt: null },
    select: { userId: true },
    take: 10_000,
  });
  const memberIds = members.map((m) => m.userId);
  const scopes = [orgScope(kind, org.id), memberScope(kind, memberIds)].filter(
    (x): x is CentralPrisma.CentralAuditLogWhereInput => x !== null,
  );
  const rows = await central.centralAuditLog.findMany({
    where: { OR: scopes, ...(input.cursor ? { id: { lt: BigInt(input.cursor) } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const userIds = [
    ...new Set(
      page.flatMap((r) => [
        r.actorId,
        r.entityType === "user" || r.entityType === "user_identity" ? r.entityId : null,
      ]),
    ),
  ].filter((x): x is string => !!x && /^[0-9a-f-]{36}$/i.test(x));
  const users = userIds.length
    ? await central.user.findMany({
        where: { id: { in: userIds } },
        select: { id: true, name: true, email: true },
      })
    : [];
  const who = (id: string | null) => (id ? (users.find((u) => u.id === id) ?? null) : null);
  return {
    entries: page.map((r) => {
      const orgEntry = r.orgId === org.id;
      return {
        id: r.id.toString(),
        at: r.createdAt,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        actor: r.actorId ? (who(r.actorId) ?? { id: r.actorId, name: null, email: null }) : null,
        subject: r.entityType === "user" || r.entityType === "user_identity" ? who(r.entityId) : null,
        ip: r.ip,
        before: orgEntry ? r.before : null,
        after: orgEntry ? r.after : pick(r.after, SUMMARY_KEYS),
      };
    }),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id.toString() : null,
  };
}
