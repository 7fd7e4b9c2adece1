/**
 * Budget (SPEC §5): metrics, the v1 Budget YAML import, and the records the
 * metrics come from — the rate card, allocations and timesheets (with the
 * CSV upload). Reading: everyone on the project; editing: project managers
 * and admins. The org-wide rate card: every member reads it, org owners and
 * admins edit it; project-specific entries follow that project's roles.
 */
import { cachedProjectRead } from "@/server/cache/project-reads";
import { createTRPCRouter, orgProcedure, projectAction } from "@/server/api/trpc";
import type { OrgRole } from "@/domain/permissions";
import type { Actor, AuditActor } from "@/server/context-types";
import type { TenantDb } from "@/server/db/tenant";
import { budgetMetrics } from "@/server/services/budget";
import { budgetOverview } from "@/server/services/budget-overview";
import { importBudgetYaml } from "@/server/services/budget-import";
import {
  assertRateCardAccess,
  createRateCardEntry,
  deleteRateCardEntry,
  listRateCard,
  rateCardEntryScope,
  updateRateCardEntry,
} from "@/server/services/budget-rate-card";
import {
  createAllocation,
  deleteAllocation,
  listAllocations,
  updateAllocation,
} from "@/server/services/budget-allocations";
import {
  createTimesheet,
  deleteTimesheet,
  importTimesheetCsv,
  listTimesheets,
  previewTimesheetCsv,
  updateTimesheet,
} from "@/server/services/budget-timesheets";
import {
  ZById,
  ZCreateAllocation,
  ZCreateRateCard,
  ZCreateTimesheet,
  ZImportBudgetYaml,
  ZImportTimesheetCsv,
  ZListRateCard,
  ZListTimesheets,
  ZPreviewTimesheetCsv,
  ZUpdateAllocation,
  ZUpdateRateCard,
  ZUpdateTimesheet,
} from "@/contracts/budget";

const view = projectAction("project.view");
const manage = projectAction("project.manage");

type ProjectCtx = { db: TenantDb; audit: AuditActor; project: { id: string } };
/** A procedure that writes the project's records: the service gets the db, the auditor, the project and the input. */
const projectWrite =
  <I, R>(service: (db: TenantDb, actor: AuditActor, projectId: string, input: I) => Promise<R>) =>
  ({ ctx, input }: { ctx: ProjectCtx; input: I }) =>
    service(ctx.db, ctx.audit, ctx.project.id, input);
/** The same for a delete, whose service takes the record's id. */
const projectDelete = <R>(
  service: (db: TenantDb, actor: AuditActor, projectId: string, id: string) => Promise<R>,
) => projectWrite((db, actor, projectId, { id }: { id: string }) => service(db, actor, projectId, id));

const rateCardCaller = (ctx: { actor: Actor; orgRole: OrgRole }) => ({
  userId: ctx.actor.kind === "user" ? ctx.actor.userId : null,
  orgRole: ctx.orgRole,
});

const ENTRY_NOT_FOUND = "Rate-card entry not found";

const rateCardRouter = createTRPCRouter({
  /** The org-wide card; with `projectId`, the entries that apply to that project (its own and the org-wide ones). */
  list: orgProcedure.input(ZListRateCard).query(async ({ ctx, input }) => {
    await assertRateCardAccess(ctx.db, rateCardCaller(ctx), input.projectId ?? null, "view");
    return listRateCard(ctx.db, input.projectId ?? null);
  }),
  create: orgProcedure.input(ZCreateRateCard).mutation(async ({ ctx, input }) => {
    await assertRateCardAccess(ctx.db, rateCardCaller(ctx), input.projectId ?? null, "edit");
    return createRateCardEntry(ctx.db, ctx.audit, input);
  }),
  update: orgProcedure.input(ZUpdateRateCard).mutation(async ({ ctx, input }) => {
    const scope = await rateCardEntryScope(ctx.db, input.id);
    await assertRateCardAccess(ctx.db, rateCardCaller(ctx), scope, "edit", ENTRY_NOT_FOUND);
    return updateRateCardEntry(ctx.db, ctx.audit, input);
  }),
  delete: orgProcedure.input(ZById).mutation(async ({ ctx, input }) => {
    const scope = await rateCardEntryScope(ctx.db, input.id);
    await assertRateCardAccess(ctx.db, rateCardCaller(ctx), scope, "edit", ENTRY_NOT_FOUND);
    return deleteRateCardEntry(ctx.db, ctx.audit, input.id);
  }),
});

const allocationRouter = createTRPCRouter({
  list: view.query(({ ctx }) => listAllocations(ctx.db, ctx.project.id)),
  create: manage.input(ZCreateAllocation).mutation(projectWrite(createAllocation)),
  update: manage.input(ZUpdateAllocation).mutation(projectWrite(updateAllocation)),
  delete: manage.input(ZById).mutation(projectDelete(deleteAllocation)),
});

const timesheetRouter = createTRPCRouter({
  list: view.input(ZListTimesheets).query(({ ctx, input }) => listTimesheets(ctx.db, ctx.project.id, input)),
  create: manage.input(ZCreateTimesheet).mutation(projectWrite(createTimesheet)),
  update: manage.input(ZUpdateTimesheet).mutation(projectWrite(updateTimesheet)),
  delete: manage.input(ZById).mutation(projectDelete(deleteTimesheet)),
  /** Detected columns, a suggested mapping, parsed rows and per-row errors; writes nothing. */
  previewCsv: manage
    .input(ZPreviewTimesheetCsv)
    .mutation(({ ctx, input }) => previewTimesheetCsv(ctx.db, ctx.project.id, input)),
  /** All or nothing: any bad row refuses the whole file. */
  importCsv: manage.input(ZImportTimesheetCsv).mutation(projectWrite(importTimesheetCsv)),
});

export const budgetRouter = createTRPCRouter({
  metrics: view.query(({ ctx }) =>
    cachedProjectRead(ctx, "budget.metrics", undefined, () => budgetMetrics(ctx.db, ctx.project.id)),
  ),
  /** Counts, workstreams and resource names for the budget screens. */
  overview: view.query(({ ctx }) => budgetOverview(ctx.db, ctx.project.id)),
  /** The v1 Budget YAML alone, into this project; refuses if it has budget data unless `replace`. */
  importYaml: manage
    .input(ZImportBudgetYaml)
    .mutation(({ ctx, input }) => importBudgetYaml(ctx.db, ctx.audit, ctx.project, input)),
  rateCard: rateCardRouter,
  allocation: allocationRouter,
  timesheet: timesheetRouter,
});
