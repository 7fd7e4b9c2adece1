/**
 * API tokens over real HTTP (src/server/api/http.ts behind a Node server, as
 * `next start` serves it): a script with a typed @trpc/client and
 * `Authorization: Bearer bm_…` acts as the token's user in the token's org
 * only, with the user's current roles; revoked, expired and orphaned tokens
 * stop working at once; tokens cannot reach account procedures or mint
 * tokens; the secret never reaches the audit or the logs.
 */
import { inspect } from "node:util";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { TRPCError } from "@trpc/server";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { createCaller, type AppRouter } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { getCentralDb } from "@/server/db/central";
import { logger } from "@/server/logger";
import { callerFor, makeUser, PASSWORD, systemCaller } from "./helpers";
import { CookieJar, startAuthHttpServer } from "./auth-http-server";

let server: Awaited<ReturnType<typeof startAuthHttpServer>>;
let base: string;
const logged: string[] = [];

const ORG = "tok-a";
const OTHER = "tok-b";

/** What a script does: a typed client with the token in every request. */
function clientWith(token: string, extra: Record<string, string> = {}) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${base}/api/trpc`,
        transformer: superjson,
        headers: { authorization: `Bearer ${token}`, ...extra },
      }),
    ],
  });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (e instanceof TRPCClientError) return (e.data as { code: string }).code;
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}

async function newToken(email: string, org = ORG, expiresInDays?: number) {
  return (await callerFor(email)).apiToken.create({
    orgSlug: org,
    name: `script ${Math.random()}`,
    expiresInDays,
  });
}

async function signIn(email: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  jar.store(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true", callbackUrl: base }),
  });
  jar.store(res);
  expect(jar.get("next-auth.session-token")).toBeTruthy();
  return jar;
}

let projectId = "";

beforeAll(async () => {
  server = await startAuthHttpServer();
  base = server.url;
  process.env.NEXTAUTH_URL = base;
  resetEnvCache();
  // Everything request code hands the logger, before redaction.
  logger.level = "debug";
  vi.spyOn(logger, "child").mockImplementation(() => {
    const record = (...args: unknown[]) => void logged.push(inspect(args, { depth: 8 }));
    return { debug: record, info: record, warn: record, error: record } as unknown as ReturnType<
      typeof logger.child
    >;
  });
  for (const [email, name] of [
    ["alice@tok.test", "Alice"],
    ["bob@tok.test", "Bob"],
    ["viv@tok.test", "Viv"],
    ["gone@tok.test", "Gone"],
    ["off@tok.test", "Off"],
  ] as const)
    await makeUser(email, name);
  const sys = systemCaller();
  await sys.org.create({ name: "Tokens A", slug: ORG, ownerEmail: "bob@tok.test" });
  await sys.org.create({ name: "Tokens B", slug: OTHER, ownerEmail: "bob@tok.test" });
  for (const email of ["alice@tok.test", "viv@tok.test", "gone@tok.test", "off@tok.test"])
    await sys.org.addMember({ orgSlug: ORG, email, role: "member" });
  await sys.org.addMember({ orgSlug: OTHER, email: "alice@tok.test", role: "member" });
  projectId = (await sys.project.create({ orgSlug: ORG, name: "Scripted" })).id;
  await sys.project.setRole({ orgSlug: ORG, projectId, email: "alice@tok.test", role: "team_member" });
  await sys.project.setRole({ orgSlug: ORG, projectId, email: "viv@tok.test", role: "viewer" });
  await sys.project.setRole({ orgSlug: ORG, projectId, email: "gone@tok.test", role: "viewer" });
  await sys.project.setRole({ orgSlug: ORG, projectId, email: "off@tok.test", role: "viewer" });
});

afterAll(async () => {
  vi.restoreAllMocks();
  logger.level = "silent";
  await server.close();
});

describe("API tokens over HTTP", () => {
  it("acts as its user in its org: lists the org's projects and writes with the user's roles", async () => {
    const { token } = await newToken("alice@tok.test");
    expect(token).toMatch(/^bm_[A-Za-z0-9_-]{43}$/);
    const api = clientWith(token);
    const projects = await api.project.list.query({ orgSlug: ORG });
    expect(projects.map((p) => p.name)).toContain("Scripted");
    const item = await api.item.create.mutate({
      orgSlug: ORG,
      projectId,
      type: "Action Item",
      title: "From a script",
    });
    const got = await api.item.get.query({ orgSlug: ORG, projectId, itemNum: item.itemNum });
    expect(got.title).toBe("From a script");
    // The tenant audit names the person, as for a browser session.
    const audit = await systemCaller().audit.list({ orgSlug: ORG, projectId });
    expect(JSON.stringify(audit)).toContain("Alice");
  });

  it("is refused in any other org, even one its user belongs to (NOT_FOUND, like a foreign org)", async () => {
    const { token } = await newToken("alice@tok.test");
    const api = clientWith(token);
    expect(await codeOf(api.project.list.query({ orgSlug: OTHER }))).toBe("NOT_FOUND");
    expect(await codeOf(api.project.list.query({ orgSlug: "no-such-org" }))).toBe("NOT_FOUND");
    // The same person signed in normally does see the other org.
    expect(await codeOf((await callerFor("alice@tok.test")).project.list({ orgSlug: OTHER }))).toBe("OK");
  });

  it("cannot mint tokens nor reach account or org-less procedures", async () => {
    const { token } = await newToken("alice@tok.test");
    const api = clientWith(token);
    expect(await codeOf(api.apiToken.create.mutate({ orgSlug: ORG, name: "child" }))).toBe("FORBIDDEN");
    expect(await codeOf(api.user.me.query())).toBe("FORBIDDEN");
    expect(await codeOf(api.user.updateProfile.mutate({ name: "Hacked" }))).toBe("FORBIDDEN");
    expect(await codeOf(api.org.list.query())).toBe("FORBIDDEN");
    expect(await codeOf(api.auth.requestPasswordReset.mutate({ email: "alice@tok.test" }))).toBe("FORBIDDEN");
    // Live streams follow a browser session; a token cannot open one.
    const caller = createCaller(
      createInnerContext({ session: null, headers: new Headers({ authorization: `Bearer ${token}` }) }),
    );
    expect(await codeOf(caller.project.onChange({ orgSlug: ORG, projectId }))).toBe("FORBIDDEN");
    const me = await getCentralDb().user.findUniqueOrThrow({ where: { email: "alice@tok.test" } });
    expect(me.name).toBe("Alice");
    // It may list (and revoke) its user's tokens, without any secret.
    const list = await api.apiToken.list.query({ orgSlug: ORG });
    expect(list.length).toBeGreaterThan(0);
    expect(JSON.stringify(list)).not.toMatch(/bm_|hash/i);
  });

  it("has the user's current roles: a viewer's token cannot create items", async () => {
    const { token } = await newToken("viv@tok.test");
    const api = clientWith(token);
    expect(await codeOf(api.item.list.query({ orgSlug: ORG, projectId }))).toBe("OK");
    expect(
      await codeOf(api.item.create.mutate({ orgSlug: ORG, projectId, type: "Action Item", title: "x" })),
    ).toBe("FORBIDDEN");
  });

  it("stops working once revoked (by its user, or by an org admin)", async () => {
    const own = await newToken("alice@tok.test");
    const api = clientWith(own.token);
    expect(await codeOf(api.project.list.query({ orgSlug: ORG }))).toBe("OK");
    await (await callerFor("alice@tok.test")).apiToken.revoke({ orgSlug: ORG, id: own.id });
    expect(await codeOf(api.project.list.query({ orgSlug: ORG }))).toBe("UNAUTHORIZED");

    const other = await newToken("alice@tok.test");
    // Another member cannot see or revoke it; the org's owner can.
    expect(
      await codeOf((await callerFor("viv@tok.test")).apiToken.revoke({ orgSlug: ORG, id: other.id })),
    ).toBe("NOT_FOUND");
    expect(await codeOf(clientWith(other.token).project.list.query({ orgSlug: ORG }))).toBe("OK");
    await (await callerFor("bob@tok.test")).apiToken.revoke({ orgSlug: ORG, id: other.id });
    expect(await codeOf(clientWith(other.token).project.list.query({ orgSlug: ORG }))).toBe("UNAUTHORIZED");
  });

  it("stops working once expired", async () => {
    const t = await newToken("alice@tok.test", ORG, 1);
    expect(await codeOf(clientWith(t.token).project.list.query({ orgSlug: ORG }))).toBe("OK");
    await getCentralDb().apiToken.update({
      where: { id: t.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await codeOf(clientWith(t.token).project.list.query({ orgSlug: ORG }))).toBe("UNAUTHORIZED");
  });

  it("stops working at once when its user leaves the org or is deactivated", async () => {
    const gone = await newToken("gone@tok.test");
    expect(await codeOf(clientWith(gone.token).project.list.query({ orgSlug: ORG }))).toBe("OK");
    await systemCaller().org.removeMember({ orgSlug: ORG, email: "gone@tok.test" });
    expect(await codeOf(clientWith(gone.token).project.list.query({ orgSlug: ORG }))).toBe("NOT_FOUND");

    const off = await newToken("off@tok.test");
    expect(await codeOf(clientWith(off.token).project.list.query({ orgSlug: ORG }))).toBe("OK");
    await getCentralDb().user.update({
      where: { email: "off@tok.test" },
      data: { deactivatedAt: new Date() },
    });
    expect(await codeOf(clientWith(off.token).project.list.query({ orgSlug: ORG }))).toBe("UNAUTHORIZED");
  });

  it("refuses unknown and malformed tokens, and never falls back to a cookie session", async () => {
    expect(await codeOf(clientWith("bm_" + "x".repeat(43)).project.list.query({ orgSlug: ORG }))).toBe(
      "UNAUTHORIZED",
    );
    expect(await codeOf(clientWith("not-a-token").project.list.query({ orgSlug: ORG }))).toBe("UNAUTHORIZED");
    const jar = await signIn("bob@tok.test");
    // Bob's cookie with a bad token: refused (not served as Bob).
    expect(
      await codeOf(
        clientWith("bm_" + "y".repeat(43), { cookie: jar.header() }).project.list.query({ orgSlug: OTHER }),
      ),
    ).toBe("UNAUTHORIZED");
    // Bob's cookie with Alice's token: Alice, in Alice's token's org only.
    const { token } = await newToken("alice@tok.test");
    const both = clientWith(token, { cookie: jar.header() });
    expect(await codeOf(both.user.me.query())).toBe("FORBIDDEN");
    const mine = await both.apiToken.list.query({ orgSlug: ORG });
    const alices = await (await callerFor("alice@tok.test")).apiToken.list({ orgSlug: ORG });
    expect(mine.map((t) => t.id).sort()).toEqual(alices.map((t) => t.id).sort());
    // Without the token the cookie works as before.
    const res = await fetch(`${base}/api/trpc/user.me`, { headers: { cookie: jar.header() } });
    expect(
      ((await res.json()) as { result: { data: { json: { name: string } } } }).result.data.json.name,
    ).toBe("Bob");
  });

  it("works with plain curl-style requests", async () => {
    const { token } = await newToken("alice@tok.test");
    const input = encodeURIComponent(JSON.stringify({ json: { orgSlug: ORG } }));
    const res = await fetch(`${base}/api/trpc/project.list?input=${input}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { json: { name: string }[] } } };
    expect(body.result.data.json.map((p) => p.name)).toContain("Scripted");
    const post = await fetch(`${base}/api/trpc/item.create`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ json: { orgSlug: ORG, projectId, type: "Risk", title: "curl risk" } }),
    });
    expect(post.status).toBe(200);
  });

  it("records use in last_used_at and the central audit (at most once a minute), never the secret", async () => {
    const t = await newToken("alice@tok.test");
    const api = clientWith(t.token);
    for (let i = 0; i < 3; i++) await api.project.list.query({ orgSlug: ORG });
    const row = await getCentralDb().apiToken.findUniqueOrThrow({ where: { id: t.id } });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
    expect(row.tokenHash).not.toContain(t.token);
    const uses = await getCentralDb().centralAuditLog.findMany({
      where: { entityType: "api_token", entityId: t.id, action: "LOGIN" },
    });
    expect(uses).toHaveLength(1);
    // The org admins' access log shows it.
    const log = await (await callerFor("bob@tok.test")).audit.central({ orgSlug: ORG });
    expect(JSON.stringify(log)).toContain(t.id);
    // Nothing stored or logged carries a token secret (every token made in this file starts bm_).
    const central = await getCentralDb().centralAuditLog.findMany({});
    expect(JSON.stringify(central, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toMatch(
      /bm_[A-Za-z0-9_-]{43}/,
    );
    const tenant = await systemCaller().audit.list({ orgSlug: ORG });
    expect(JSON.stringify(tenant)).not.toMatch(/bm_[A-Za-z0-9_-]{43}/);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join("\n")).not.toMatch(/bm_[A-Za-z0-9_-]{43}/);
  });
});
