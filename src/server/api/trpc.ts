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
import { initTRPC, tracked, TRPCError, type TrackedEnvelope } from "@trpc/server";
import { z, ZodError } from "zod";
import type { AppSession } from "@/server/auth/session";
import { getCentralDb, type CentralDb } from "@/server/db/central";
import { getTenantDb, type TenantDb } from "@/server/db/tenant";
import { requestLogger, type LogMethods } from "@/server/logger";
import { transformer } from "./transformer";
import { DomainError, type DomainErrorCode } from "@/domain/errors";
import { can, canOrg, describeAction, type OrgAction, type ProjectAction } from "@/domain/permissions";
import { auditActor, type Actor } from "@/server/context-types";
import { accessCaches, type AccessCaches } from "@/server/cache/access";
import { cacheKey } from "@/server/cache/ttl-cache";
import {
  orgAccessOf,
  projectAccessOfCached,
  recheckProjectAccess,
  verifySessionUserCached,
  type AccessVerdict,
} from "@/server/services/access";
import { isOrgReadOnly, READ_ONLY_MESSAGE } from "@/domain/org-maintenance";
import { refreshIndicatorsAndNotify } from "@/server/services/notification-triggers";
import { today } from "@/server/clock";
import { dateToIso } from "@/domain/dates";
import { parseBearer, type BearerHeader } from "@/domain/api-tokens";
import { authenticateApiToken } from "@/server/services/api-tokens";
import { clientIp } from "@/server/auth/ip";
import { DB_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/server/db/errors";
import { describePath, fieldErrorsAt, findNul, NUL_MESSAGE } from "@/domain/input-text";

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

/** The caller's x-correlation-id when well-formed, else a new id. */
export function correlationIdFrom(headers?: Headers): string {
  const headerId = headers?.get("x-correlation-id");
  return headerId && CORRELATION_RE.test(headerId) ? headerId : randomUUID();
}

/**
 * Context without any Next.js dependency: used by HTTP, scripts and tests.
 *
 * A request with an `Authorization` header is an API-token call: its cookie
 * session (if any) is ignored, so a request carrying both acts only as the
 * token (never with the session's wider reach) — the token is checked by
 * `protectedProcedure`, and a bad one is refused rather than falling back to
 * the cookie.
 */
export function createInnerContext(opts: InnerContextOptions) {
  const correlationId = opts.correlationId ?? correlationIdFrom(opts.headers);
  const bearer: BearerHeader = opts.system
    ? { kind: "none" }
    : parseBearer(opts.headers?.get("authorization"));
  return {
    session: bearer.kind === "none" ? opts.session : null,
    bearer,
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

const SSE_PING_MS = 15_000;
const SSE_RECONNECT_AFTER_MS = 45_000;

const DOMAIN_TO_TRPC: Record<DomainErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  INVALID: "BAD_REQUEST",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  UNAUTHORIZED: "UNAUTHORIZED",
};

/** What callers see for any INTERNAL_SERVER_ERROR; the details go to the log under the correlation id. */
export const INTERNAL_ERROR_MESSAGE =
  "Something went wrong on our side. Quote the correlation id if you report it.";

const t = initTRPC.context<Context>().create({
  // superjson on the wire; responses written by a faster serializer in the same format.
  transformer,
  // Subscriptions (live updates, the assistant's answers) stream as Server-Sent Events.
  // A comment now and then keeps proxies from closing a quiet stream; a client that
  // hears nothing for longer reconnects (and a live-updates stream then resyncs).
  sse: {
    ping: { enabled: true, intervalMs: SSE_PING_MS },
    client: { reconnectAfterInactivityMs: SSE_RECONNECT_AFTER_MS },
  },
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

const SESSION_ENDED = "Your session has ended; please sign in again";
const ORG_NOT_FOUND = "Organization not found";
const PROJECT_NOT_FOUND = "Project not found";

/** The transport error for a domain or database error; undefined when `cause` is neither. */
function mappedError(cause: unknown): TRPCError | undefined {
  if (cause instanceof DomainError)
    return new TRPCError({ code: DOMAIN_TO_TRPC[cause.code], message: cause.message, cause });
  const pcode = prismaCode(cause);
  if (pcode === "P2002") return new TRPCError({ code: "CONFLICT", message: "That already exists", cause });
  if (pcode === "P2025") return new TRPCError({ code: "NOT_FOUND", message: "Not found", cause });
  // A write that passed the read-only check just before a move began (see services/org-move.ts).
  if (isReadOnlyDbError(cause))
    return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: READ_ONLY_MESSAGE, cause });
  // The database is down or restarting: a quick 503 with one stable message (src/server/db/errors.ts).
  if (isDatabaseUnavailable(cause))
    return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: DB_UNAVAILABLE_MESSAGE, cause });
  return undefined;
}

