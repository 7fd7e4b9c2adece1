/**
 * The admin CLI's commands (CONTRACT.md). Each one is a thin use of the tRPC
 * caller, except `run-job`, which runs a scheduled job's handler directly
 * (bulk maintenance as the system actor, like the schedule itself), and
 * `move-org`, which moves an org's database between clusters through its
 * service (infrastructure work, audited as the system; not an API procedure).
 */
import { appRouter, createCaller } from "../../src/server/api/root";
import { createInnerContext } from "../../src/server/api/trpc";
import { readFile, writeFile } from "node:fs/promises";
import { isBinaryExportFormat } from "../../src/domain/export/formats";
import { decodeExportContent } from "../../src/server/services/export";
import { getCentralDb } from "../../src/server/db/central";
import { INDICATORS, SEVERITIES } from "../../src/domain/types";
import { randomUUID } from "node:crypto";
import type { ParseArgsConfig } from "node:util";
import { logger } from "../../src/server/logger";
import { isJobName, jobFailure, JOB_NAMES, JOBS, runJob } from "../../src/server/jobs/definitions";
import { abortOrgMove, moveOrg } from "../../src/server/services/org-move";

export type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>;

export type CommandContext = {
  flags: Record<string, string | true>;
  positional: string[];
  generatedPassword: () => string;
  /** Tags this run's log lines and audit rows; printed with an internal error. */
  correlationId?: string;
};

/**
 * A command: its usage line, the flags it takes (parsed by node:util parseArgs,
 * strictly: an unknown or misspelt flag is refused, never silently ignored)
 * and what it does. `--as E` and `--help` are common to all (COMMON_OPTIONS).
 */
type Command = {
  usage: string;
  options: ParseArgsOptionsConfig;
  run: (ctx: CommandContext) => Promise<unknown>;
};

/** Flags that take a value. */
const text = (...names: string[]): ParseArgsOptionsConfig =>
  Object.fromEntries(names.map((n) => [n, { type: "string" as const }]));
/** Flags that are on or off. */
const onOff = (...names: string[]): ParseArgsOptionsConfig =>
  Object.fromEntries(names.map((n) => [n, { type: "boolean" as const }]));

export const COMMON_OPTIONS: ParseArgsOptionsConfig = { ...text("as"), ...onOff("help") };

/** The export filters (see exportFilter). */
const FILTER_OPTIONS = {
  ...text("type", "assignee", "workstream", "status", "rpt", "search"),
  ...onOff("open-only", "critical-only", "no-drafts"),
};

/** Bad flags: reported as BAD_REQUEST. */
export class UsageError extends Error {}

export function flag(ctx: CommandContext, name: string, required: true): string;
export function flag(ctx: CommandContext, name: string, required?: false): string | undefined;
export function flag(ctx: CommandContext, name: string, required = false): string | undefined {
  const v = ctx.flags[name];
  if (v === true || (v === undefined && required)) throw new UsageError(`--${name} <value> is required`);
  return v;
}

/** A caller acting as the system, or as the user named by --as. */
export async function callerFor(ctx: CommandContext) {
  const as = flag(ctx, "as");
  const correlationId = ctx.correlationId;
  if (!as) return createCaller(createInnerContext({ session: null, system: true, correlationId }));
  const user = await getCentralDb().user.findFirst({
    where: { email: as.trim().toLowerCase(), deletedAt: null },
    select: { id: true, email: true, name: true, sessionVersion: true },
  });
  if (!user) throw new UsageError(`No user with e-mail ${as}`);
  return createCaller(
    createInnerContext({
      session: {
        user: { id: user.id, email: user.email, name: user.name },
        orgSlug: null,
        sessionVersion: user.sessionVersion,
        expires: new Date(Date.now() + 60_000).toISOString(),
      },
      correlationId,
    }),
  );
}

function parseJsonFlag(ctx: CommandContext, name: string): Record<string, unknown> {
  const raw = flag(ctx, name);
  if (!raw) return {};
  try {
    const v = JSON.parse(raw) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* reported below */
  }
  throw new UsageError(`--${name} must be a JSON object`);
}

async function readText(ctx: CommandContext, name: string, required: boolean): Promise<string | undefined> {
  const file = required ? flag(ctx, name, true) : flag(ctx, name);
  if (!file) return undefined;
  try {
    return await readFile(file, "utf8");
  } catch {
    throw new UsageError(`Cannot read --${name} ${file}`);
  }
}

const list = (ctx: CommandContext, name: string) =>
  flag(ctx, name)
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** Export filters from flags: --type, --assignee, --workstream, --status, --rpt, --search, --open-only, --critical-only, --no-drafts. */
function exportFilter(ctx: CommandContext) {
  const status = list(ctx, "status") ?? [];
  const severities = status
    .filter((s) => (SEVERITIES as readonly string[]).includes(s.toLowerCase()))
    .map((s) => s.toLowerCase());
  const indicators = status.filter((s) => (INDICATORS as readonly string[]).includes(s));
  const unknown = status.filter((s) => !severities.includes(s.toLowerCase()) && !indicators.includes(s));
  if (unknown.length)
    throw new UsageError(
      `--status accepts severities (${SEVERITIES.join(", ")}) or indicators; not: ${unknown.join(", ")}`,
    );
  return {
    types: list(ctx, "type"),
    assignees: list(ctx, "assignee"),
    workstreams: list(ctx, "workstream"),
    severities: severities.length ? severities : undefined,
    indicators: indicators.length ? indicators : undefined,
    rptOut: list(ctx, "rpt"),
    search: flag(ctx, "search"),
    openOnly: ctx.flags["open-only"] === true || undefined,
    criticalOnly: ctx.flags["critical-only"] === true || undefined,
    includeDrafts: ctx.flags["no-drafts"] === true ? false : undefined,
  };
}

