import {
  createTRPCRouter,
  orgAction,
  orgProcedure,
  projectAction,
  projectProcedure,
} from "@/server/api/trpc";
import { z } from "zod";
import { createProject, getProject, listProjects, setProjectRole } from "@/server/services/projects";
import { importProject, parseImportFiles } from "@/server/services/import";
import { exportProject } from "@/server/services/export";
import { projectDashboard } from "@/server/services/dashboard";
import { today } from "@/server/clock";
import { ZCreateProject, ZSetProjectRole } from "./project.schema";
import { ZExport } from "./export.schema";

const MAX_FILE = 5_000_000;

export const projectRouter = createTRPCRouter({
  create: orgAction("org.createProject")
    .input(ZCreateProject)
    .mutation(({ ctx, input }) => createProject(ctx.db, ctx.audit, input)),

  list: orgProcedure.query(({ ctx }) =>
    listProjects(ctx.db, {
      userId: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      orgRole: ctx.orgRole,
    }),
  ),

  get: projectProcedure.query(async ({ ctx }) => ({
    ...(await getProject(ctx.db, ctx.project.id)),
    role: ctx.projectRole,
  })),

  dashboard: projectAction("project.view").query(({ ctx }) => projectDashboard(ctx.db, ctx.project.id, today())),

  /** Imports v1 YAML (RAID log + optional Budget file) into a new project, all or nothing. */
  importYaml: orgAction("org.createProject")
    .input(
      z.object({
        raid: z.string().min(1, "The RAID log is empty").max(MAX_FILE, "The RAID log is larger than 5 MB"),
        budget: z.string().max(MAX_FILE, "The budget file is larger than 5 MB").nullish(),
        name: z.string().trim().min(1).max(200).optional(),
      }),
    )
    .mutation(({ ctx, input }) => importProject(ctx.db, ctx.audit, parseImportFiles(input.raid, input.budget), today(), { name: input.name })),

  export: projectAction("project.view")
    .input(ZExport)
    .query(({ ctx, input }) => {
      const t = today();
      return exportProject(ctx.db, ctx.project.id, { ...input, asOf: input.asOf ?? t, today: t });
    }),

  setRole: projectAction("project.admin")
    .input(ZSetProjectRole)
    .mutation(({ ctx, input }) =>
      setProjectRole(
        ctx.db,
        ctx.centralDb,
        ctx.audit,
        { orgId: ctx.org.id, projectId: ctx.project.id },
        input,
      ),
    ),
});
