/**
 * The MCP server at /api/mcp over real HTTP, driven by the SDK's own client
 * (streamable HTTP): an agent with an API token initialises, lists the
 * tools, and its calls run with the token's user's permissions.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { callerFor, makeUser, systemCaller } from "./helpers";
import { startAuthHttpServer } from "./auth-http-server";

let server: Awaited<ReturnType<typeof startAuthHttpServer>>;
const ORG = "mcp-org";
let projectId = "";
const clients: Client[] = [];

async function agent(token: string): Promise<Client> {
  const client = new Client({ name: "test-agent", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  clients.push(client);
  return client;
}

const text = (r: unknown) => (r as { content: { text: string }[] }).content[0]!.text;

beforeAll(async () => {
  server = await startAuthHttpServer();
  process.env.NEXTAUTH_URL = server.url;
  resetEnvCache();
  await makeUser("pm@mcp.test", "Pat Manager");
  await makeUser("view@mcp.test", "Vic Viewer");
  await systemCaller().org.create({ name: "MCP", slug: ORG, ownerEmail: "pm@mcp.test" });
  await systemCaller().org.addMember({ orgSlug: ORG, email: "view@mcp.test", role: "member" });
  projectId = (await systemCaller().project.create({ orgSlug: ORG, name: "Agent work" })).id;
  await systemCaller().project.setRole({ orgSlug: ORG, projectId, email: "view@mcp.test", role: "viewer" });
});

afterAll(async () => {
  for (const c of clients) await c.close().catch(() => {});
  await server.close();
});

describe("MCP server", () => {
  it("initialises, lists its tools, and create_item / update_item / add_note really change the project", async () => {
    const { token } = await (await callerFor("pm@mcp.test")).apiToken.create({ orgSlug: ORG, name: "agent" });
    const client = await agent(token);
    expect(client.getServerVersion()?.name).toBe("braidmgr");
    const tools = (await client.listTools()).tools.map((t) => t.name).sort();
    expect(tools).toEqual(
      [
        "add_note",
        "budget_metrics",
        "create_item",
        "get_item",
        "list_items",
        "list_projects",
        "project_dashboard",
        "risk_register",
        "search",
        "update_item",
      ].sort(),
    );
    const projects = JSON.parse(text(await client.callTool({ name: "list_projects", arguments: {} }))) as {
      id: string;
    }[];
    expect(projects.map((p) => p.id)).toContain(projectId);

    const created = await client.callTool({
      name: "create_item",
      arguments: { projectId, type: "Risk", title: "Vendor slips a month" },
    });
    expect(created.isError).toBeFalsy();
    const { itemNum } = JSON.parse(text(created)) as { itemNum: number };
    const item = await systemCaller().item.get({ orgSlug: ORG, projectId, itemNum });
    expect(item.title).toBe("Vendor slips a month");

    // update_item needs the current version (optimistic lock).
    const stale = await client.callTool({
      name: "update_item",
      arguments: { projectId, itemNum, version: item.version + 5, title: "x" },
    });
    expect(stale.isError).toBe(true);
    expect(text(stale)).toMatch(/^CONFLICT/);
    const updated = await client.callTool({
      name: "update_item",
      arguments: { projectId, itemNum, version: item.version, title: "Vendor slips two months" },
    });
    expect(updated.isError).toBeFalsy();
    await client.callTool({
      name: "add_note",
      arguments: { projectId, itemNum, content: "Called the vendor" },
    });
    const after = await systemCaller().item.get({ orgSlug: ORG, projectId, itemNum });
    expect(after.title).toBe("Vendor slips two months");
    expect(after.notes.map((n) => n.content)).toContain("Called the vendor");

    const found = await client.callTool({ name: "search", arguments: { q: "vendor" } });
    expect(text(found)).toContain("Vendor slips two months");
    for (const name of ["project_dashboard", "risk_register", "budget_metrics", "list_items"]) {
      const r = await client.callTool({ name, arguments: { projectId } });
      expect(r.isError, `${name}: ${text(r)}`).toBeFalsy();
    }
    const risks = await client.callTool({ name: "get_item", arguments: { projectId, itemNum } });
    expect(JSON.parse(text(risks))).toMatchObject({ itemNum, title: "Vendor slips two months" });
  });

  it("gives a viewer's token a permission error from create_item, while reads work", async () => {
    const { token } = await (await callerFor("view@mcp.test")).apiToken.create({ orgSlug: ORG, name: "ro" });
    const client = await agent(token);
    const read = await client.callTool({ name: "list_items", arguments: { projectId } });
    expect(read.isError).toBeFalsy();
    const refused = await client.callTool({
      name: "create_item",
      arguments: { projectId, type: "Risk", title: "Should not exist" },
    });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/^FORBIDDEN/);
    const items = await systemCaller().item.list({ orgSlug: ORG, projectId });
    expect(JSON.stringify(items)).not.toContain("Should not exist");
  });

  it("refuses requests without a valid token (401)", async () => {
    const res = await fetch(`${server.url}/api/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(res.status).toBe(401);
    await expect(agent("bm_" + "z".repeat(43))).rejects.toThrow();
  });
});
