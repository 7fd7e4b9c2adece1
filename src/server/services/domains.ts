/**
 * An organization's e-mail domains: claimed by an admin, then VERIFIED either by a DNS TXT record
 * (`braidmgr-verify=<token>` on the domain) or, without DNS, confirmed by an owner whose own
 * confirmed address is on the domain. What each kind of verification allows is in
 * src/domain/identity.ts; which domains count is read here for SSO sign-in and SSO-only.
 */
import { randomBytes } from "node:crypto";
import { resolveTxt as dnsResolveTxt } from "node:dns/promises";
import type { CentralDb, CentralPrisma } from "@/server/db/central";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import type { OrgRole } from "@/domain/permissions";
import {
  emailDomain,
  OWNER_CONFIRM_REFUSALS,
  ownerMayConfirm,
  txtRecordsProve,
  verificationRecord,
  type DomainVerification,
} from "@/domain/identity";
import { writeCentralAudit, type AuditEntry } from "./audit";
import { hitRateLimit } from "./rate-limit";

type Db = CentralDb | CentralPrisma.TransactionClient;

/** Looks up TXT records (node:dns/promises `resolveTxt` shape). */
export type TxtResolver = (hostname: string) => Promise<string[][]>;

/**
 * The DNS lookup used to verify domains. Replaceable (tests point it at a fake resolver; an
 * operator could point it at a specific DNS server): `dnsDeps.resolveTxt = …`.
 */
export const dnsDeps: { resolveTxt: TxtResolver; timeoutMs: number } = {
  resolveTxt: (hostname) => dnsResolveTxt(hostname),
  timeoutMs: 8_000,
};

export const MAX_DOMAINS_PER_ORG = 50;
/** DNS checks per org and hour (each one is a lookup the server makes on an admin's behalf). */
export const DNS_CHECKS_PER_HOUR = 30;

export type DomainActor = AuditActor & { orgRole: OrgRole; system: boolean };

const VIEW = {
  id: true,
  domain: true,
  verificationToken: true,
  verifiedAt: true,
  verifiedBy: true,
  lastCheckedAt: true,
  createdAt: true,
} as const;

type Row = {
  id: string;
  domain: string;
  verificationToken: string;
  verifiedAt: Date | null;
  verifiedBy: DomainVerification | null;
  lastCheckedAt: Date | null;
  createdAt: Date;
};

type Identity = { email: string; emailVerified: Date | null };

/** A domain as the caller sees it (`me`: the caller's own address, null for the system). */
function view(r: Row, actor: DomainActor, me: Identity | null) {
  const confirm = me?.email
    ? ownerMayConfirm({
        orgRole: actor.orgRole,
        email: me.email,
        emailVerified: me.emailVerified,
        domain: r.domain,
      })
    : ({ ok: false, reason: "not_owner" } as const);
  return {
    id: r.id,
    domain: r.domain,
    verified: r.verifiedAt !== null,
    verifiedAt: r.verifiedAt,
    verifiedBy: r.verifiedBy,
    lastCheckedAt: r.lastCheckedAt,
    createdAt: r.createdAt,
    /** What to publish: a TXT record on the domain itself. */
    record: { type: "TXT" as const, name: r.domain, value: verificationRecord(r.verificationToken) },
    /** Whether the caller may confirm it without DNS, and if not why. */
    ownerConfirm: confirm.ok
      ? { allowed: true as const, reason: null }
      : { allowed: false as const, reason: OWNER_CONFIRM_REFUSALS[confirm.reason] },
  };
}

async function actorIdentity(central: CentralDb, actor: DomainActor): Promise<Identity | null> {
  if (actor.system || !actor.userId) return null;
  return central.user.findUnique({
    where: { id: actor.userId },
    select: { email: true, emailVerified: true },
  });
}