/** PostgreSQL refused a write because the database is read-only (an org database being moved). */
function isReadOnlyDbError(err: unknown): boolean {
  const e = err as
    | { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } }
    | null
    | undefined;
  return e?.code === "25006" || e?.meta?.driverAdapterError?.cause?.originalCode === "25006";
}

/** Turns domain and database errors into transport errors; logs the rest. */
const errorMapping = t.middleware(async ({ ctx, next, path, type }) => {
  const started = performance.now();
  const result = await next();
  const ms = Math.round(performance.now() - started);
  if (result.ok) {
    ctx.log.debug({ path, type, ms }, "procedure ok");
    // A subscription's errors surface while it streams, after this middleware returned: map them there.
    if (type === "subscription" && isAsyncIterable(result.data)) {
      return { ...result, data: mapStreamErrors(result.data, ctx.log, path) };
    }
    return result;
  }
  const cause = result.error.cause;
  const mapped = mappedError(cause);
  if (mapped) throw mapped;
  if (result.error.code === "BAD_REQUEST" && cause instanceof ZodError) {
    throw new TRPCError({ code: "BAD_REQUEST", message: summarizeZod(cause), cause });
  }
  if (result.error.code === "INTERNAL_SERVER_ERROR") {
    ctx.log.error({ path, type, ms, err: cause ?? result.error }, "procedure failed");
  } else {
    ctx.log.info({ path, type, ms, code: result.error.code }, "procedure refused");
  }
  return result;
});

function isAsyncIterable(v: unknown): v is AsyncIterable<unknown> {
  return typeof v === "object" && v !== null && Symbol.asyncIterator in v;
}

/**
 * Passes a subscription's events through (its `return()` too, so the
 * source's clean-up runs when the client goes away) and maps its errors the
 * way the middleware maps a call's: domain errors to their codes, anything
 * unexpected logged and sent as INTERNAL_SERVER_ERROR (masked by the formatter).
 */
async function* mapStreamErrors<T>(
  source: AsyncIterable<T>,
  log: LogMethods,
  path: string,
): AsyncGenerator<T, void, undefined> {
  try {
    yield* source;
  } catch (err) {
    if (err instanceof TRPCError) {
      if (err.code === "INTERNAL_SERVER_ERROR")
        log.error({ path, err: err.cause ?? err }, "subscription failed");
      throw err;
    }
    if (err instanceof Error && err.name === "AbortError") throw err;
    const mapped = mappedError(err);
    if (mapped) {
      log.info({ path, code: mapped.code }, "subscription ended");
      throw mapped;
    }
    log.error({ path, err }, "subscription failed");
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: INTERNAL_ERROR_MESSAGE, cause: err });
  }
}

/** "title: Enter a title; percentComplete: Use 0–100" */
function summarizeZod(err: ZodError): string {
  const parts = err.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message));
  return `Invalid input — ${parts.join("; ")}${err.issues.length > 5 ? ` (+${err.issues.length - 5} more)` : ""}`;
}

