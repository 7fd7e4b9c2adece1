/**
 * Operator CLI:  npm run admin -- <command> [flags]
 *
 * Every command goes through the tRPC caller, so validation, permissions and
 * audit apply exactly as in the app. `--as <email>` acts as that user; without
 * it the CLI acts as the system (full rights, audited with a null user).
 * Output is JSON on stdout; failures print {"error":{code,message}} and exit 1.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { INTERNAL_ERROR_MESSAGE } from "../src/server/api/trpc";
import { logger } from "../src/server/logger";
import { prepareLocalEnv } from "./lib/local-env";
import { DomainError } from "../src/domain/errors";
import { parseArgs } from "node:util";
import {
  COMMON_OPTIONS,
  commands,
  UsageError,
  type CommandContext,
  type ParseArgsOptionsConfig,
} from "./lib/admin-commands";

/** The command's flags and positionals (node:util parseArgs, strict); a bad flag is a UsageError. */
function parseFlags(
  argv: string[],
  options: ParseArgsOptionsConfig,
): { positional: string[]; flags: Record<string, string | true> } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
    const flags: Record<string, string | true> = {};
    for (const [k, v] of Object.entries(values)) if (typeof v === "string" || v === true) flags[k] = v;
    return { positional: positionals, flags };
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function usage(): string {
  return [
    "usage: npm run admin -- <command> [flags]",
    "",
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(18)} ${c.usage}`),
  ].join("\n");
}

type ErrorJson = { code: string; message: string; fieldErrors?: unknown; correlationId?: string };

/**
 * The error as the operator sees it. Refusals (bad input, permissions, not
 * found) keep their message; anything internal prints only the stable message
 * and the correlation id, and its details go to the log (stderr).
 */
function errorJson(err: unknown, correlationId: string): ErrorJson {
  if (err instanceof UsageError) return { code: "BAD_REQUEST", message: err.message };
  if (err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR") {
    const cause = err.cause as
      { issues?: { path: PropertyKey[]; message: string }[]; fieldErrors?: unknown } | undefined;
    const fieldErrors = cause?.issues
      ? cause.issues.reduce<Record<string, string[]>>((acc, i) => {
          (acc[i.path.join(".") || "(input)"] ??= []).push(i.message);
          return acc;
        }, {})
      : cause?.fieldErrors;
    return { code: err.code, message: err.message, ...(fieldErrors ? { fieldErrors } : {}) };
  }
  if (err instanceof DomainError) {
    // Services called directly (run-job, move-org): the same codes the API uses.
    const code = err.code === "INVALID" ? "BAD_REQUEST" : err.code;
    return { code, message: err.message, ...(err.fieldErrors ? { fieldErrors: err.fieldErrors } : {}) };
  }
  const detail = err instanceof TRPCError && err.cause ? err.cause : err;
  logger.error({ err: detail, correlationId }, "admin command failed");
  return { code: "INTERNAL_SERVER_ERROR", message: INTERNAL_ERROR_MESSAGE, correlationId };
}

const correlationId = `cli-${randomUUID()}`;

async function main(): Promise<number> {
  // One command per process: an access cache (and its LISTEN connection) would only cost here.
  process.env.ACCESS_CACHE_TTL_SECONDS ??= "0";
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === "help" || name === "--help") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.log(
      JSON.stringify({
        error: { code: "BAD_REQUEST", message: `Unknown command "${name}". Run npm run admin -- help` },
      }),
    );
    return 2;
  }
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(rest, command.options);
  } catch (err) {
    console.log(JSON.stringify({ error: errorJson(err, correlationId) }));
    console.error(`usage: npm run admin -- ${name} ${command.usage}`);
    return 2;
  }
  const { positional, flags } = parsed;
  logger.level = process.env.LOG_LEVEL ?? "warn";
  const pg = await prepareLocalEnv({ quiet: true });
  const ctx: CommandContext = {
    flags,
    positional,
    generatedPassword: () => `Bm-${randomBytes(9).toString("base64url")}1a`,
    correlationId,
  };
  try {
    const result = await command.run(ctx);
    if (typeof result === "string") process.stdout.write(result.endsWith("\n") ? result : `${result}\n`);
    else console.log(JSON.stringify(result, null, 2));
    return 0;
  } catch (err) {
    console.log(JSON.stringify({ error: errorJson(err, correlationId) }));
    return 1;
  } finally {
    const { disconnectAllTenantDbs } = await import("../src/server/db/tenant");
    const { disconnectCentralDb } = await import("../src/server/db/central");
    await disconnectAllTenantDbs();
    await disconnectCentralDb();
    await pg?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.log(JSON.stringify({ error: errorJson(err, correlationId) }));
    process.exit(1);
  },
);