export async function listDomains(central: CentralDb, actor: DomainActor, orgId: string) {
  const [rows, me] = await Promise.all([
    central.orgDomain.findMany({ where: { orgId }, select: VIEW, orderBy: { domain: "asc" } }),
    actorIdentity(central, actor),
  ]);
  return rows.map((r) => view(r, actor, me));
}

/** Claims a domain for the org (unverified until its TXT record is found or an owner confirms it). */
export async function addDomain(
  central: CentralDb,
  actor: DomainActor,
  org: { id: string },
  input: { domain: string },
) {
  const domain = input.domain.toLowerCase();
  const me = await actorIdentity(central, actor);
  const row = await central.$transaction(async (tx) => {
    const existing = await tx.orgDomain.findUnique({
      where: { orgId_domain: { orgId: org.id, domain } },
      select: VIEW,
    });
    if (existing) return existing;
    if ((await tx.orgDomain.count({ where: { orgId: org.id } })) >= MAX_DOMAINS_PER_ORG) {
      throw new DomainError("INVALID", `An organization can claim at most ${MAX_DOMAINS_PER_ORG} domains`, {
        fieldErrors: { domain: [`At most ${MAX_DOMAINS_PER_ORG} domains`] },
      });
    }
    const created = await tx.orgDomain.create({
      data: {
        orgId: org.id,
        domain,
        verificationToken: randomBytes(18).toString("base64url"),
        createdById: actor.userId,
      },
      select: VIEW,
    });
    await auditDomain(tx, actor, org, {
      action: "CREATE",
      entityId: created.id,
      after: { domain, verified: false },
    });
    return created;
  });
  return view(row, actor, me);
}

/** What an audit row shows of a domain's state. */
const auditState = (r: Pick<Row, "domain" | "verifiedAt" | "verifiedBy">) => ({
  domain: r.domain,
  verified: r.verifiedAt !== null,
  verifiedBy: r.verifiedBy,
});

/** The central audit row of a change to one of the org's domains. */
function auditDomain(
  tx: CentralPrisma.TransactionClient,
  actor: DomainActor,
  org: { id: string },
  e: Pick<AuditEntry, "action" | "entityId" | "before" | "after">,
) {
  return writeCentralAudit(tx, actor, { ...e, entityType: "organization_domain", orgId: org.id });
}

async function findDomain(db: Db, orgId: string, domainId: string) {
  const row = await db.orgDomain.findFirst({ where: { id: domainId, orgId }, select: VIEW });
  if (!row) throw new DomainError("NOT_FOUND", "Domain not found");
  return row;
}

async function lookupTxt(domain: string): Promise<string[][]> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      dnsDeps.resolveTxt(domain),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(Object.assign(new Error("DNS timeout"), { code: "ETIMEOUT" })),
          dnsDeps.timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Looks for the TXT record; verified (by DNS) when it is there. Refusals say what was found. */
export async function verifyDomainByDns(
  central: CentralDb,
  actor: DomainActor,
  org: { id: string },
  input: { domainId: string },
) {
  const row = await findDomain(central, org.id, input.domainId);
  const me = await actorIdentity(central, actor);
  if (row.verifiedBy === "dns") return view(row, actor, me);
  const limit = await hitRateLimit(central, `domain-dns:${org.id}`, DNS_CHECKS_PER_HOUR, 3600_000);
  if (!limit.allowed) {
    throw new DomainError(
      "TOO_MANY_REQUESTS",
      "Too many DNS checks for this organization. Try again later.",
      {
        details: { retryAt: limit.retryAt.toISOString() },
      },
    );
  }
  let records: string[][] = [];
  let lookupFailed = false;
  try {
    records = await lookupTxt(row.domain);
  } catch (err) {
    const code = (err as { code?: string }).code;
    // No such name / no TXT records: simply not there (yet).
    if (code !== "ENOTFOUND" && code !== "ENODATA") lookupFailed = true;
  }
  const now = new Date();
  const proved = txtRecordsProve(records, row.verificationToken);
  const updated = await central.$transaction(async (tx) => {
    const u = await tx.orgDomain.update({
      where: { id: row.id },
      data: proved
        ? { verifiedAt: now, verifiedBy: "dns", verifiedById: actor.userId, lastCheckedAt: now }
        : { lastCheckedAt: now },
      select: VIEW,
    });
    if (proved) {
      await auditDomain(tx, actor, org, {
        action: "UPDATE",
        entityId: row.id,
        before: auditState(row),
        after: { domain: row.domain, verified: true, verifiedBy: "dns" },
      });
    }
    return u;
  });
  if (!proved) {
    const message = lookupFailed
      ? `The DNS lookup for ${row.domain} failed. Try again in a few minutes.`
      : `No TXT record "${verificationRecord(row.verificationToken)}" was found on ${row.domain}. DNS changes can take a while to appear; try again later.`;
    throw new DomainError("INVALID", message, { fieldErrors: { domain: [message] } });
  }
  return view(updated, actor, me);
}

