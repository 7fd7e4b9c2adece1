/**
 * The rate card (SPEC §2): org-wide entries, and project-specific ones (as
 * v1 imports create them). Who may see or change an entry depends on its
 * scope: the org-wide card is visible to every member and edited by org
 * owners and admins; a project's entries follow that project's roles
 * (view: everyone on it; edit: project managers and admins).
 */
import type { TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { can, canOrg, effectiveProjectRole, type OrgRole } from "@/domain/permissions";
import { resourceKey, windowsOverlap, type RateCardEntry } from "@/domain/rate-card";
import type { TCreateRateCard, TUpdateRateCard } from "@/contracts/budget";
import { dateChange, dateOrNull, iso, money, type Db, type Tx } from "./budget-common";
import { createAudited, deleteAudited, notFound, updateAudited, type BudgetRecord } from "./budget-writes";
import { loadProjectAccess } from "./project-access";
import { applyChanges } from "@/domain/changes";

const SELECT = {
  id: true,
  projectId: true,
  resourceName: true,
  role: true,
  geography: true,
  hourlyRate: true,
  effectiveFrom: true,
  effectiveTo: true,
  rollOffDate: true,
  createdAt: true,
  updatedAt: true,
} as const;

type Row = {
  id: string;
  projectId: string | null;
  resourceName: string;
  role: string | null;
  geography: string | null;
  hourlyRate: { toFixed(n: number): string };
  effectiveFrom: Date | null;
  effectiveTo: Date | null;
  rollOffDate: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export function toRateCardDto(r: Row) {
  return {
    id: r.id,
    projectId: r.projectId,
    scope: r.projectId ? ("project" as const) : ("org" as const),
    resourceName: r.resourceName,
    role: r.role,
    geography: r.geography,
    hourlyRate: money(r.hourlyRate),
    effectiveFrom: iso(r.effectiveFrom),
    effectiveTo: iso(r.effectiveTo),
    rollOffDate: iso(r.rollOffDate),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
export type RateCardDto = ReturnType<typeof toRateCardDto>;

// ------------------------------------------------------------------ access

export type RateCardCaller = { userId: string | null; orgRole: OrgRole };
export type RateCardNeed = "view" | "edit";

/**
 * Throws unless the caller may view / edit entries of this scope. A project
 * the caller cannot see is NOT_FOUND, never FORBIDDEN.
 */
export async function assertRateCardAccess(
  db: TenantDb,
  caller: RateCardCaller,
  projectId: string | null,
  need: RateCardNeed,
  notFoundMessage = "Project not found",
): Promise<void> {
  if (projectId === null) {
    if (need === "edit" && !canOrg(caller.orgRole, "org.manageSettings")) {
      throw new DomainError(
        "FORBIDDEN",
        "Only organization owners and admins may change the org-wide rate card",
      );
    }
    return;
  }
  const access = await loadProjectAccess(db, projectId, caller.userId);
  const role = access ? effectiveProjectRole(caller.orgRole, access.role) : null;
  if (!role) throw new DomainError("NOT_FOUND", notFoundMessage);
  if (!can(role, need === "edit" ? "project.manage" : "project.view")) {
    throw new DomainError(
      "FORBIDDEN",
      "Only project managers and admins may change this project's rate card",
    );
  }
}

// ------------------------------------------------------------------- reads

const ORDER = [
  { resourceName: "asc" as const },
  { effectiveFrom: { sort: "asc" as const, nulls: "first" as const } },
];

/** The org-wide card, or (with a project) the entries that apply to it: its own and the org-wide ones. */
export async function listRateCard(db: Db, projectId: string | null): Promise<RateCardDto[]> {
  const rows = await db.rateCard.findMany({
    where: {
      deletedAt: null,
      ...(projectId ? { OR: [{ projectId }, { projectId: null }] } : { projectId: null }),
    },
    select: SELECT,
    orderBy: ORDER,
  });
  return rows.map(toRateCardDto);
}

/** Entries that price this project's time, in the domain's shape. */
export async function rateCardEntriesFor(db: Db, projectId: string): Promise<RateCardEntry[]> {
  const rows = await db.rateCard.findMany({
    where: { deletedAt: null, OR: [{ projectId }, { projectId: null }] },
    select: { resourceName: true, hourlyRate: true, effectiveFrom: true, effectiveTo: true, projectId: true },
  });
  return rows.map((r) => ({
    resourceName: r.resourceName,
    hourlyRate: money(r.hourlyRate),
    effectiveFrom: iso(r.effectiveFrom),
    effectiveTo: iso(r.effectiveTo),
    projectId: r.projectId,
  }));
}

/** Rate-card entries of any scope, for the shared audited writes. */
const entries: BudgetRecord<RateCardDto> = {
  entityType: "rate_card",
  noun: "rate-card entry",
  find: async (db, id) => {
    const row = await db.rateCard.findFirst({ where: { id, deletedAt: null }, select: SELECT });
    return row ? toRateCardDto(row) : null;
  },
};

/** An entry's scope, for the access check; NOT_FOUND when it does not exist. */
export async function rateCardEntryScope(db: Db, id: string): Promise<string | null> {
  const row = await db.rateCard.findFirst({ where: { id, deletedAt: null }, select: { projectId: true } });
  if (!row) throw new DomainError("NOT_FOUND", notFound(entries));
  return row.projectId;
}

// ------------------------------------------------------------------ writes

type Window = { effectiveFrom: string | null; effectiveTo: string | null };

/** Two entries of one resource in one scope may not be in effect on the same day. */
async function assertNoOverlap(
  tx: Tx,
  scope: string | null,
  resourceName: string,
  window: Window,
  exceptId: string | null,
) {
  const rows = await tx.rateCard.findMany({
    where: {
      deletedAt: null,
      projectId: scope,
      resourceName: { equals: resourceName.trim(), mode: "insensitive" },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: SELECT,
  });
  const clash = rows
    .map(toRateCardDto)
    .find((r) => resourceKey(r.resourceName) === resourceKey(resourceName) && windowsOverlap(r, window));
  if (!clash) return;
  const span = `${clash.effectiveFrom ?? "the start"} to ${clash.effectiveTo ?? "open-ended"}`;
  const message = `${clash.resourceName} already has a rate of ${clash.hourlyRate} in effect from ${span}; give that entry an end date first, or choose dates that do not overlap`;
  throw new DomainError("INVALID", message, { fieldErrors: { effectiveFrom: [message] } });
}

export async function createRateCardEntry(
  db: TenantDb,
  actor: AuditActor,
  input: TCreateRateCard,
): Promise<RateCardDto> {
  const scope = input.projectId ?? null;
  return createAudited(db, actor, entries, async (tx) => {
    await assertNoOverlap(
      tx,
      scope,
      input.resourceName,
      { effectiveFrom: input.effectiveFrom ?? null, effectiveTo: input.effectiveTo ?? null },
      null,
    );
    const row = await tx.rateCard.create({
      data: {
        projectId: scope,
        resourceName: input.resourceName,
        role: input.role ?? null,
        geography: input.geography ?? null,
        hourlyRate: input.hourlyRate,
        effectiveFrom: dateOrNull(input.effectiveFrom),
        effectiveTo: dateOrNull(input.effectiveTo),
        rollOffDate: dateOrNull(input.rollOffDate),
      },
      select: SELECT,
    });
    return toRateCardDto(row);
  });
}

export async function updateRateCardEntry(
  db: TenantDb,
  actor: AuditActor,
  input: TUpdateRateCard,
): Promise<RateCardDto> {
  const { id, expectedUpdatedAt, ...changes } = input;
  return updateAudited(db, actor, entries, id, expectedUpdatedAt, async (tx, before, unchanged) => {
    const merged = applyChanges(before, changes);
    if (merged.effectiveFrom && merged.effectiveTo && merged.effectiveFrom > merged.effectiveTo) {
      throw new DomainError("INVALID", "Effective to must not be before effective from", {
        fieldErrors: { effectiveTo: ["Effective to must not be before effective from"] },
      });
    }
    await assertNoOverlap(tx, before.projectId, merged.resourceName, merged, id);
    return tx.rateCard.updateMany({
      where: unchanged,
      data: {
        resourceName: changes.resourceName,
        role: changes.role,
        geography: changes.geography,
        hourlyRate: changes.hourlyRate,
        effectiveFrom: dateChange(changes.effectiveFrom),
        effectiveTo: dateChange(changes.effectiveTo),
        rollOffDate: dateChange(changes.rollOffDate),
      },
    });
  });
}

export async function deleteRateCardEntry(
  db: TenantDb,
  actor: AuditActor,
  id: string,
): Promise<{ id: string }> {
  return deleteAudited(db, actor, entries, id, (tx, deletedAt) =>
    tx.rateCard.update({ where: { id }, data: { deletedAt } }),
  );
}
