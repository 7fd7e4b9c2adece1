/**
 * The MCP server over stdio, for agents that launch a local process:
 *
 *   npm run mcp -- --org SLUG --token bm_…   (or BRAIDMGR_TOKEN in the environment)
 *
 * Same tools and rules as /api/mcp (src/server/mcp/server.ts): every call goes
 * through the tRPC procedures with the token's user's current permissions, in
 * the token's org only. stdout carries JSON-RPC only; logs go to stderr.
 */
import { parseArgs } from "node:util";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createCaller } from "../src/server/api/root";
import { createInnerContext, correlationIdFrom } from "../src/server/api/trpc";
import { getCentralDb } from "../src/server/db/central";
import { buildMcpServer, tokenOrgSlug } from "../src/server/mcp/server";
import { parseBearer } from "../src/domain/api-tokens";
import { logger } from "../src/server/logger";
import { prepareLocalEnv } from "./lib/local-env";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { org: { type: "string" }, token: { type: "string" } } });
  const token = values.token ?? process.env.BRAIDMGR_TOKEN ?? "";
  const bearer = parseBearer(`Bearer ${token}`);
  if (!values.org || bearer.kind !== "token") {
    process.stderr.write("usage: npm run mcp -- --org SLUG --token bm_… (or BRAIDMGR_TOKEN)\n");
    return 2;
  }
  logger.level = process.env.LOG_LEVEL ?? "warn";
  await prepareLocalEnv({ quiet: true });
  const slug = await tokenOrgSlug(getCentralDb(), bearer.token);
  if (slug !== values.org) {
    process.stderr.write(`That token is not valid for the organization "${values.org}".\n`);
    return 1;
  }
  const headers = new Headers({ authorization: `Bearer ${bearer.token}` });
  const correlationId = correlationIdFrom();
  const api = createCaller(createInnerContext({ session: null, headers, correlationId }));
  await buildMcpServer(api, slug, correlationId).connect(new StdioServerTransport());
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
