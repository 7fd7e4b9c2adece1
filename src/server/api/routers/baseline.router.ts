import { createTRPCRouter, projectAction } from "@/server/api/trpc";
import { z } from "zod";
import { today } from "@/server/clock";
import {
  compareWithBaseline,
  createBaseline,
  deleteBaseline,
  getBaseline,
  listBaselines,
} from "@/server/services/risk-schedule";
import { ZBaselineName, ZBaselineRef } from "@/contracts/risk-schedule";

/** Baselines of a project's plan (SPEC §13): snapshot, list, get (ghost bars), compare, delete. */
export const baselineRouter = createTRPCRouter({
  create: projectAction("project.manage")
    .input(z.object({ name: ZBaselineName }))
    .mutation(({ ctx, input }) => createBaseline(ctx.db, ctx.audit, ctx.project.id, input.name, today())),

  list: projectAction("project.view").query(({ ctx }) => listBaselines(ctx.db, ctx.project.id)),

  get: projectAction("project.view")
    .input(ZBaselineRef)
    .query(({ ctx, input }) => getBaseline(ctx.db, ctx.project.id, input.baselineId)),

  compare: projectAction("project.view")
    .input(ZBaselineRef)
    .query(({ ctx, input }) => compareWithBaseline(ctx.db, ctx.project.id, input.baselineId, today())),

  delete: projectAction("project.manage")
    .input(ZBaselineRef)
    .mutation(({ ctx, input }) => deleteBaseline(ctx.db, ctx.audit, ctx.project.id, input.baselineId)),
});
