/**
 * Organizations: each has its own PostgreSQL database, created and migrated
 * before the org becomes usable, and dropped when the org is deleted.
 */
import type { CentralDb } from "@/server/db/central";
import { orgDatabaseName } from "@/server/db/clusters";
import { dropOrgDatabase, provisionOrgDatabase } from "@/server/db/provision";
import { evictTenantDb, type TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import type { OrgRole } from "@/domain/permissions";
import { publicOrgSettings, ssoProviderId } from "@/domain/sso";
import { logger } from "@/server/logger";
import { writeCentralAudit } from "./audit";
import { checkAndRecordOrgRequest, type OrgQuota } from "./limits";
import { placeOrgDatabase } from "./placement";
import { createInvitation } from "./org-invitations";
import { setMemberRole } from "./members";

export function slugify(name: string): string {
  const s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/g, "");
  return s || "org";
}

const ORG_VIEW = { id: true, name: true, slug: true, settings: true, createdAt: true } as const;

export async function freeSlug(central: CentralDb, base: string): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const taken = await central.organization.findUnique({ where: { slug: candidate }, select: { id: true } });
    if (!taken) return candidate;
  }
  throw new DomainError("CONFLICT", "Could not find a free slug; choose one");
}

/**
 * Creates an organization and its database, owned by `ownerUserId`. With a
 * `quota` (a user creating an org for themselves) the request is checked and
 * recorded atomically with the new row — see checkAndRecordOrgRequest.
 */
export async function createOrg(
  central: CentralDb,
  actor: AuditActor,
  input: { name: string; slug?: string; ownerUserId: string; quota?: OrgQuota; clusterKey?: string },
) {
  // Which database server (cluster) gets the org's database; an unknown key is refused before anything is written.
  const placement = await placeOrgDatabase(central, input.clusterKey);
  let slug: string;
  if (input.slug) {
    slug = input.slug;
    const taken = await central.organization.findUnique({ where: { slug }, select: { id: true } });
    if (taken)
      throw new DomainError("CONFLICT", "That slug is taken", {
        fieldErrors: { slug: ["That slug is taken"] },
      });
  } else {
    slug = await freeSlug(central, slugify(input.name));
  }
  const owner = await central.user.findFirst({
    where: { id: input.ownerUserId, deletedAt: null },
    select: { id: true },
  });
  if (!owner) throw new DomainError("NOT_FOUND", "Owner not found");

  const insert = (db: Pick<CentralDb, "organization">) =>
    db.organization.create({
      data: {
        name: input.name,
        slug,
        databaseName: orgDatabaseName(slug),
        clusterKey: placement.clusterKey,
        status: "provisioning",
      },
    });
  const quota = input.quota;
  const org = quota
    ? await central.$transaction((tx) =>
        checkAndRecordOrgRequest(tx, { ...actor, userId: input.ownerUserId }, quota, new Date(), () =>
          insert(tx),
        ),
      )
    : await insert(central);
  try {
    await provisionOrgDatabase(org);
  } catch (err) {
    logger.error({ err, org: org.slug }, "org database provisioning failed");
    await dropOrgDatabase(org).catch(() => undefined);
    await central.organization.delete({ where: { id: org.id } });
    throw err;
  }
  return central.$transaction(async (tx) => {
    const active = await tx.organization.update({
      where: { id: org.id },
      data: { status: "active" },
      select: ORG_VIEW,
    });
    await tx.orgMembership.create({ data: { orgId: org.id, userId: input.ownerUserId, role: "owner" } });
    await writeCentralAudit(tx, actor, {
      action: "CREATE",
      entityType: "organization",
      entityId: org.id,
      orgId: org.id,
      after: { ...active, clusterKey: placement.clusterKey, placement: placement.how },
    });
    return { ...active, role: "owner" as OrgRole };
  });
}

export async function listOrgsForUser(central: CentralDb, userId: string) {
  const rows = await central.orgMembership.findMany({
    where: { userId, deactivatedAt: null, org: { deletedAt: null, status: "active" } },
    select: { role: true, org: { select: ORG_VIEW } },
    orderBy: { org: { name: "asc" } },
  });
  return rows.map((r) => ({ ...r.org, settings: publicOrgSettings(r.org.settings), role: r.role }));
}

