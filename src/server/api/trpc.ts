/**
 * tRPC set-up in three parts: (1) context, (2) init with the error formatter,
 * (3) the procedure chain:
 *
 *   public → protected (verified actor) → org (membership; tenant client and
 *   org role in ctx) → project (project visible; effective project role in ctx)
 *   → projectAction(action) (permission matrix).
 *
 * Cross-org or invisible resources answer NOT_FOUND; a missing permission
 * answers FORBIDDEN.
 */
import { randomUUID } from "node:crypto";
import { initTRPC, TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import type { AppSession } from "@/server/auth/session";
import { getCentralDb, type CentralDb } from "@/server/db/central";
import { getTenantDb } from "@/server/db/tenant";
import { requestLogger } from "@/server/logger";
import { transformer } from "./transformer";
import { DomainError, type DomainErrorCode } from "@/domain/errors";
import {
  can,
  canOrg,
  effectiveProjectRole,
  type OrgAction,
  type OrgRole,
  type ProjectAction,
} from "@/domain/permissions";
import { auditActor, type Actor } from "@/server/context-types";
import { loadProjectAccess } from "@/server/services/project-access";
import {
  accessCaches,
  cachedOrgAccess,
  cachedProjectAccess,
  cachedUser,
  type AccessCaches,
} from "@/server/cache/access";
import { cacheKey } from "@/server/cache/ttl-cache";
import { ensureIndicatorsFresh } from "@/server/services/indicators";
import { today } from "@/server/clock";
import { dateToIso } from "@/domain/dates";

/* ------------------------------------------------------------------ 1. context */

export type InnerContextOptions = {
  session: AppSession | null;
  /** Admin scripts may act as the system; never set from an HTTP request. */
  system?: boolean;
  headers?: Headers;
  correlationId?: string;
  centralDb?: CentralDb;
  /** This instance's access caches (tests pass a second set to play another instance). */
  caches?: AccessCaches;
};

const CORRELATION_RE = /^[A-Za-z0-9._:-]{8,64}$/;

/** Context without any Next.js dependency: used by HTTP, scripts and tests. */
export function createInnerContext(opts: InnerContextOptions) {
  const headerId = opts.headers?.get("x-correlation-id");
  const correlationId =
    opts.correlationId ?? (headerId && CORRELATION_RE.test(headerId) ? headerId : randomUUID());
  return {
    session: opts.session,
    system: opts.system === true,
    headers: opts.headers ?? new Headers(),
    correlationId,
    centralDb: opts.centralDb ?? getCentralDb(),
    caches: opts.caches ?? accessCaches(),
    // A child logger is built only when something is logged.
    log: requestLogger(correlationId),
  };
}

export type Context = ReturnType<typeof createInnerContext>;

/* --------------------------------------------------------------------- 2. init */

const DOMAIN_TO_TRPC: Record<DomainErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  INVALID: "BAD_REQUEST",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  UNAUTHORIZED: "UNAUTHORIZED",
};

/** What callers see for any INTERNAL_SERVER_ERROR; the details go to the log under the correlation id. */
export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. Quote the correlation id if you report it.";

const t = initTRPC.context<Context>().create({
  // superjson on the wire; responses written by a faster serializer in the same format.
  transformer,
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    const isInternal = error.code === "INTERNAL_SERVER_ERROR";
    let fieldErrors: Record<string, string[]> | undefined;
    let formErrors: string[] | undefined;
    if (error.code === "BAD_REQUEST" && cause instanceof ZodError) {
      const flat = z.flattenError(cause);
      fieldErrors = flat.fieldErrors as Record<string, string[]>;
      formErrors = flat.formErrors;
    } else if (cause instanceof DomainError && cause.fieldErrors) {
      fieldErrors = cause.fieldErrors;
    }
    return {
      message: isInternal ? INTERNAL_ERROR_MESSAGE : shape.message,
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        correlationId: ctx?.correlationId ?? null,
        fieldErrors: fieldErrors ?? null,
        formErrors: formErrors ?? null,
        details: cause instanceof DomainError ? (cause.details ?? null) : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/* --------------------------------------------------------------- 3. procedures */

function prismaCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^P\d{4}$/.test(code) ? code : undefined;
}

/** Turns domain and database errors into transport errors; logs the rest. */
const errorMapping = t.middleware(async ({ ctx, next, path, type }) => {
  const started = performance.now();
  const result = await next();
  const ms = Math.round(performance.now() - started);
  if (result.ok) {
    ctx.log.debug({ path, type, ms }, "procedure ok");
    return result;
  }
  const cause = result.error.cause;
  if (cause instanceof DomainError) {
    throw new TRPCError({ code: DOMAIN_TO_TRPC[cause.code], message: cause.message, cause });
  }
  if (result.error.code === "BAD_REQUEST" && cause instanceof ZodError) {
    throw new TRPCError({ code: "BAD_REQUEST", message: summarizeZod(cause), cause });
  }
  const pcode = prismaCode(cause);
  if (pcode === "P2002") throw new TRPCError({ code: "CONFLICT", message: "That already exists", cause });
  if (pcode === "P2025") throw new TRPCError({ code: "NOT_FOUND", message: "Not found", cause });
  if (result.error.code === "INTERNAL_SERVER_ERROR") {
    ctx.log.error({ path, type, ms, err: cause ?? result.error }, "procedure failed");
  } else {
    ctx.log.info({ path, type, ms, code: result.error.code }, "procedure refused");
  }
  return result;
});

/** "title: Enter a title; percentComplete: Use 0–100" */
function summarizeZod(err: ZodError): string {
  const parts = err.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message));
  return `Invalid input — ${parts.join("; ")}${err.issues.length > 5 ? ` (+${err.issues.length - 5} more)` : ""}`;
}