/**
 * Confirms a domain without DNS: an owner whose own confirmed address is on the domain (never a
 * public mail provider). Operators (the system actor) may confirm any domain.
 */
export async function confirmDomainAsOwner(
  central: CentralDb,
  actor: DomainActor,
  org: { id: string },
  input: { domainId: string },
) {
  const row = await findDomain(central, org.id, input.domainId);
  const me = await actorIdentity(central, actor);
  if (row.verifiedAt) return view(row, actor, me);
  if (!actor.system) {
    if (!me) throw new DomainError("FORBIDDEN", OWNER_CONFIRM_REFUSALS.not_owner);
    const check = ownerMayConfirm({
      orgRole: actor.orgRole,
      email: me.email,
      emailVerified: me.emailVerified,
      domain: row.domain,
    });
    if (!check.ok) {
      throw new DomainError(
        check.reason === "not_owner" ? "FORBIDDEN" : "INVALID",
        OWNER_CONFIRM_REFUSALS[check.reason],
        {
          fieldErrors: { domain: [OWNER_CONFIRM_REFUSALS[check.reason]] },
        },
      );
    }
  }
  const now = new Date();
  const updated = await central.$transaction(async (tx) => {
    // Only an unverified row changes: a concurrent DNS verification keeps the stronger proof.
    await tx.orgDomain.updateMany({
      where: { id: row.id, verifiedAt: null },
      data: { verifiedAt: now, verifiedBy: "owner_confirmed", verifiedById: actor.userId },
    });
    const u = await tx.orgDomain.findUniqueOrThrow({ where: { id: row.id }, select: VIEW });
    await auditDomain(tx, actor, org, {
      action: "UPDATE",
      entityId: row.id,
      before: { domain: row.domain, verified: false },
      after: {
        domain: row.domain,
        verified: true,
        verifiedBy: u.verifiedBy,
        confirmedBy: me?.email ?? "system",
      },
    });
    return u;
  });
  return view(updated, actor, me);
}

export async function removeDomain(
  central: CentralDb,
  actor: DomainActor,
  org: { id: string },
  input: { domainId: string },
) {
  return central.$transaction(async (tx) => {
    const row = await findDomain(tx, org.id, input.domainId);
    await tx.orgDomain.delete({ where: { id: row.id } });
    await auditDomain(tx, actor, org, { action: "DELETE", entityId: row.id, before: auditState(row) });
    return { removed: true as const };
  });
}

/** How the org verified the domain of this address (null: not a verified domain of the org). */
export async function domainVerificationFor(
  db: Db,
  orgId: string,
  email: string,
): Promise<DomainVerification | null> {
  const domain = emailDomain(email);
  if (!domain) return null;
  const row = await db.orgDomain.findUnique({
    where: { orgId_domain: { orgId, domain } },
    select: { verifiedAt: true, verifiedBy: true },
  });
  return row?.verifiedAt ? (row.verifiedBy ?? null) : null;
}
