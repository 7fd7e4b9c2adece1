/**
 * A Model Context Protocol server for agents (`/api/mcp`, streamable HTTP,
 * stateless: one McpServer per request, JSON answers). Authenticated by the
 * same personal API token as /api/trpc (`Authorization: Bearer bm_…`), acting
 * in the token's org with the user's current roles.
 *
 * Every tool calls the tRPC procedure through `createCaller` with the
 * token's context, so validation, permissions, rate limits and audit are
 * exactly those of the API; a refusal comes back as a tool error naming the
 * code (FORBIDDEN, NOT_FOUND, CONFLICT, BAD_REQUEST…).
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createCaller } from "@/server/api/root";
import { createInnerContext, correlationIdFrom, INTERNAL_ERROR_MESSAGE } from "@/server/api/trpc";
import { parseBearer } from "@/domain/api-tokens";
import { ITEM_TYPES } from "@/domain/types";
import { hashToken } from "@/server/crypto";
import { getCentralDb, type CentralDb } from "@/server/db/central";
import { requestLogger } from "@/server/logger";
import { readBodyWithin, withBody } from "@/server/http/guard";

/** The largest JSON-RPC message /api/mcp reads. */
const MAX_MCP_BODY_BYTES = 1024 * 1024;

type Caller = ReturnType<typeof createCaller>;
type ToolResult = { content: { type: "text"; text: string }[]; isError?: boolean };

const json = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x), 2);

/** Runs a procedure call as a tool: its answer as JSON text, or a tool error with the API's code. */
async function run(fn: () => Promise<unknown>, correlationId: string): Promise<ToolResult> {
  try {
    return { content: [{ type: "text", text: json(await fn()) }] };
  } catch (err) {
    if (err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR")
      return { isError: true, content: [{ type: "text", text: `${err.code}: ${err.message}` }] };
    requestLogger(correlationId).error({ err }, "mcp tool failed");
    return {
      isError: true,
      content: [{ type: "text", text: `INTERNAL_SERVER_ERROR: ${INTERNAL_ERROR_MESSAGE}` }],
    };
  }
}

const projectId = z.string().describe("Project id (uuid), from list_projects");
const itemNum = z.number().int().positive().describe("Item number within the project");
const itemFields = {
  description: z.string().optional(),
  workstream: z.string().optional(),
  assignedTo: z.string().optional().describe("Assignee name"),
  start: z.string().optional().describe("YYYY-MM-DD"),
  finish: z.string().optional().describe("YYYY-MM-DD"),
  deadline: z.string().optional().describe("YYYY-MM-DD"),
  percentComplete: z.number().optional(),
  priority: z.string().optional(),
};

/** The server for one request, its tools bound to `api` (the token's caller) and the token's org. */
export function buildMcpServer(api: Caller, orgSlug: string, correlationId: string): McpServer {
  const server = new McpServer({ name: "braidmgr", version: "1.0.0" });
  const org = { orgSlug };
  const tool = <S extends z.ZodRawShape>(
    name: string,
    description: string,
    inputSchema: S,
    call: (args: z.infer<z.ZodObject<S>>) => Promise<unknown>,
  ) =>
    server.registerTool(name, { description, inputSchema }, ((args: z.infer<z.ZodObject<S>>) =>
      run(() => call(args), correlationId)) as never);

  tool("list_projects", `Projects of the organization "${orgSlug}" that you can see.`, {}, () =>
    api.project.list(org),
  );
  tool(
    "list_items",
    "Items (RAID log entries) of a project, optionally filtered.",
    {
      projectId,
      types: z.array(z.enum(ITEM_TYPES)).optional(),
      openOnly: z.boolean().optional(),
      q: z.string().optional().describe("Words in the title or description"),
    },
    ({ projectId, types, openOnly, q }) =>
      api.item.list({ ...org, projectId, types, openOnly, search: q } as Parameters<
        Caller["item"]["list"]
      >[0]),
  );
  tool(
    "get_item",
    "One item with its notes and its version (needed by update_item).",
    { projectId, itemNum },
    (a) => api.item.get({ ...org, ...a }),
  );
  tool(
    "project_dashboard",
    "A project's dashboard: counts, indicators, upcoming deadlines.",
    { projectId },
    (a) => api.project.dashboard({ ...org, ...a }),
  );
  tool("risk_register", "A project's risk register (scores, owners, mitigations).", { projectId }, (a) =>
    api.project.riskRegister({ ...org, ...a }),
  );
  tool(
    "budget_metrics",
    "A project's budget metrics (budget, actuals, forecast, burn).",
    { projectId },
    (a) => api.budget.metrics({ ...org, ...a }),
  );
  tool(
    "search",
    "Searches items, notes and attachment names across the projects you can see.",
    { q: z.string().min(1).max(200), limit: z.number().int().min(1).max(200).optional() },
    ({ q, limit }) => api.search.query({ ...org, q, limit: limit ?? 50 }),
  );
  tool(
    "create_item",
    "Creates an item in a project (needs permission to create items there).",
    { projectId, type: z.enum(ITEM_TYPES), title: z.string(), ...itemFields },
    (a) => api.item.create({ ...org, ...a } as Parameters<Caller["item"]["create"]>[0]),
  );
  tool(
    "update_item",
    "Changes fields of an item. `version` is the item's current version (from get_item); if someone changed the item since, the update is refused with CONFLICT.",
    { projectId, itemNum, version: z.number().int().positive(), title: z.string().optional(), ...itemFields },
    (a) => api.item.update({ ...org, ...a } as Parameters<Caller["item"]["update"]>[0]),
  );
  tool(
    "add_note",
    "Adds a dated note to an item.",
    {
      projectId,
      itemNum,
      content: z.string().min(1).max(10_000),
      date: z.string().optional().describe("YYYY-MM-DD"),
    },
    (a) => api.item.addNote({ ...org, ...a }),
  );
  return server;
}

function jsonRpcError(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code: -32001, message }, id: null }), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}

/** The org slug of a live token, or null (the procedure chain re-checks everything on each call). */
export async function tokenOrgSlug(central: CentralDb, token: string): Promise<string | null> {
  const t = await central.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { revokedAt: true, expiresAt: true, org: { select: { slug: true, deletedAt: true } } },
  });
  if (!t || t.revokedAt || (t.expiresAt && t.expiresAt <= new Date()) || t.org.deletedAt) return null;
  return t.org.slug;
}

/** /api/mcp: only API-token requests; cookies are never read. */
export async function mcpHttpResponse(req: Request, central: CentralDb = getCentralDb()): Promise<Response> {
  const bearer = parseBearer(req.headers.get("authorization"));
  const unauthorized = () =>
    jsonRpcError(401, "Send a valid API token: Authorization: Bearer bm_…", { "www-authenticate": "Bearer" });
  if (bearer.kind !== "token") return unauthorized();
  const orgSlug = await tokenOrgSlug(central, bearer.token);
  if (!orgSlug) return unauthorized();
  let request = req;
  if (req.method === "POST") {
    const body = await readBodyWithin(req, MAX_MCP_BODY_BYTES);
    if (!body.ok) return jsonRpcError(body.refusal.status, body.refusal.message);
    request = withBody(req, body.bytes);
  }
  const correlationId = correlationIdFrom(req.headers);
  const ctx = createInnerContext({ session: null, headers: req.headers, correlationId, centralDb: central });
  const server = buildMcpServer(createCaller(ctx), orgSlug, correlationId);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request);
  } finally {
    // Stateless: nothing outlives the request (JSON answers are complete when returned).
    void server.close();
  }
}
