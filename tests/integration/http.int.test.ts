/**
 * The HTTP face of the API (what the browser sees), through tRPC's fetch
 * adapter with the app's router and context: the stable error shape,
 * correlation ids, and superjson dates.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import type { AppSession } from "@/server/auth/session";
import { fixture } from "../support/fixtures";
import { makeUser, sessionFor, systemCaller } from "./helpers";

let session: AppSession;
let projectId: string;

async function call(
  path: string,
  input: unknown,
  opts: {
    method?: "GET" | "POST";
    session?: AppSession | null;
    headers?: Record<string, string>;
    raw?: boolean;
  } = {},
) {
  const method = opts.method ?? "GET";
  // raw: what a client without superjson sends (superjson itself refuses keys such as __proto__).
  const wire = opts.raw ? JSON.stringify({ json: input }) : JSON.stringify(superjson.serialize(input));
  const encoded = encodeURIComponent(wire);
  const url =
    method === "GET"
      ? `http://localhost/api/trpc/${path}?input=${encoded}`
      : `http://localhost/api/trpc/${path}`;
  const req = new Request(url, {
    method,
    headers: { "content-type": "application/json", ...opts.headers },
    body: method === "POST" ? wire : undefined,
  });
  let correlationId = "";
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => {
      const ctx = createInnerContext({
        session: opts.session === undefined ? session : opts.session,
        headers: req.headers,
      });
      correlationId = ctx.correlationId;
      return ctx;
    },
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      result?: { data: unknown };
      error?: { json: { message: string; code: number; data: Record<string, unknown> } };
    },
    correlationId,
  };
}

beforeAll(async () => {
  await makeUser("web@h.test", "Web User");
  await systemCaller().org.create({ name: "HTTP", slug: "http", ownerEmail: "web@h.test" });
  session = await sessionFor("web@h.test");
  projectId = (await systemCaller().project.create({ orgSlug: "http", name: "Web" })).id;
});

describe("HTTP error shape", () => {
  it("answers 401 with code, message and correlation id when signed out", async () => {
    const r = await call("org.list", undefined, { session: null });
    expect(r.status).toBe(401);
    expect(r.body.error!.json.data).toMatchObject({ code: "UNAUTHORIZED", correlationId: r.correlationId });
    expect(r.body.error!.json.message).toBe("Please sign in");
  });

  it("gives field-level errors for bad input (400)", async () => {
    const r = await call(
      "item.create",
      { orgSlug: "http", projectId, type: "Nope", title: "" },
      { method: "POST" },
    );
    expect(r.status).toBe(400);
    const data = r.body.error!.json.data;
    expect(data.code).toBe("BAD_REQUEST");
    expect(Object.keys(data.fieldErrors as object).sort()).toEqual(["title", "type"]);
    expect(r.body.error!.json.message).toMatch(/title: Enter a title/);
  });

  it("answers 404 for another org and never leaks internals", async () => {
    const r = await call("project.get", { orgSlug: "someone-else", projectId });
    expect(r.status).toBe(404);
    expect(JSON.stringify(r.body)).not.toMatch(/stack|prisma|postgres/i);
  });

  it("keeps a caller-supplied correlation id", async () => {
    const r = await call("org.list", undefined, { headers: { "x-correlation-id": "trace-12345678" } });
    expect(r.status).toBe(200);
    expect(r.correlationId).toBe("trace-12345678");
  });

  it("sends dates through superjson", async () => {
    const r = await call("org.list", undefined);
    const orgs = superjson.deserialize(r.body.result!.data as never) as { createdAt: Date }[];
    expect(orgs[0]!.createdAt).toBeInstanceOf(Date);
  });
});

describe("input PostgreSQL cannot take", () => {
  type Err = {
    json: { message: string; data: { code: string; fieldErrors: Record<string, string[]> | null } };
  };
  const errOf = (r: Awaited<ReturnType<typeof call>>) => r.body.error as unknown as Err;

  it("refuses a NUL character in any string input with a field error (400), never a 500", async () => {
    const create = await call(
      "item.create",
      { orgSlug: "http", projectId, type: "Risk", title: "a\u0000b" },
      { method: "POST" },
    );
    expect(create.status).toBe(400);
    expect(errOf(create).json.data.code).toBe("BAD_REQUEST");
    expect(errOf(create).json.data.fieldErrors).toEqual({ title: [expect.stringMatching(/NUL/)] });
    expect(errOf(create).json.message).toMatch(/title: .*NUL/);
    // Queries too, and strings nested in lists.
    const search = await call("item.list", { orgSlug: "http", projectId, search: "x\u0000" });
    expect(search.status).toBe(400);
    expect(errOf(search).json.data.fieldErrors).toEqual({ search: [expect.stringMatching(/NUL/)] });
    const nested = await call("item.list", { orgSlug: "http", projectId, rptOut: ["SR", "C\u0000L"] });
    expect(nested.status).toBe(400);
    expect(errOf(nested).json.message).toMatch(/rptOut\.1: /);
  });

  it("refuses instants outside years 1900–9999 (year 0 made the audit query fail) as bad input", async () => {
    for (const from of [
      new Date("0000-12-31T23:59:59.999Z"),
      new Date(8.64e15),
      new Date("1899-12-31T00:00:00Z"),
    ]) {
      const r = await call("audit.list", { orgSlug: "http", from });
      expect(r.status, from.toISOString()).toBe(400);
      expect(errOf(r).json.data.fieldErrors).toEqual({ from: [expect.any(String)] });
    }
    expect(
      (await call("audit.list", { orgSlug: "http", from: new Date("2020-01-01T00:00:00Z") })).status,
    ).toBe(200);
  });

  it("names a field called constructor, prototype or toString like any other; a __proto__ key goes nowhere", async () => {
    // superjson's reader drops a `__proto__` key (it never reaches a procedure) …
    const proto = JSON.parse(
      `{"orgSlug": "http", "projectId": "${projectId}", "type": "Risk", "title": "p", "__proto__": {"polluted": "x\\u0000"}}`,
    ) as object;
    expect((await call("item.create", proto, { method: "POST", raw: true })).status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // … other odd keys are checked like any field.
    for (const key of ["constructor", "prototype", "toString"]) {
      const input = JSON.parse(
        `{"orgSlug": "http", "projectId": "${projectId}", "type": "Risk", "title": "t", "${key}": "x\\u0000"}`,
      ) as object;
      const r = await call("item.create", input, { method: "POST", raw: true });
      expect(r.status, key).toBe(400);
      const fieldErrors = errOf(r).json.data.fieldErrors!;
      expect(Object.keys(fieldErrors), key).toEqual([key]);
      expect(Object.getOwnPropertyDescriptor(fieldErrors, key)?.value, key).toEqual([
        expect.stringMatching(/NUL/),
      ]);
    }
  });

  it("refuses a RAID log whose YAML writes a NUL with \\0, naming the item (400), and creates no project", async () => {
    const raid = fixture("RAID-Log-Sample-Platform-Upgrade.yaml").replace(
      /title: "([^"]*)"/,
      'title: "$1\\0"',
    );
    expect(raid).toContain("\\0");
    const before = (await systemCaller().project.list({ orgSlug: "http" })).length;
    const r = await call("project.importYaml", { orgSlug: "http", raid }, { method: "POST" });
    expect(r.status).toBe(400);
    expect(errOf(r).json.data.code).toBe("BAD_REQUEST");
    expect(errOf(r).json.message).toMatch(/item 1\b.*title must not contain NUL/);
    expect((await systemCaller().project.list({ orgSlug: "http" })).length).toBe(before);
  });
});
