/**
 * The request edge over real HTTP (src/server/api/http.ts behind a Node HTTP
 * server with the same peer hook `next start` gets): client addresses that a
 * header cannot change, atomic sign-up caps, batch limits, body limits that
 * act before the body is read, and same-origin JSON-only mutations.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import superjson from "superjson";
import { resetEnvCache } from "@/env";
import { getCentralDb } from "@/server/db/central";
import { MAX_BATCH_CALLS } from "@/server/api/http";
import { appRouter } from "@/server/api/root";
import { FILE_PROCEDURES } from "@/lib/file-procedures";
import { MAX_FILE_BODY_BYTES, MAX_TRPC_BODY_BYTES } from "@/server/http/guard";
import { FIXTURES } from "../support/fixtures";
import { REGISTRATION_ATTEMPT, REGISTRATIONS_PER_IP_PER_HOUR } from "@/server/services/limits";
import { makeUser, PASSWORD, systemCaller } from "./helpers";
import { rawExchange as exchange, rawPost as rawPostTo } from "./raw-http";
import { CookieJar, startAuthHttpServer } from "./auth-http-server";

let server: Awaited<ReturnType<typeof startAuthHttpServer>>;
let base: string;
const jar = new CookieJar();

beforeAll(async () => {
  server = await startAuthHttpServer();
  base = server.url;
  process.env.NEXTAUTH_URL = base;
  delete process.env.TRUSTED_PROXIES;
  resetEnvCache();
  await makeUser("edge@e.test", "Edge Person");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  jar.store(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({
      csrfToken,
      email: "edge@e.test",
      password: PASSWORD,
      json: "true",
      callbackUrl: base,
    }),
  });
  jar.store(res);
  expect(jar.get("next-auth.session-token")).toBeTruthy();
});
afterAll(async () => {
  await server.close();
});

const json = (input: unknown) => JSON.stringify(superjson.serialize(input));

type ErrorBody = {
  error?: { json: { message: string; data: { code: string; httpStatus: number; correlationId: string } } };
};

async function post(path: string, body: BodyInit, headers: Record<string, string>) {
  const res = await fetch(`${base}/api/trpc/${path}`, {
    method: "POST",
    body,
    headers: { cookie: jar.header(), ...headers },
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : {}) as ErrorBody & { result?: { data: { json: unknown } } },
  };
}

/** A body written in pieces (see raw-http.ts). */
const rawPost = (path: string, opts: Parameters<typeof rawPostTo>[1]) =>
  rawPostTo(new URL(`${base}/api/trpc/${path}`), opts);

/** One request on its own connection, signed in (see raw-http.ts). */
const rawExchange = (opts: Parameters<typeof exchange>[1]) =>
  exchange(base, { ...opts, headers: { cookie: jar.header(), ...opts.headers } });

describe("client addresses and the sign-up cap", () => {
  it("counts 12 simultaneous sign-ups with forged X-Forwarded-For against the real peer: at most 10 accepted", async () => {
    const attempts = Array.from({ length: 12 }, (_, i) =>
      post(
        "auth.register",
        json({ name: `Flood ${i}`, email: `flood${i}@e.test`, password: "Flood-Pass-1" }),
        {
          "content-type": "application/json",
          // A different forged client address on every request; the peer (127.0.0.1) is not a trusted proxy.
          "x-forwarded-for": `203.0.113.${i + 1}`,
          "x-real-ip": `198.51.100.${i + 1}`,
        },
      ),
    );
    const results = await Promise.all(attempts);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200).length).toBe(REGISTRATIONS_PER_IP_PER_HOUR);
    expect(statuses.filter((s) => s === 429).length).toBe(12 - REGISTRATIONS_PER_IP_PER_HOUR);
    const refused = results.find((r) => r.status === 429)!;
    expect(refused.body.error!.json.data.code).toBe("TOO_MANY_REQUESTS");
    // Every attempt was recorded under the peer address, none under a forged one.
    const rows = await getCentralDb().centralAuditLog.findMany({
      where: { entityType: REGISTRATION_ATTEMPT },
    });
    expect(rows).toHaveLength(REGISTRATIONS_PER_IP_PER_HOUR);
    expect(new Set(rows.map((r) => r.ip))).toEqual(new Set(["127.0.0.1"]));
    expect(await getCentralDb().user.count({ where: { email: { startsWith: "flood" } } })).toBe(
      REGISTRATIONS_PER_IP_PER_HOUR,
    );
  });
});

