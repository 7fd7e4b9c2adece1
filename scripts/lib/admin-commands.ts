/** The admin CLI's commands (CONTRACT.md). Each one is a thin use of the tRPC caller. */
import { createCaller } from "../../src/server/api/root";
import { createInnerContext } from "../../src/server/api/trpc";
import { getCentralDb } from "../../src/server/db/central";

export type CommandContext = {
  flags: Record<string, string | true>;
  positional: string[];
  generatedPassword: () => string;
};

type Command = { usage: string; run: (ctx: CommandContext) => Promise<unknown> };

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
  if (!as) return createCaller(createInnerContext({ session: null, system: true }));
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

export const commands: Record<string, Command> = {
  "create-user": {
    usage: "--email E --name N --password P",
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
    usage: "--name N [--slug S] --owner-email E [--owner-name N] [--owner-password P]",
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
      });
      return { org, owner };
    },
  },

  "add-member": {
    usage: "--org S --email E --role owner|admin|member",
    run: async (ctx) =>
      (await callerFor(ctx)).org.addMember({
        orgSlug: flag(ctx, "org", true),
        email: flag(ctx, "email", true),
        role: flag(ctx, "role", true) as "owner" | "admin" | "member",
      }),
  },

  "set-project-role": {
    usage: "--org S --project ID --email E --role admin|project_manager|team_member|viewer|none",
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

  call: {
    usage: "<router.procedure> [--org S] [--as E] [--input JSON]",
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
      return (target as (i: unknown) => Promise<unknown>)(Object.keys(input).length ? input : undefined);
    },
  },
};
