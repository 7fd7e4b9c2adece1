/**
 * Sign-in, throttling, sliding refresh, org switching and sign-out over HTTP:
 * the real next-auth handler with the app's options and the real tRPC router
 * (see auth-http-server.ts), driven with fetch and a cookie jar.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, encode } from "next-auth/jwt";
import { resetEnvCache } from "@/env";
import { ACCESS_TTL_MS } from "@/domain/session";
import { sessionFromRequest } from "@/server/auth/server-session";
import { getCentralDb } from "@/server/db/central";
import { makeUser, PASSWORD, systemCaller } from "./helpers";
import { centralAudit } from "./account-support";
import { CookieJar, startAuthHttpServer } from "./auth-http-server";

let server: Awaited<ReturnType<typeof startAuthHttpServer>>;
let base: string;
const SESSION_COOKIE = "next-auth.session-token";
const secret = () => process.env.NEXTAUTH_SECRET!;

beforeAll(async () => {
  server = await startAuthHttpServer();
  base = server.url;
  process.env.NEXTAUTH_URL = base;
  // As behind a load balancer on loopback with an internal hop in 10/8: forwarded headers are believed.
  process.env.TRUSTED_PROXIES = "loopback, 10.0.0.0/8";
  resetEnvCache();
  await makeUser("hank@h.test", "Hank HTTP");
  await makeUser("tara@h.test", "Tara Throttle");
  const sys = systemCaller();
  await sys.org.create({ name: "Hank One", slug: "hank-one", ownerEmail: "hank@h.test" });
  await sys.org.create({ name: "Hank Two", slug: "hank-two", ownerEmail: "hank@h.test" });
});
afterAll(async () => {
  delete process.env.TRUSTED_PROXIES;
  resetEnvCache();
  await server.close();
});

async function csrf(jar: CookieJar): Promise<string> {
  const res = await fetch(`${base}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.store(res);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

async function signIn(jar: CookieJar, email: string, password: string, ip?: string, withCsrf = true) {
  const csrfToken = withCsrf ? await csrf(jar) : "forged";
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: jar.header(),
      ...(ip ? { "x-forwarded-for": `${ip}, 10.0.0.1` } : {}),
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: base }),
  });
  jar.store(res);
  const url = ((await res.json()) as { url: string }).url;
  return { status: res.status, url, error: new URL(url).searchParams.get("error") };
}

async function me(jar: CookieJar) {
  const res = await fetch(`${base}/api/trpc/user.me`, { headers: { cookie: jar.header() } });
  jar.store(res);
  const body = (await res.json()) as {
    result?: { data: { json: { email: string } } };
    error?: { json: { data: { code: string } } };
  };
  return { status: res.status, email: body.result?.data.json.email, code: body.error?.json.data.code };
}

async function session(jar: CookieJar, update?: unknown) {
  const res = update
    ? await fetch(`${base}/api/auth/session`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: jar.header() },
        body: JSON.stringify({ csrfToken: await csrf(jar), data: update }),
      })
    : await fetch(`${base}/api/auth/session`, { headers: { cookie: jar.header() } });
  jar.store(res);
  return (await res.json()) as { user?: { email: string }; orgSlug?: string | null; sessionVersion?: number };
}

describe("sessions over HTTP", () => {
  it("signs in with credentials; the cookie works on /api/trpc; sign-out ends it, even when replayed", async () => {
    const jar = new CookieJar();
    expect(await me(jar)).toMatchObject({ status: 401, code: "UNAUTHORIZED" });

    const r = await signIn(jar, "hank@h.test", PASSWORD);
    expect(r).toMatchObject({ status: 200, error: null });
    expect(jar.get(SESSION_COOKIE)).toBeTruthy();
    expect(await me(jar)).toMatchObject({ status: 200, email: "hank@h.test" });
    expect(await session(jar)).toMatchObject({ user: { email: "hank@h.test" }, orgSlug: "hank-one" });

    const stolen = jar.clone();
    const res = await fetch(`${base}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
      body: new URLSearchParams({ csrfToken: await csrf(jar), json: "true" }),
    });
    jar.store(res);
    expect(res.status).toBe(200);
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();
    expect(await me(jar)).toMatchObject({ status: 401 });
    // The old cookie, replayed, is refused too: the session version moved on.
    expect(await me(stolen)).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    expect((await centralAudit({ action: "LOGOUT" })).length).toBe(1);
  });

  it("refuses a sign-in POST without the CSRF token", async () => {
    const jar = new CookieJar();
    const r = await signIn(jar, "hank@h.test", PASSWORD, undefined, false);
    expect(r.url).toContain("csrf=true");
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();
  });

  it("throttles after five wrong passwords: error=TooManyAttempts, also for the right password", async () => {
    const jar = new CookieJar();
    const ip = "192.0.2.44";
    for (let i = 0; i < 5; i++) {
      expect(await signIn(jar, "tara@h.test", "Wrong-Pass-9", ip)).toMatchObject({
        status: 401,
        error: "CredentialsSignin",
      });
    }
    expect(await signIn(jar, "tara@h.test", "Wrong-Pass-9", ip)).toMatchObject({
      status: 401,
      error: "TooManyAttempts",
    });
    expect(await signIn(jar, "tara@h.test", PASSWORD, "192.0.2.45")).toMatchObject({
      status: 401,
      error: "TooManyAttempts",
    });
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();
    // The right-most X-Forwarded-For hop that is not a trusted proxy is recorded and audited.
    const attempts = await getCentralDb().loginAttempt.findMany({ where: { email: "tara@h.test" } });
    expect(new Set(attempts.map((a) => a.ip))).toEqual(new Set([ip]));
    const failed = await centralAudit({ action: "LOGIN_FAILED" });
    expect(failed.filter((a) => a.ip === ip).length).toBe(6);
  });

  it("switching org re-issues the token (update trigger), only to an org the user belongs to", async () => {
    const jar = new CookieJar();
    await signIn(jar, "hank@h.test", PASSWORD);
    const before = jar.get(SESSION_COOKIE);
    expect(await session(jar, { orgSlug: "hank-two" })).toMatchObject({ orgSlug: "hank-two" });
    expect(jar.get(SESSION_COOKIE)).not.toBe(before);
    expect(await session(jar)).toMatchObject({ orgSlug: "hank-two" });
    expect(await session(jar, { orgSlug: "not-mine" })).toMatchObject({ orgSlug: "hank-two" });
  });
});

describe("short access, sliding refresh", () => {
  async function tokenFor(email: string, at: number) {
    const u = await getCentralDb().user.findUniqueOrThrow({ where: { email } });
    return encode({
      secret: secret(),
      token: { sub: u.id, uid: u.id, sv: u.sessionVersion, org: null, at, name: u.name, email: u.email },
    });
  }

  it("a fresh token is used as is; an old access stamp is re-validated and the token re-issued", async () => {
    const fresh = await tokenFor("hank@h.test", Date.now());
    const a = await sessionFromRequest({ headers: {}, cookies: { [SESSION_COOKIE]: fresh } });
    expect(a.session?.user.email).toBe("hank@h.test");
    expect(a.setCookies).toEqual([]);

    const oldStamp = Date.now() - ACCESS_TTL_MS - 60_000;
    const old = await tokenFor("hank@h.test", oldStamp);
    const b = await sessionFromRequest({ headers: {}, cookies: { [SESSION_COOKIE]: old } });
    expect(b.session?.user.email).toBe("hank@h.test");
    const renewed = b.setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(renewed).toMatch(/Expires=/);
    const value = renewed!.split(";")[0]!.slice(SESSION_COOKIE.length + 1);
    const decoded = (await decode({ secret: secret(), token: value })) as { at: number; org: string | null };
    expect(decoded.at).toBeGreaterThan(oldStamp);
    // The re-validation also fills in the current org.
    expect(decoded.org).toBe("hank-one");
  });

  it("an old stamp with an ended session is cleared; a fresh one is still refused by every procedure", async () => {
    const oldStamp = Date.now() - ACCESS_TTL_MS - 60_000;
    const old = await tokenFor("hank@h.test", oldStamp);
    const fresh = await tokenFor("hank@h.test", Date.now());
    await getCentralDb().user.update({
      where: { email: "hank@h.test" },
      data: { sessionVersion: { increment: 1 } },
    });

    const r = await sessionFromRequest({ headers: {}, cookies: { [SESSION_COOKIE]: old } });
    expect(r.session).toBeNull();
    expect(r.setCookies.some((c) => c.startsWith(`${SESSION_COOKIE}=;`) || /Max-Age=0|1970/.test(c))).toBe(
      true,
    );

    const jar = new CookieJar();
    jar.store(new Response(null, { headers: { "set-cookie": `${SESSION_COOKIE}=${fresh}; Path=/` } }));
    expect(await me(jar)).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
  });
});