/**
 * Procedures an API token may call: those scoped to an org (input through
 * ZOrgScope), registered by root.ts from the router itself, minus the ones
 * listed in TOKEN_FORBIDDEN. Everything else (auth.*, user.*, org.list,
 * org.create) refuses a token. Until registered, no procedure accepts one.
 */
let tokenPaths: ReadonlySet<string> = new Set();
/** A token cannot mint tokens. */
export const TOKEN_FORBIDDEN: ReadonlySet<string> = new Set(["apiToken.create"]);

export function registerTokenProcedures(paths: Iterable<string>): void {
  tokenPaths = new Set([...paths].filter((p) => !TOKEN_FORBIDDEN.has(p)));
}

export function tokenMayCall(path: string): boolean {
  return tokenPaths.has(path);
}

/**
 * An API-token call to a procedure tokens may not use is refused before anything else runs.
 * Subscriptions too: their re-checks follow a session, so live streams need a browser session.
 */
const tokenScope = t.middleware(({ ctx, path, type, next }) => {
  if (ctx.bearer.kind !== "none" && (type === "subscription" || !tokenMayCall(path)))
    throw new TRPCError({ code: "FORBIDDEN", message: `API tokens cannot call ${path}` });
  return next();
});

/**
 * A NUL character (U+0000) anywhere in the input — PostgreSQL cannot store it in text — is
 * refused here, once for every procedure, as a field-level BAD_REQUEST (src/domain/input-text.ts).
 */
const refuseNul = t.middleware(async ({ getRawInput, next }) => {
  const found = findNul(await getRawInput());
  if (found) {
    throw new DomainError("INVALID", `Invalid input — ${describePath(found.path)}: ${NUL_MESSAGE}`, {
      fieldErrors: fieldErrorsAt(found.path, NUL_MESSAGE),
    });
  }
  return next();
});

export const publicProcedure = t.procedure.use(errorMapping).use(tokenScope).use(refuseNul);

/**
 * A verified actor: a live session whose user still exists, is active, whose session version matches
 * and whose device session (if the token has one) has not been ended — see `loadSessionActor`.
 */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next, path }) => {
  let actor: Actor;
  /** Set for an API-token call: the token and the only org it may act in. */
  let apiToken: { id: string; orgId: string } | null = null;
  if (ctx.system) {
    actor = { kind: "system" };
  } else if (ctx.bearer.kind === "malformed") {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Invalid API token" });
  } else if (ctx.bearer.kind === "token") {
    const auth = await authenticateApiToken(ctx.centralDb, ctx.bearer.token, {
      ip: clientIp(ctx.headers),
      correlationId: ctx.correlationId,
      path,
    });
    if (!auth.ok) throw new TRPCError({ code: auth.code, message: auth.message });
    actor = auth.user;
    apiToken = { id: auth.tokenId, orgId: auth.orgId };
  } else {
    const s = ctx.session;
    if (!s) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in" });
    // Cached for a few seconds per instance; ending a session, a sign-out everywhere or a
    // deactivation drops the entry on every instance (src/server/cache/access.ts).
    const user = await verifySessionUserCached(ctx.centralDb, s, ctx.caches);
    if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: SESSION_ENDED });
    actor = user;
  }
  return next({ ctx: { actor, apiToken, audit: auditActor(actor, ctx.correlationId) } });
});

/** Only admin scripts (the system actor). */
export const systemProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.actor.kind !== "system") throw new TRPCError({ code: "FORBIDDEN", message: "Operators only" });
  return next();
});

export const ZOrgScope = z.object({ orgSlug: z.string().min(1).max(48) });

