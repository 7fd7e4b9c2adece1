/**
 * Bulk-insert specs for budget records (rate card, allocations, timesheets),
 * shared by the project import, the budget YAML import and the timesheet CSV
 * upload. Ids and timestamps are made here, so the audit rows can carry each
 * record exactly as it was stored without reading it back.
 */
import { randomUUID } from "node:crypto";
import { isoToDate } from "@/domain/dates";
import type { AllocationRecord, RateCardRecord, TimesheetRecord } from "@/domain/yaml-v1";
import { dateOrNull } from "./budget-common";
import { toAllocationDto } from "./budget-allocations";
import { toRateCardDto } from "./budget-rate-card";
import { toTimesheetDto } from "./budget-timesheets";
import type { BulkInsert } from "./bulk-insert";

/** A record with the id and time it is stored with. */
export type Stored<T> = { id: string; at: Date; record: T };

/** Gives each record an id; one timestamp for the whole write. */
export const stored = <T>(records: readonly T[], at: Date): Stored<T>[] =>
  records.map((record) => ({ id: randomUUID(), at, record }));

/** A decimal string as the DTO builders read Prisma decimals. */
const decimal = (s: string) => ({ toFixed: () => s });

const timestamps = { type: "timestamptz", value: (r: Stored<unknown>) => r.at } as const;

export function rateCardInsert(projectId: string): BulkInsert<Stored<RateCardRecord>> {
  return {
    table: "rate_cards",
    describe: ({ record: r }) => `rate card entry "${r.resourceName}"`,
    columns: [
      { name: "id", type: "uuid", value: (r) => r.id },
      { name: "project_id", type: "uuid", value: () => projectId },
      { name: "resource_name", type: "text", value: ({ record: r }) => r.resourceName },
      { name: "role", type: "text", value: ({ record: r }) => r.role },
      { name: "geography", type: "text", value: ({ record: r }) => r.geography },
      { name: "hourly_rate", type: "numeric", value: ({ record: r }) => r.rate },
      { name: "effective_from", type: "date", value: ({ record: r }) => r.effectiveFrom },
      { name: "effective_to", type: "date", value: ({ record: r }) => r.effectiveTo },
      { name: "roll_off_date", type: "date", value: ({ record: r }) => r.rollOffDate },
      { name: "created_at", ...timestamps },
      { name: "updated_at", ...timestamps },
    ],
  };
}

export const rateCardDto = (projectId: string, { id, at, record: r }: Stored<RateCardRecord>) =>
  toRateCardDto({
    id,
    projectId,
    resourceName: r.resourceName,
    role: r.role,
    geography: r.geography,
    hourlyRate: decimal(r.rate),
    effectiveFrom: dateOrNull(r.effectiveFrom),
    effectiveTo: dateOrNull(r.effectiveTo),
    rollOffDate: dateOrNull(r.rollOffDate),
    createdAt: at,
    updatedAt: at,
  });

/** The project's workstream a ledger entry names (matched without regard to case), or null. */
export type WorkstreamOf = (name: string | null) => { id: string; name: string } | null;

export function allocationInsert(
  projectId: string,
  workstreamOf: WorkstreamOf,
): BulkInsert<Stored<AllocationRecord>> {
  return {
    table: "budget_allocations",
    describe: ({ record: a }) => `ledger entry of ${a.amount}${a.date ? ` on ${a.date}` : ""}`,
    columns: [
      { name: "id", type: "uuid", value: (a) => a.id },
      { name: "project_id", type: "uuid", value: () => projectId },
      { name: "amount", type: "numeric", value: ({ record: a }) => a.amount },
      { name: "allocation_date", type: "date", value: ({ record: a }) => a.date },
      { name: "note", type: "text", value: ({ record: a }) => a.note },
      {
        name: "workstream_id",
        type: "uuid",
        value: ({ record: a }) => workstreamOf(a.workstream)?.id ?? null,
      },
      { name: "created_at", ...timestamps },
      { name: "updated_at", ...timestamps },
    ],
  };
}

export const allocationDto = (
  projectId: string,
  workstreamOf: WorkstreamOf,
  { id, at, record: a }: Stored<AllocationRecord>,
) =>
  toAllocationDto({
    id,
    projectId,
    amount: decimal(a.amount),
    workstreamId: workstreamOf(a.workstream)?.id ?? null,
    workstream: workstreamOf(a.workstream),
    allocationDate: dateOrNull(a.date),
    periodStart: null,
    periodEnd: null,
    note: a.note,
    createdAt: at,
    updatedAt: at,
  });

/** What a timesheet entry needs, from a budget file or a CSV row. */
export type TimesheetValues = TimesheetRecord;

export function timesheetInsert<T extends TimesheetValues>(
  projectId: string,
  describe: (t: T) => string,
): BulkInsert<Stored<T>> {
  return {
    table: "timesheet_entries",
    describe: (t) => describe(t.record),
    columns: [
      { name: "id", type: "uuid", value: (t) => t.id },
      { name: "project_id", type: "uuid", value: () => projectId },
      { name: "resource", type: "text", value: ({ record: t }) => t.resource },
      { name: "week_ending", type: "date", value: ({ record: t }) => t.weekEnding },
      { name: "hours", type: "numeric", value: ({ record: t }) => t.hours },
      { name: "rate", type: "numeric", value: ({ record: t }) => t.rate },
      { name: "cost", type: "numeric", value: ({ record: t }) => t.cost },
      { name: "complete_week", type: "bool", value: ({ record: t }) => t.completeWeek },
      { name: "created_at", ...timestamps },
      { name: "updated_at", ...timestamps },
    ],
  };
}

export const timesheetDto = (projectId: string, { id, at, record: t }: Stored<TimesheetValues>) =>
  toTimesheetDto({
    id,
    projectId,
    resource: t.resource,
    weekEnding: isoToDate(t.weekEnding),
    hours: decimal(t.hours),
    rate: decimal(t.rate),
    cost: decimal(t.cost),
    completeWeek: t.completeWeek,
    createdAt: at,
    updatedAt: at,
  });