export const publicProcedure = t.procedure.use(errorMapping);

/** A verified actor: a live session whose user still exists, is active and whose session version matches. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  let actor: Actor;
  if (ctx.system) {
    actor = { kind: "system" };
  } else {
    const s = ctx.session;
    if (!s) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in" });
    // Cached for a few seconds per instance; a logout-everywhere or deactivation drops the entry everywhere.
    const user = await cachedUser(ctx.caches, s.user.id, () =>
      ctx.centralDb.user.findUnique({
        where: { id: s.user.id },
        select: { id: true, email: true, name: true, sessionVersion: true, deactivatedAt: true, deletedAt: true },
      }),
    );
    if (!user || user.deactivatedAt || user.deletedAt || user.sessionVersion !== s.sessionVersion) {
      throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session has ended; please sign in again" });
    }
    actor = { kind: "user", userId: user.id, email: user.email, name: user.name };
  }
  return next({ ctx: { actor, audit: auditActor(actor, ctx.correlationId) } });
});

/** Only admin scripts (the system actor). */
export const systemProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.actor.kind !== "system") throw new TRPCError({ code: "FORBIDDEN", message: "Operators only" });
  return next();
});

export const ZOrgScope = z.object({ orgSlug: z.string().min(1).max(48) });

/** Matches no membership row (the system actor has none). */
const NO_USER = "00000000-0000-0000-0000-000000000000";

export const orgProcedure = protectedProcedure.input(ZOrgScope).use(async ({ ctx, input, next }) => {
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  // The org and the caller's membership in one query, cached for a few seconds per instance.
  const access = await cachedOrgAccess(ctx.caches, userId, input.orgSlug, async () => {
    const found = await ctx.centralDb.organization.findFirst({
      where: { slug: input.orgSlug, deletedAt: null, status: "active" },
      select: {
        id: true,
        name: true,
        slug: true,
        databaseName: true,
        clusterKey: true,
        settings: true,
        memberships: { where: { userId: userId ?? NO_USER }, select: { role: true, deactivatedAt: true }, take: 1 },
      },
    });
    if (!found) return null;
    const { memberships, ...org } = found;
    return { org, membership: memberships[0] ?? null };
  });
  let orgRole: OrgRole | null = null;
  if (access && ctx.actor.kind === "system") orgRole = "owner";
  else if (access?.membership && !access.membership.deactivatedAt) orgRole = access.membership.role;
  // Never confirm that an org the caller does not belong to exists.
  if (!access || !orgRole) throw new TRPCError({ code: "NOT_FOUND", message: "Organization not found" });
  const org = access.org;
  return next({ ctx: { org, orgRole, db: getTenantDb(org) } });
});

export const orgAction = (action: OrgAction) =>
  orgProcedure.use(({ ctx, next }) => {
    if (!canOrg(ctx.orgRole, action))
      throw new TRPCError({ code: "FORBIDDEN", message: `You may not ${describe(action)}` });
    return next();
  });

export const ZProjectScope = z.object({ projectId: z.uuid({ error: "Not a project id" }) });

export const projectProcedure = orgProcedure.input(ZProjectScope).use(async ({ ctx, input, next }) => {
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const access = await cachedProjectAccess(ctx.caches, ctx.org, input.projectId, userId, () =>
    loadProjectAccess(ctx.db, input.projectId, userId),
  );
  const projectRole = access ? effectiveProjectRole(ctx.orgRole, access.role) : null;
  if (!access || !projectRole) throw new TRPCError({ code: "NOT_FOUND", message: "Project not found" });
  // Indicators go stale as days pass: the first access of a day refreshes them.
  const day = today();
  if (!access.project.indicatorsAsOf || dateToIso(access.project.indicatorsAsOf) < day) {
    await ensureIndicatorsFresh(ctx.db, access.project, day);
    ctx.caches.projectAccess.invalidatePrefix(cacheKey(ctx.org.id, input.projectId, ""));
  }
  return next({ ctx: { project: access.project, projectRole } });
});

export const projectAction = (action: ProjectAction) =>
  projectProcedure.use(({ ctx, next }) => {
    if (!can(ctx.projectRole, action))
      throw new TRPCError({ code: "FORBIDDEN", message: `You may not ${describe(action)}` });
    return next();
  });

function describe(action: string): string {
  const words: Record<string, string> = {
    "project.view": "view this project",
    "item.create": "create items in this project",
    "item.editOwn": "edit items in this project",
    "item.editAny": "edit other people's items",
    "item.delete": "delete or restore items",
    "project.manage": "change this project's settings",
    "project.admin": "manage this project's members",
    "org.manageMembers": "manage this organization's members",
    "org.manageSettings": "change this organization's settings",
    "org.createProject": "create projects here",
    "org.delete": "delete this organization",
    "org.transferOwnership": "transfer ownership",
  };
  return words[action] ?? action;
}
