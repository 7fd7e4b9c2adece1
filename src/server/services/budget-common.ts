/** Helpers shared by the budget services (rate card, allocations, timesheets, imports). */
import type { TenantDb, TenantPrisma } from "@/server/db/tenant";
import { dateToIso, isoToDate } from "@/domain/dates";
import { DomainError } from "@/domain/errors";
import type { IsoDate } from "@/domain/types";

export type Db = TenantDb | TenantPrisma.TransactionClient;
export type Tx = TenantPrisma.TransactionClient;

/** The columns every project budget record is read with besides its own: id, project and timestamps. */
export const RECORD_SELECT = { id: true, projectId: true, createdAt: true, updatedAt: true } as const;
export type RecordRow = { id: string; projectId: string; createdAt: Date; updatedAt: Date };

export const iso = (d: Date | null): IsoDate | null => (d ? dateToIso(d) : null);
export const dateOrNull = (d: IsoDate | null | undefined): Date | null => (d ? isoToDate(d) : null);
/** undefined stays undefined (field not being changed). */
export const dateChange = (d: IsoDate | null | undefined): Date | null | undefined =>
  d === undefined ? undefined : dateOrNull(d);

/** Prisma Decimal (or null) as an exact two-decimal string. */
export const money = (d: { toFixed(n: number): string }): string => d.toFixed(2);

export const conflict = (what: string) =>
  new DomainError("CONFLICT", `This ${what} was changed by someone else; reload it and try again`);

/** Throws CONFLICT when the row changed since the client read it. */
export function checkUnchanged(updatedAt: Date, expected: Date | undefined, what: string) {
  if (expected && updatedAt.getTime() !== expected.getTime()) throw conflict(what);
}

/** Big imports write thousands of rows (and their audit rows) in one transaction. */
export const LONG_TX = { timeout: 120_000, maxWait: 10_000 } as const;
