/**
 * Route handlers outside /api/trpc answer errors like tRPC does: a stable
 * message and the correlation id for internal errors (details only in the
 * log), the real message for refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/central/client";
import { exportHttpResponse } from "@/server/api/export-http";
import { createInnerContext } from "@/server/api/trpc";
import { maskedRoute, SAFE_MESSAGE } from "@/server/http/route-errors";
import { freePort } from "@/server/db/embedded";
import { DB_UNAVAILABLE_MESSAGE } from "@/server/db/errors";
import { makeUser, sessionFor, systemCaller } from "./helpers";

let projectId: string;
// A central database that is not there: every query fails inside the driver.
let unreachable: PrismaClient;

beforeAll(async () => {
  await makeUser("exp@r.test", "Exporter");
  await systemCaller().org.create({ name: "Routes", slug: "routes", ownerEmail: "exp@r.test" });
  projectId = (await systemCaller().project.create({ orgSlug: "routes", name: "Files" })).id;
  unreachable = new PrismaClient({
    adapter: new PrismaPg({
      connectionString: `postgresql://nobody:secret-pw@127.0.0.1:${await freePort()}/gone`,
      max: 1,
    }),
  });
});
afterAll(async () => {
  await unreachable.$disconnect();
});

type Body = { error: { code: string; message: string; correlationId: string } };

const exportUrl = (org: string) => `http://localhost/api/export?org=${org}&project=${projectId}&format=csv`;

describe("/api/export errors", () => {
  it("masks an internal error: stable message, correlation id in body and header, no internals", async () => {
    // A bug deep down (not an outage): any use of the central client throws.
    const broken = new Proxy(
      {},
      {
        get() {
          throw new Error("internal detail: secret-pw at 127.0.0.1");
        },
      },
    );
    const ctx = createInnerContext({
      session: await sessionFor("exp@r.test"),
      centralDb: broken as never,
      correlationId: "corr-export-0001",
    });
    const res = await exportHttpResponse(new Request(exportUrl("routes")), ctx);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text) as Body).toEqual({
      error: { code: "INTERNAL_SERVER_ERROR", message: SAFE_MESSAGE, correlationId: "corr-export-0001" },
    });
    expect(res.headers.get("x-correlation-id")).toBe("corr-export-0001");
    expect(text).not.toMatch(/secret-pw|ECONNREFUSED|prisma|postgres|127\.0\.0\.1/i);
  });

  it("answers 503 with the stable outage message while the database cannot be reached, no internals", async () => {
    const ctx = createInnerContext({
      session: await sessionFor("exp@r.test"),
      centralDb: unreachable as never,
      correlationId: "corr-export-0004",
    });
    const res = await exportHttpResponse(new Request(exportUrl("routes")), ctx);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text) as Body).toEqual({
      error: {
        code: "SERVICE_UNAVAILABLE",
        message: DB_UNAVAILABLE_MESSAGE,
        correlationId: "corr-export-0004",
      },
    });
    expect(text).not.toMatch(/secret-pw|ECONNREFUSED|prisma|postgres|127\.0\.0\.1/i);
  });

  it("passes refusals through with their message", async () => {
    const ctx = createInnerContext({
      session: await sessionFor("exp@r.test"),
      correlationId: "corr-export-0002",
    });
    const res = await exportHttpResponse(new Request(exportUrl("someone-else")), ctx);
    expect(res.status).toBe(404);
    expect(((await res.json()) as Body).error).toMatchObject({
      code: "NOT_FOUND",
      correlationId: "corr-export-0002",
    });
  });

  it("serves the file as an attachment", async () => {
    const ctx = createInnerContext({ session: await sessionFor("exp@r.test") });
    const res = await exportHttpResponse(new Request(exportUrl("routes")), ctx);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="[^"]+\.csv"; filename\*=UTF-8''/,
    );
  });
});

describe("maskedRoute", () => {
  it("turns anything a handler throws (e.g. the session lookup) into the masked answer", async () => {
    const route = maskedRoute(async () => {
      throw new Error("connect ECONNREFUSED 10.1.2.3:5432 password=hunter2");
    });
    const res = await route(
      new Request("http://localhost/api/x", { headers: { "x-correlation-id": "corr-route-0003" } }),
    );
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: "INTERNAL_SERVER_ERROR", message: SAFE_MESSAGE, correlationId: "corr-route-0003" },
    });
    expect(text).not.toContain("hunter2");
  });
});