export const orgProcedure = protectedProcedure.input(ZOrgScope).use(async ({ ctx, input, next, type }) => {
  // The org and the caller's membership in one query, cached for a few seconds per instance.
  const access = await orgAccessOf(
    ctx.centralDb,
    ctx.actor.kind === "user" ? ctx.actor.userId : null,
    input.orgSlug,
    ctx.caches,
  );
  // Never confirm that an org the caller does not belong to exists; a token knows only its own org.
  if (!access || (ctx.apiToken && access.org.id !== ctx.apiToken.orgId))
    throw new TRPCError({ code: "NOT_FOUND", message: ORG_NOT_FOUND });
  const { org, orgRole } = access;
  // While its database moves to another cluster (npm run admin -- move-org) an org is read-only.
  const readOnly = isOrgReadOnly(org.settings);
  if (readOnly && type === "mutation")
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: READ_ONLY_MESSAGE });
  return next({ ctx: { org, orgRole, readOnly, db: getTenantDb(org) } });
});

export const orgAction = (action: OrgAction) =>
  orgProcedure.use(({ ctx, next }) => {
    if (!canOrg(ctx.orgRole, action))
      throw new TRPCError({ code: "FORBIDDEN", message: `You may not ${describeAction(action)}` });
    return next();
  });

export const ZProjectScope = z.object({ projectId: z.uuid({ error: "Not a project id" }) });

export const projectProcedure = orgProcedure.input(ZProjectScope).use(async ({ ctx, input, next, type }) => {
  const access = await projectAccessOfCached(
    ctx.db,
    ctx.org,
    input.projectId,
    ctx.actor.kind === "user" ? ctx.actor.userId : null,
    ctx.orgRole,
    ctx.caches,
  );
  if (!access) throw new TRPCError({ code: "NOT_FOUND", message: PROJECT_NOT_FOUND });
  // Indicators go stale as days pass: the first access of a day refreshes them (not while the org is read-only).
  const day = today();
  const { indicatorsAsOf } = access.project;
  if (!ctx.readOnly && (!indicatorsAsOf || dateToIso(indicatorsAsOf) < day)) {
    await refreshIndicatorsAndNotify(ctx, access.project, day);
    ctx.caches.projectAccess.invalidatePrefix(cacheKey(ctx.org.id, input.projectId, ""));
    ctx.caches.projectReads.invalidatePrefix(cacheKey(ctx.org.id, input.projectId, ""));
  }
  const result = await next({ ctx: { project: access.project, projectRole: access.projectRole } });
  // Committed by now: drop cached answers a read may have stored between the write and its commit.
  if (type === "mutation" && result.ok)
    ctx.caches.projectReads.invalidatePrefix(cacheKey(ctx.org.id, input.projectId, ""));
  return result;
});

/**
 * For an open subscription of a project procedure: is everything the chain
 * checked at its start still true (session, org membership, project role)?
 */
export function recheckProject(ctx: {
  centralDb: CentralDb;
  db: TenantDb;
  session: AppSession | null;
  system: boolean;
  org: { id: string; slug: string };
  project: { id: string };
}): () => Promise<AccessVerdict> {
  return () =>
    recheckProjectAccess({
      centralDb: ctx.centralDb,
      db: ctx.db,
      session: ctx.session,
      system: ctx.system,
      orgSlug: ctx.org.slug,
      orgId: ctx.org.id,
      projectId: ctx.project.id,
    });
}

export const projectAction = (action: ProjectAction) =>
  projectProcedure.use(({ ctx, next }) => {
    if (!can(ctx.projectRole, action))
      throw new TRPCError({ code: "FORBIDDEN", message: `You may not ${describeAction(action)}` });
    return next();
  });

/**
 * A service's `{id, data}` events as tRPC tracked events: the id goes out as
 * the SSE event id, and a client that reconnects sends the last one back as
 * `lastEventId` in its input.
 */
export async function* trackedStream<T>(
  source: AsyncIterable<{ id: string; data: T }>,
): AsyncGenerator<TrackedEnvelope<T>, void, undefined> {
  for await (const e of source) yield tracked(e.id, e.data);
}