export const commands: Record<string, Command> = {
  "create-user": {
    usage: "--email E --name N --password P",
    options: text("email", "name", "password"),
    run: async (ctx) => {
      const sys = await callerFor({ ...ctx, flags: { ...ctx.flags, as: undefined as never } });
      return sys.user.create({
        email: flag(ctx, "email", true),
        name: flag(ctx, "name", true),
        password: flag(ctx, "password", true),
      });
    },
  },

  "create-org": {
    usage: "--name N [--slug S] --owner-email E [--owner-name N] [--owner-password P] [--cluster KEY]",
    options: text("name", "slug", "owner-email", "owner-name", "owner-password", "cluster"),
    run: async (ctx) => {
      const sys = await callerFor({ ...ctx, flags: { ...ctx.flags, as: undefined as never } });
      const email = flag(ctx, "owner-email", true).trim().toLowerCase();
      let owner: { email: string; created: boolean; password?: string } = { email, created: false };
      const existing = await getCentralDb().user.findUnique({ where: { email }, select: { id: true } });
      if (!existing) {
        const password = flag(ctx, "owner-password") ?? ctx.generatedPassword();
        await sys.user.create({ email, name: flag(ctx, "owner-name") ?? email.split("@")[0]!, password });
        owner = { email, created: true, ...(flag(ctx, "owner-password") ? {} : { password }) };
      }
      const org = await sys.org.create({
        name: flag(ctx, "name", true),
        slug: flag(ctx, "slug"),
        ownerEmail: email,
        clusterKey: flag(ctx, "cluster"),
      });
      const { clusterKey } = await getCentralDb().organization.findUniqueOrThrow({
        where: { id: org.id },
        select: { clusterKey: true },
      });
      return { org: { ...org, clusterKey }, owner };
    },
  },

  "move-org": {
    usage:
      "--org S --to KEY [--drop-source] [--replace-stale] | --org S --abort   moves an org's database to another cluster",
    options: { ...text("org", "to"), ...onOff("drop-source", "replace-stale", "abort") },
    run: async (ctx) => {
      const actor = { userId: null, name: "system", correlationId: randomUUID() };
      const orgSlug = flag(ctx, "org", true);
      if (ctx.flags.abort === true) return abortOrgMove(getCentralDb(), actor, { orgSlug });
      return moveOrg(
        getCentralDb(),
        actor,
        {
          orgSlug,
          clusterKey: flag(ctx, "to", true),
          dropSource: ctx.flags["drop-source"] === true,
          replaceStale: ctx.flags["replace-stale"] === true,
        },
        { progress: (step) => void process.stderr.write(`move-org: ${step}\n`) },
      );
    },
  },

  "add-member": {
    usage: "--org S --email E --role owner|admin|member",
    options: text("org", "email", "role"),
    run: async (ctx) =>
      (await callerFor(ctx)).org.addMember({
        orgSlug: flag(ctx, "org", true),
        email: flag(ctx, "email", true),
        role: flag(ctx, "role", true) as "owner" | "admin" | "member",
      }),
  },

  "set-project-role": {
    usage: "--org S --project ID --email E --role admin|project_manager|team_member|viewer|none",
    options: text("org", "project", "email", "role"),
    run: async (ctx) => {
      const role = flag(ctx, "role", true);
      return (await callerFor(ctx)).project.setRole({
        orgSlug: flag(ctx, "org", true),
        projectId: flag(ctx, "project", true),
        email: flag(ctx, "email", true),
        role: (role === "none" ? null : role) as "admin",
      });
    },
  },

  "import-yaml": {
    usage: "--org S --raid FILE [--budget FILE] [--name N] [--as E]",
    options: text("org", "raid", "budget", "name"),
    run: async (ctx) => {
      const raid = (await readText(ctx, "raid", true))!;
      const budget = await readText(ctx, "budget", false);
      return (await callerFor(ctx)).project.importYaml({
        orgSlug: flag(ctx, "org", true),
        raid,
        budget,
        name: flag(ctx, "name"),
      });
    },
  },

  "link-assignees": {
    usage: "--org S [--project ID] [--as E]   link items assigned by name/e-mail to org members",
    options: text("org", "project"),
    run: async (ctx) => {
      const api = await callerFor(ctx);
      const orgSlug = flag(ctx, "org", true);
      const one = flag(ctx, "project");
      const ids = one ? [one] : (await api.project.list({ orgSlug })).map((p) => p.id);
      const projects = [];
      for (const projectId of ids)
        projects.push({ projectId, ...(await api.project.linkAssignees({ orgSlug, projectId })) });
      return { linked: projects.reduce((n, p) => n + p.linked, 0), projects };
    },
  },

  export: {
    usage:
      "--org S --project ID --format csv|md-active|md-summary|md-table|yaml|json|md-changes|xlsx|pdf|budget-yaml [--out FILE] [--as-of YYYY-MM-DD] [--client] [--since YYYY-MM-DD | --baseline ID] [filters]",
    options: {
      ...text("org", "project", "format", "out", "as-of", "since", "baseline"),
      ...onOff("client"),
      ...FILTER_OPTIONS,
    },
    run: async (ctx) => {
      const format = flag(ctx, "format", true);
      const out = flag(ctx, "out");
      if (isBinaryExportFormat(format) && !out)
        throw new UsageError(`--format ${format} is a binary file: give --out FILE to write it`);
      const file = await (
        await callerFor(ctx)
      ).project.export({
        orgSlug: flag(ctx, "org", true),
        projectId: flag(ctx, "project", true),
        format: format as "csv",
        asOf: flag(ctx, "as-of"),
        clientView: ctx.flags.client === true || undefined,
        since: flag(ctx, "since"),
        baselineId: flag(ctx, "baseline"),
        filter: exportFilter(ctx) as never,
      });
      if (!out) return file.content;
      const content = decodeExportContent(file);
      try {
        await writeFile(out, content);
      } catch {
        throw new UsageError(`Cannot write --out ${out}`);
      }
      return {
        out,
        filename: file.filename,
        contentType: file.contentType,
        bytes: typeof content === "string" ? Buffer.byteLength(content) : content.length,
        items: file.items,
      };
    },
  },

  budget: {
    usage: "--org S --project ID [--as E]",
    options: text("org", "project"),
    run: async (ctx) =>
      (await callerFor(ctx)).budget.metrics({
        orgSlug: flag(ctx, "org", true),
        projectId: flag(ctx, "project", true),
      }),
  },

  "recalc-indicators": {
    usage: "--org S [--project ID] [--as-of YYYY-MM-DD] [--as E]",
    options: text("org", "project", "as-of"),
    run: async (ctx) => {
      const api = await callerFor(ctx);
      const orgSlug = flag(ctx, "org", true);
      const only = flag(ctx, "project");
      const projects = only ? [{ id: only, name: only }] : await api.project.list({ orgSlug });
      const results = [];
      for (const p of projects) {
        const r = await api.item.recalculateIndicators({
          orgSlug,
          projectId: p.id,
          asOf: flag(ctx, "as-of"),
        });
        results.push({ projectId: p.id, ...r });
      }
      return { projects: results };
    },
  },

  "run-job": {
    usage: `${JOB_NAMES.join("|")}   runs a scheduled job now, in this process (--help for details)`,
    options: {},
    run: async (ctx) => {
      if (ctx.flags.help === true) {
        return [
          "usage: npm run admin -- run-job <job>",
          "",
          "Runs one of the server's scheduled jobs now, with the same handler the schedule uses",
          "(no queue involved; safe to run while servers are up: the jobs are idempotent;",
          "digest-daily sends each user at most one digest a day, whatever their digest hour).",
          "Prints the job's summary as JSON; exits 1 when an organization failed.",
          "",
          ...JOB_NAMES.map(
            (name) => `  ${name.padEnd(18)} ${JOBS[name].description} (schedule: ${JOBS[name].defaultCron})`,
          ),
        ].join("\n");
      }
      const name = ctx.positional[0];
      if (!name || !isJobName(name)) throw new UsageError(`Name a job: ${JOB_NAMES.join(" | ")}`);
      const result = await runJob(name, {
        central: getCentralDb(),
        now: new Date(),
        log: logger.child({ job: name }),
        correlationId: randomUUID(),
        manual: true,
      });
      const failure = jobFailure(name, result);
      if (failure) throw new Error(failure);
      return result;
    },
  },

  call: {
    usage: "<router.procedure> [--org S] [--as E] [--input JSON]",
    options: text("org", "input"),
    run: async (ctx) => {
      const path = ctx.positional[0];
      if (!path || !/^[a-zA-Z]+(\.[a-zA-Z]+)+$/.test(path))
        throw new UsageError("Name a procedure, e.g. project.get");
      const input = parseJsonFlag(ctx, "input");
      const org = flag(ctx, "org");
      if (org) input.orgSlug = org;
      let target: unknown = await callerFor(ctx);
      for (const part of path.split(".")) {
        target = (target as Record<string, unknown> | undefined)?.[part];
      }
      if (typeof target !== "function") throw new UsageError(`No procedure named ${path}`);
      const procedures = appRouter._def.procedures as unknown as Record<
        string,
        { _def: { type: string } } | undefined
      >;
      if (procedures[path]?._def.type === "subscription") {
        throw new UsageError(`${path} is a stream (a subscription); clients follow it over /api/trpc`);
      }
      return (target as (i: unknown) => Promise<unknown>)(Object.keys(input).length ? input : undefined);
    },
  },
};
