import {
  createTRPCRouter,
  orgAction,
  orgProcedure,
  projectAction,
  projectProcedure,
} from "@/server/api/trpc";
import { createProject, getProject, listProjects, setProjectRole } from "@/server/services/projects";
import { ZCreateProject, ZSetProjectRole } from "./project.schema";

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