describe("batches", () => {
  it("refuses a GET carrying 600 calls at once, before running any", async () => {
    const paths = Array.from({ length: 600 }, () => "org.list").join(",");
    const input = encodeURIComponent(JSON.stringify({}));
    const started = performance.now();
    const res = await fetch(`${base}/api/trpc/${paths}?batch=1&input=${input}`, {
      headers: { cookie: jar.header() },
    });
    const ms = performance.now() - started;
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error!.json.message).toBe(
      `Too many calls in one request: at most ${MAX_BATCH_CALLS} (this one had 600)`,
    );
    expect(body.error!.json.data.code).toBe("BAD_REQUEST");
    expect(ms).toBeLessThan(1000);
  });

  it("runs a batch of exactly the maximum, refuses one more", async () => {
    const input = (n: number) =>
      encodeURIComponent(
        JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: null }]))),
      );
    const ok = await fetch(
      `${base}/api/trpc/${Array(MAX_BATCH_CALLS).fill("org.list").join(",")}?batch=1&input=${input(MAX_BATCH_CALLS)}`,
      {
        headers: { cookie: jar.header() },
      },
    );
    expect(ok.status).toBe(200);
    expect((await ok.json()) as unknown[]).toHaveLength(MAX_BATCH_CALLS);
    const over = await fetch(
      `${base}/api/trpc/${Array(MAX_BATCH_CALLS + 1)
        .fill("org.list")
        .join(",")}?batch=1&input=${input(MAX_BATCH_CALLS + 1)}`,
      {
        headers: { cookie: jar.header() },
      },
    );
    expect(over.status).toBe(400);
  });

  it("never batches auth.* procedures with other calls", async () => {
    const body = JSON.stringify({
      0: superjson.serialize({ email: "a@e.test" }),
      1: superjson.serialize({ email: "b@e.test" }),
    });
    const r = await post("auth.requestPasswordReset,auth.requestPasswordReset?batch=1", body, {
      "content-type": "application/json",
    });
    expect(r.status).toBe(400);
    expect(r.body.error!.json.message).toMatch(/auth\.\* procedures cannot be batched with other calls/);
    const mixed = await post(
      "org.list,auth.requestPasswordReset?batch=1",
      JSON.stringify({ 1: superjson.serialize({ email: "a@e.test" }) }),
      { "content-type": "application/json" },
    );
    expect(mixed.status).toBe(400);
    // Alone — what the browser client sends — an auth.* call goes through.
    const single = await post(
      "auth.requestPasswordReset?batch=1",
      JSON.stringify({ 0: superjson.serialize({ email: "a@e.test" }) }),
      { "content-type": "application/json" },
    );
    expect(single.status).toBe(200);
  });
});

describe("body limits", () => {
  it("refuses by Content-Length before reading the body (the rest never needs to arrive)", async () => {
    // Claims 60 MB, sends 1 KB and keeps the request open: only a check of the header can answer.
    const r = await rawPost("user.updateProfile", {
      headers: { "content-type": "application/json", "content-length": 60_000_000, cookie: jar.header() },
      chunks: [Buffer.alloc(1024, 0x20)],
      keepOpen: true,
    });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.json.data.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("stops reading a chunked body as soon as it passes 5 MB", async () => {
    const piece = Buffer.alloc(256 * 1024, 0x20);
    const r = await rawPost("user.updateProfile", {
      headers: { "content-type": "application/json", "transfer-encoding": "chunked", cookie: jar.header() },
      chunks: Array.from({ length: 40 }, () => piece), // 10 MB offered
    });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.json.message).toMatch(/larger than 5 MB/);
  });

  it("still accepts a normal body", async () => {
    const r = await post("user.updateProfile", json({ name: "Edge Person" }), {
      "content-type": "application/json",
    });
    expect(r.status).toBe(200);
  });
});

describe("file imports: a larger body, alone and signed in only", () => {
  const ORG = "edge-files";
  // A real v1 log padded past 5 MB with a YAML comment, so the import itself stays quick.
  const bigRaid = () =>
    readFileSync(path.join(FIXTURES, "RAID-Log-Sample-Platform-Upgrade.yaml"), "utf8") +
    `\n# ${"x".repeat(MAX_TRPC_BODY_BYTES + 1024 * 1024)}\n`;
  const importBody = (name: string) => json({ orgSlug: ORG, raid: bigRaid(), name });

  beforeAll(async () => {
    await systemCaller().org.create({ name: "Edge files", slug: ORG, ownerEmail: "edge@e.test" });
  });

  it("names only mutations of the router", () => {
    const procedures = (
      appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string } }> } }
    )._def.procedures;
    for (const p of FILE_PROCEDURES) expect(procedures[p]?._def.type, p).toBe("mutation");
  });

  it("imports a signed-in caller's RAID log of more than 5 MB", async () => {
    const body = importBody("Big log");
    expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_TRPC_BODY_BYTES);
    const r = await post("project.importYaml", body, { "content-type": "application/json" });
    expect(r.status).toBe(200);
    const out = superjson.deserialize(r.body.result!.data as never) as { projectId: string; items: number };
    expect(out.items).toBeGreaterThan(0);
    const project = await systemCaller().project.get({ orgSlug: ORG, projectId: out.projectId });
    expect(project.name).toBe("Big log");
  });

  it("reads no more than 5 MB for a signed-out caller", async () => {
    const res = await fetch(`${base}/api/trpc/project.importYaml`, {
      method: "POST",
      body: importBody("Anonymous"),
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error!.json.message).toMatch(/larger than 5 MB/);
  });

  it("reads no more than 5 MB when the import is batched with another call", async () => {
    const body = JSON.stringify({
      0: superjson.serialize({ orgSlug: ORG, raid: bigRaid() }),
      1: superjson.serialize({ name: "Edge Person" }),
    });
    const r = await post("project.importYaml,user.updateProfile?batch=1", body, {
      "content-type": "application/json",
    });
    expect(r.status).toBe(413);
    expect(r.body.error!.json.message).toMatch(/larger than 5 MB/);
  });

  it("refuses an import over the file limit by Content-Length, before reading it", async () => {
    const r = await rawPost("budget.importYaml", {
      headers: {
        "content-type": "application/json",
        "content-length": MAX_FILE_BODY_BYTES + 1,
        cookie: jar.header(),
      },
      chunks: [Buffer.alloc(1024, 0x20)],
      keepOpen: true,
    });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.json.message).toMatch(/larger than 48 MB/);
  });

  it("leaves every other procedure at 5 MB for a signed-in caller", async () => {
    const r = await post("user.updateProfile", json({ name: "x".repeat(MAX_TRPC_BODY_BYTES) }), {
      "content-type": "application/json",
    });
    expect(r.status).toBe(413);
  });
});

