import {
  createTRPCRouter,
  orgAction,
  orgProcedure,
  projectAction,
  projectProcedure,
  recheckProject,
  trackedStream,
} from "@/server/api/trpc";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  createProject,
  deleteProject,
  getProject,
  listProjectMembers,
  listProjects,
  setProjectRole,
  updateProject,
} from "@/server/services/projects";
import {
  addWorkstream,
  listWorkstreams,
  removeWorkstream,
  renameWorkstream,
  reorderWorkstreams,
} from "@/server/services/workstreams";
import { importIntoProject, importProject, parseImportFiles } from "@/server/services/import";
import { previewImport } from "@/server/services/import-preview";
import { importItemTable, previewItemTable } from "@/server/services/item-table-import";
import { assignableMembers, linkAssignees } from "@/server/services/assignees";
import { encodeExportFile, exportProject } from "@/server/services/export";
import { projectDashboard } from "@/server/services/dashboard";
import { projectTimeline } from "@/server/services/timeline";
import { cachedProjectRead } from "@/server/cache/project-reads";
import { today } from "@/server/clock";
import { projectChanges } from "@/server/services/live-updates";
import {
  ZCreateProject,
  ZOnChange,
  ZSetProjectRole,
  ZUpdateProject,
  ZWorkstreamName,
} from "@/contracts/project";
import { ZExport } from "@/contracts/export";
import {
  ZImportInto,
  ZImportYaml,
  ZItemTableImport,
  ZItemTableImportInto,
  ZItemTablePreview,
} from "@/contracts/import";
import { ZForecast } from "@/contracts/risk-schedule";
import { ZStatusReport } from "@/contracts/assistant-actions";
import { statusReport } from "@/server/services/status-report";
import { projectCriticalPath, projectForecast, riskRegister } from "@/server/services/risk-schedule";

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

  /**
   * Live updates (Server-Sent Events through httpSubscriptionLink): `ready`, then a
   * `change` per committed change and `resync` when changes may have been missed.
   * Ends (UNAUTHORIZED / NOT_FOUND) once the session, membership or role lapses.
   */
  onChange: projectProcedure.input(ZOnChange).subscription(({ ctx, input, signal }) =>
    trackedStream(
      projectChanges(ctx.org, ctx.project.id, {
        recheck: recheckProject(ctx),
        lastEventId: input.lastEventId,
        signal,
      }),
    ),
  ),

  get: projectProcedure.query(async ({ ctx }) => ({
    ...(await getProject(ctx.db, ctx.project.id)),
    role: ctx.projectRole,
  })),

  update: projectAction("project.manage")
    .input(ZUpdateProject)
    .mutation(({ ctx, input }) => updateProject(ctx.db, ctx.audit, ctx.project.id, input)),

  delete: projectAction("project.admin")
    .input(z.object({ confirmName: z.string() }))
    .mutation(({ ctx, input }) => {
      if (input.confirmName.trim() !== ctx.project.name) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "Type the project's name to confirm" });
      }
      return deleteProject(ctx.db, ctx.audit, ctx.project.id);
    }),

  members: projectAction("project.view").query(({ ctx }) =>
    listProjectMembers(ctx.db, ctx.centralDb, ctx.project.id, ctx.org.id),
  ),

  workstream: createTRPCRouter({
    list: projectAction("project.view").query(({ ctx }) => listWorkstreams(ctx.db, ctx.project.id)),
    add: projectAction("project.manage")
      .input(z.object({ name: ZWorkstreamName }))
      .mutation(({ ctx, input }) => addWorkstream(ctx.db, ctx.audit, ctx.project.id, input.name)),
    rename: projectAction("project.manage")
      .input(z.object({ workstreamId: z.uuid(), name: ZWorkstreamName }))
      .mutation(({ ctx, input }) => renameWorkstream(ctx.db, ctx.audit, ctx.project.id, input)),
    reorder: projectAction("project.manage")
      .input(z.object({ order: z.array(z.uuid()).max(100) }))
      .mutation(({ ctx, input }) => reorderWorkstreams(ctx.db, ctx.audit, ctx.project.id, input.order)),
    remove: projectAction("project.manage")
      .input(z.object({ workstreamId: z.uuid() }))
      .mutation(({ ctx, input }) => removeWorkstream(ctx.db, ctx.audit, ctx.project.id, input.workstreamId)),
  }),

  dashboard: projectAction("project.view").query(({ ctx }) =>
    cachedProjectRead(ctx, "project.dashboard", undefined, () =>
      projectDashboard(ctx.db, ctx.project.id, today()),
    ),
  ),

  /** Risk register: every Risk and Issue with scores, heat maps and exposure (SPEC §13). */
  riskRegister: projectAction("project.view").query(({ ctx }) =>
    riskRegister(ctx.db, ctx.project.id, today()),
  ),

  /** CPM over the dated, non-draft items and their dependencies (SPEC §13). */
  criticalPath: projectAction("project.view").query(({ ctx }) => projectCriticalPath(ctx.db, ctx.project.id)),

  /** P50/P80 finish by Monte Carlo; the same seed gives the same answer (SPEC §13). */
  forecast: projectAction("project.view")
    .input(ZForecast)
    .query(({ ctx, input }) => projectForecast(ctx.db, ctx.project.id, { ...input, today: today() })),

  /** Imports v1 YAML (RAID log + optional Budget file) into a new project, all or nothing. */
  importYaml: orgAction("org.createProject")
    .input(ZImportYaml)
    .mutation(async ({ ctx, input }) =>
      importProject(ctx.db, ctx.audit, parseImportFiles(input.raid, input.budget), today(), {
        name: input.name,
        members: await assignableMembers(ctx.centralDb, ctx.org.id),
      }),
    ),

  /** What importYaml would bring in (counts, workstreams, dates, warnings, every error with its line); writes nothing. */
  importPreview: orgAction("org.createProject")
    .input(ZImportYaml)
    .mutation(({ input }) => previewImport(input.raid, input.budget)),

  /** The same files into this project, which must have no items (and, with a budget file, no budget data). */
  importInto: projectAction("project.manage")
    .input(ZImportInto)
    .mutation(async ({ ctx, input }) =>
      importIntoProject(
        ctx.db,
        ctx.audit,
        ctx.project.id,
        parseImportFiles(input.raid, input.budget),
        today(),
        {
          members: await assignableMembers(ctx.centralDb, ctx.org.id),
        },
      ),
    ),

  /** A CSV or Excel item table: headings, first rows, the (suggested) mapping and every row problem; writes nothing. */
  importTablePreview: orgAction("org.createProject")
    .input(ZItemTablePreview)
    .mutation(({ input }) => previewItemTable(input.file, input.mapping)),

  /** A CSV or Excel item table into a new project, all or nothing. */
  importTable: orgAction("org.createProject")
    .input(ZItemTableImport)
    .mutation(async ({ ctx, input }) =>
      importItemTable(ctx.db, ctx.audit, input, today(), await assignableMembers(ctx.centralDb, ctx.org.id)),
    ),

  /** A CSV or Excel item table into this (empty) project, all or nothing. */
  importTableInto: projectAction("project.manage")
    .input(ZItemTableImportInto)
    .mutation(async ({ ctx, input }) =>
      importItemTable(
        ctx.db,
        ctx.audit,
        { file: input.file, mapping: input.mapping, projectId: ctx.project.id },
        today(),
        await assignableMembers(ctx.centralDb, ctx.org.id),
      ),
    ),

  /** Links items whose assignee text names an org member (by e-mail or unique name) to that member. */
  linkAssignees: projectAction("project.manage").mutation(async ({ ctx }) =>
    linkAssignees(ctx.db, ctx.audit, ctx.project.id, await assignableMembers(ctx.centralDb, ctx.org.id)),
  ),

  export: projectAction("project.view")
    .input(ZExport)
    .query(async ({ ctx, input }) => {
      const t = today();
      return encodeExportFile(
        await exportProject(ctx.db, ctx.project.id, { ...input, asOf: input.asOf ?? t, today: t }),
      );
    }),

  /** The Gantt chart's data: every item with dates, progress, today's indicator and dependencies. */
  timeline: projectAction("project.view").query(({ ctx }) =>
    projectTimeline(ctx.db, ctx.project.id, today()),
  ),

  /** The weekly status report as Markdown (SPEC §14). */
  statusReport: projectAction("project.view")
    .input(ZStatusReport)
    .query(async ({ ctx, input }) => ({
      markdown: (await statusReport(ctx.db, ctx.project.id, input.asOf ?? today())).markdown,
    })),

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
