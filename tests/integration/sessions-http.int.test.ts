/**
 * Per-device sessions over HTTP (the real next-auth handler and tRPC router): every sign-in is a
 * device; `user.sessions` lists them; `user.revokeSession` signs one device out at its next request
 * while the others go on; signing out ends this device only; "sign out everywhere" ends them all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { resetEnvCache } from "@/env";
import { getCentralDb } from "@/server/db/central";
import { loadSessionActor } from "@/server/services/sessions";
import { makeUser, PASSWORD } from "./helpers";
import { CookieJar, startAuthHttpServer } from "./auth-http-server";

let server: Awaited<ReturnType<typeof startAuthHttpServer>>;
let base: string;
const SESSION_COOKIE = "next-auth.session-token";
const MAC_CHROME =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const PHONE_SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

beforeAll(async () => {
  server = await startAuthHttpServer();
  base = server.url;
  process.env.NEXTAUTH_URL = base;
  resetEnvCache();
  await makeUser("dana@dev.test", "Dana Devices");
  await makeUser("other@dev.test", "Otto Other");
});
afterAll(async () => {
  await server.close();
});

/** A browser: cookies plus its User-Agent. */
class Device {
  jar = new CookieJar();
  constructor(readonly ua: string) {}
  headers(extra: Record<string, string> = {}) {
    return { cookie: this.jar.header(), "user-agent": this.ua, ...extra };
  }
  async csrf() {
    const res = await fetch(`${base}/api/auth/csrf`, { headers: this.headers() });
    this.jar.store(res);
    return ((await res.json()) as { csrfToken: string }).csrfToken;
  }
  async signIn(email: string) {
    const csrfToken = await this.csrf();
    const res = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: this.headers({ "content-type": "application/x-www-form-urlencoded" }),
      body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true", callbackUrl: base }),
    });
    this.jar.store(res);
    expect(this.jar.get(SESSION_COOKIE)).toBeTruthy();
  }
  async signOut() {
    const csrfToken = await this.csrf();
    const res = await fetch(`${base}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: this.headers({ "content-type": "application/x-www-form-urlencoded" }),
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
    this.jar.store(res);
  }
  async call(path: string, input: unknown = {}, method: "GET" | "POST" = "GET") {
    const res =
      method === "GET"
        ? await fetch(
            `${base}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
            {
              headers: this.headers(),
            },
          )
        : await fetch(`${base}/api/trpc/${path}`, {
            method: "POST",
            headers: this.headers({ "content-type": "application/json" }),
            body: JSON.stringify({ json: input }),
          });
    this.jar.store(res);
    const body = (await res.json()) as {
      result?: { data: { json: unknown } };
      error?: { json: { data: { code: string } } };
    };
    return { status: res.status, data: body.result?.data.json, code: body.error?.json.data.code };
  }
}

type SessionView = { id: string; device: string; browser: string; lastSeenAt: string; current: boolean };