export async function listAllOrgs(central: CentralDb) {
  const rows = await central.organization.findMany({
    where: { deletedAt: null, status: "active" },
    select: ORG_VIEW,
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({ ...r, settings: publicOrgSettings(r.settings), role: "owner" as OrgRole }));
}

export type AddMemberActor = AuditActor & { orgRole: OrgRole; system: boolean };

/**
 * `org.addMember`. Nobody joins an organization without saying yes:
 * - an active member: their role changes, under the same rules as `setMemberRole` (only an owner
 *   changes or grants ownership; the last owner stays);
 * - anyone else, named by an org admin: an invitation (e-mailed, and listed for the invitee once
 *   signed in with that confirmed address). They are not a member — and the org's procedures
 *   answer NOT_FOUND for them — until they accept. The answer is the same whether or not an
 *   account exists for the address;
 * - the operator CLI (the system actor) still adds an existing account directly.
 */
export async function addMember(
  central: CentralDb,
  db: TenantDb | null,
  actor: AddMemberActor,
  org: { id: string; name: string },
  input: { email: string; role: OrgRole },
) {
  if (input.role === "owner" && actor.orgRole !== "owner") {
    throw new DomainError("FORBIDDEN", "Only an owner can make someone an owner");
  }
  const email = input.email.trim().toLowerCase();
  const member = await central.orgMembership.findFirst({
    where: { orgId: org.id, deactivatedAt: null, user: { email, deletedAt: null } },
    select: { id: true },
  });
  if (member) {
    const m = await setMemberRole(central, actor, org, { email }, input.role);
    return {
      status: "member" as const,
      email: m.email,
      role: m.role,
      userId: m.userId as string | null,
      name: m.name as string | null,
    };
  }
  if (!actor.system) {
    const inv = await createInvitation(central, db, actor, org, {
      email,
      role: input.role,
      projectRoles: [],
    });
    return {
      status: "invited" as const,
      email: inv.email,
      role: inv.role,
      invitationId: inv.id,
      expiresAt: inv.expiresAt,
      userId: null,
      name: null,
    };
  }
  // Operators add an existing account directly.
  const user = await central.user.findFirst({
    where: { email, deletedAt: null },
    select: { id: true, email: true, name: true },
  });
  if (!user)
    throw new DomainError("NOT_FOUND", "No user with that e-mail", {
      fieldErrors: { email: ["No user with that e-mail"] },
    });
  return central.$transaction(async (tx) => {
    const before = await tx.orgMembership.findUnique({
      where: { userId_orgId: { userId: user.id, orgId: org.id } },
      select: { role: true },
    });
    const m = await tx.orgMembership.upsert({
      where: { userId_orgId: { userId: user.id, orgId: org.id } },
      create: { userId: user.id, orgId: org.id, role: input.role },
      update: { role: input.role, deactivatedAt: null },
    });
    await writeCentralAudit(tx, actor, {
      action: "PERMISSION_CHANGE",
      entityType: "org_membership",
      entityId: m.id,
      orgId: org.id,
      before: before ? { userId: user.id, role: before.role, deactivated: true } : null,
      after: { userId: user.id, role: m.role, via: "operator" },
    });
    return {
      status: "added" as const,
      userId: user.id as string | null,
      email: user.email,
      name: user.name as string | null,
      role: m.role,
    };
  });
}

export async function deleteOrg(
  central: CentralDb,
  actor: AuditActor,
  org: { id: string; slug: string; databaseName: string; clusterKey: string },
) {
  await central.organization.update({ where: { id: org.id }, data: { status: "deleting" } });
  await evictTenantDb(org.id);
  await dropOrgDatabase(org);
  const suffix = `-deleted-${Date.now().toString(36)}`;
  await central.$transaction(async (tx) => {
    await tx.organization.update({
      where: { id: org.id },
      data: {
        deletedAt: new Date(),
        slug: `${org.slug}${suffix}`.slice(0, 48),
        databaseName: `${org.databaseName}${suffix.replace(/-/g, "_")}`.slice(0, 63),
      },
    });
    await tx.orgMembership.updateMany({ where: { orgId: org.id }, data: { deactivatedAt: new Date() } });
    // Its SSO sign-ins can never be used again (the provider id names this org's id).
    await tx.account.deleteMany({ where: { provider: ssoProviderId(org.id) } });
    await tx.ssoLinkIntent.deleteMany({ where: { orgId: org.id } });
    await writeCentralAudit(tx, actor, {
      action: "DELETE",
      entityType: "organization",
      entityId: org.id,
      orgId: org.id,
      before: { slug: org.slug },
    });
  });
  return { deleted: true as const };
}