describe("cross-site posts", () => {
  const form = () => {
    const f = new FormData();
    f.set("name", "Hacked by a form");
    return f;
  };
  const currentName = async () =>
    (await getCentralDb().user.findUniqueOrThrow({ where: { email: "edge@e.test" }, select: { name: true } }))
      .name;

  it("refuses a multipart post from a foreign origin (403) and changes nothing", async () => {
    const r = await post("user.updateProfile", form(), {
      origin: "https://evil.example",
      "sec-fetch-site": "cross-site",
    });
    expect(r.status).toBe(403);
    expect(r.body.error!.json.data.code).toBe("FORBIDDEN");
    expect(await currentName()).toBe("Edge Person");
  });

  it("refuses form bodies even from our own origin (415)", async () => {
    expect((await post("user.updateProfile", form(), { origin: base })).status).toBe(415);
    const urlencoded = await post("user.updateProfile", new URLSearchParams({ name: "Hacked" }), {
      origin: base,
    });
    expect(urlencoded.status).toBe(415);
    expect(urlencoded.body.error!.json.data.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(
      (await post("user.updateProfile", json({ name: "Hacked" }), { "content-type": "text/plain" })).status,
    ).toBe(415);
    expect(await currentName()).toBe("Edge Person");
  });

  it("refuses JSON from another origin or a cross-site fetch", async () => {
    const body = json({ name: "Hacked by JSON" });
    for (const headers of <Record<string, string>[]>[
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: base.replace("127.0.0.1", "localhost") },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
    ]) {
      const r = await post("user.updateProfile", body, { "content-type": "application/json", ...headers });
      expect(r.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await currentName()).toBe("Edge Person");
  });

  it("accepts same-origin JSON and callers that send no Origin (scripts, curl)", async () => {
    const same = await post("user.updateProfile", json({ name: "Edge Same Origin" }), {
      "content-type": "application/json",
      origin: base,
      "sec-fetch-site": "same-origin",
    });
    expect(same.status).toBe(200);
    expect(await currentName()).toBe("Edge Same Origin");
    const plain = await post("user.updateProfile", json({ name: "Edge Person" }), {
      "content-type": "application/json; charset=utf-8",
    });
    expect(plain.status).toBe(200);
    expect(await currentName()).toBe("Edge Person");
  });
});

describe("connections and paths", () => {
  it("closes the connection when it refuses a body it did not read (the unread bytes must not become the next request)", async () => {
    const body = json({ name: "Never read" });
    const refused = await rawExchange({
      method: "POST",
      path: "/api/trpc/user.updateProfile",
      headers: { "content-type": "text/plain", "content-length": Buffer.byteLength(body) },
      body,
    });
    expect(refused.status).toBe(415);
    expect(refused.headers.connection).toBe("close");
    expect(refused.closed).toBe(true);
    const foreign = await rawExchange({
      method: "POST",
      path: "/api/trpc/user.updateProfile",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body,
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.connection).toBe("close");
    // An answer after the whole body was read keeps the connection.
    const ok = await rawExchange({
      method: "POST",
      path: "/api/trpc/user.updateProfile",
      headers: { "content-type": "application/json" },
      body: json({ name: "Edge Person" }),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.connection).not.toBe("close");
  });

  it.each([
    ["GET", "/api/trpc/%E0%A4%A"],
    ["GET", "/api/trpc/org.list%ZZ?input=%7B%7D"],
    ["POST", "/api/trpc/%E0%A4%A"],
  ])("answers a malformed procedure path (%s %s) with 400 in tRPC's shape, not 500", async (method, p) => {
    const r = await rawExchange({
      method,
      path: p,
      headers: method === "POST" ? { "content-type": "application/json" } : {},
      body: method === "POST" ? "{}" : undefined,
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({
      error: {
        json: { message: "Malformed procedure path", data: { code: "BAD_REQUEST", httpStatus: 400 } },
      },
    });
  });
});