describe("per-device sessions", () => {
  it("lists my devices; revoking one signs out only that device", async () => {
    const laptop = new Device(MAC_CHROME);
    const phone = new Device(PHONE_SAFARI);
    await laptop.signIn("dana@dev.test");
    await phone.signIn("dana@dev.test");

    const list = (await laptop.call("user.sessions")).data as SessionView[];
    expect(list).toHaveLength(2);
    expect(list.find((s) => s.current)).toMatchObject({ device: "Mac", browser: "Chrome 131" });
    const other = list.find((s) => !s.current)!;
    expect(other).toMatchObject({ device: "iPhone", browser: "Safari 18" });
    expect(new Date(other.lastSeenAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const fromPhone = (await phone.call("user.sessions")).data as SessionView[];
    expect(fromPhone.find((s) => s.current)?.id).toBe(other.id);

    const stolen = phone.jar.clone();
    expect((await laptop.call("user.revokeSession", { id: other.id }, "POST")).status).toBe(200);
    expect(await phone.call("user.me")).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    const replay = new Device(PHONE_SAFARI);
    replay.jar = stolen;
    expect(await replay.call("user.me")).toMatchObject({ status: 401 });
    expect(await laptop.call("user.me")).toMatchObject({
      status: 200,
      data: expect.objectContaining({ email: "dana@dev.test" }),
    });
    expect(((await laptop.call("user.sessions")).data as SessionView[]).map((s) => s.id)).not.toContain(
      other.id,
    );
    // Twice, or someone else's: not found.
    expect(await laptop.call("user.revokeSession", { id: other.id }, "POST")).toMatchObject({
      code: "NOT_FOUND",
    });
    const otto = new Device(MAC_CHROME);
    await otto.signIn("other@dev.test");
    const ottoSession = ((await otto.call("user.sessions")).data as SessionView[])[0]!;
    expect(await laptop.call("user.revokeSession", { id: ottoSession.id }, "POST")).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await otto.call("user.me")).toMatchObject({ status: 200 });
  });

  it("signing out ends this device only; sign out everywhere ends them all", async () => {
    const a = new Device(MAC_CHROME);
    const b = new Device(PHONE_SAFARI);
    await a.signIn("dana@dev.test");
    await b.signIn("dana@dev.test");
    const aCookie = a.jar.clone();
    await a.signOut();
    const replay = new Device(MAC_CHROME);
    replay.jar = aCookie;
    expect(await replay.call("user.me")).toMatchObject({ status: 401 });
    expect(await b.call("user.me")).toMatchObject({ status: 200 });

    const c = new Device(MAC_CHROME);
    await c.signIn("dana@dev.test");
    expect((await b.call("user.signOutEverywhere", {}, "POST")).status).toBe(200);
    expect(await b.call("user.me")).toMatchObject({ status: 401 });
    expect(await c.call("user.me")).toMatchObject({ status: 401 });
    const dana = await getCentralDb().user.findUniqueOrThrow({ where: { email: "dana@dev.test" } });
    expect(await getCentralDb().userSession.count({ where: { userId: dana.id, endedAt: null } })).toBe(0);
  });

  it("a token from before per-device sessions still works, and gets a revocable session at re-validation", async () => {
    const u = await getCentralDb().user.findUniqueOrThrow({ where: { email: "other@dev.test" } });
    const legacy = await encode({
      secret: process.env.NEXTAUTH_SECRET!,
      token: {
        sub: u.id,
        uid: u.id,
        sv: u.sessionVersion,
        org: null,
        at: Date.now() - 20 * 60_000,
        name: u.name,
        email: u.email,
      },
    });
    const d = new Device(MAC_CHROME);
    d.jar.store(new Response(null, { headers: { "set-cookie": `${SESSION_COOKIE}=${legacy}; Path=/` } }));
    const before = await getCentralDb().userSession.count({ where: { userId: u.id } });
    expect(await d.call("user.me")).toMatchObject({ status: 200 });
    expect(await getCentralDb().userSession.count({ where: { userId: u.id } })).toBe(before + 1);
    const mine = ((await d.call("user.sessions")).data as SessionView[]).find((s) => s.current);
    expect(mine).toBeDefined();
    expect((await d.call("user.revokeSession", { id: mine!.id }, "POST")).status).toBe(200);
    expect(await d.call("user.me")).toMatchObject({ status: 401 });
  });

  it("the session check is one function: wrong or ended ids are refused without a throw", async () => {
    const u = await getCentralDb().user.findUniqueOrThrow({ where: { email: "dana@dev.test" } });
    const claims = { user: { id: u.id }, sessionVersion: u.sessionVersion };
    expect(await loadSessionActor(getCentralDb(), claims)).toMatchObject({
      kind: "user",
      email: "dana@dev.test",
    });
    expect(await loadSessionActor(getCentralDb(), { ...claims, sessionId: "not-a-uuid" })).toBeNull();
    expect(
      await loadSessionActor(getCentralDb(), {
        ...claims,
        sessionId: "00000000-0000-4000-8000-000000000000",
      }),
    ).toBeNull();
    expect(await loadSessionActor(getCentralDb(), { ...claims, user: { id: "nope" } })).toBeNull();
    expect(
      await loadSessionActor(getCentralDb(), { ...claims, sessionVersion: claims.sessionVersion - 1 }),
    ).toBeNull();
  });
});
