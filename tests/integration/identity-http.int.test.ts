/**
 * The account-takeover path of the security review, end to end over HTTP: the real next-auth
 * handler and tRPC router (auth-http-server.ts), a real OpenID Connect provider on loopback
 * (oidc-idp.ts) that the attacker controls, and cookie jars for each browser.
 *
 * Before the fix: the attacker's `org.addMember` made the victim a member without asking, and the
 * attacker's IdP then signed in "as" the victim's address and got the victim's session — in every
 * org of the victim. Also covered: SSO logins keyed by the org's id (a slug freed by a deleted org
 * must not hand its linked logins to the next org with that slug) and "Link my SSO" from a session.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { getCentralDb } from "@/server/db/central";
import { dnsDeps } from "@/server/services/domains";
import { anonymousCaller, callerFor, makeUser, PASSWORD, systemCaller } from "./helpers";
import { useSmtpCapture } from "./account-support";
import { CookieJar, startAuthHttpServer } from "./auth-http-server";
import { startOidcProvider } from "./oidc-idp";

let server: Awaited<ReturnType<typeof startAuthHttpServer>>;
let smtp: Awaited<ReturnType<typeof useSmtpCapture>>;
let idp: Awaited<ReturnType<typeof startOidcProvider>>;
let base: string;
const SESSION_COOKIE = "next-auth.session-token";
const CLIENT = { clientId: "attacker-client", clientSecret: "attacker-secret" };
const central = () => getCentralDb();

beforeAll(async () => {
  process.env.ENCRYPTION_KEY = randomBytes(32).toString("base64url");
  server = await startAuthHttpServer();
  base = server.url;
  smtp = await useSmtpCapture(base);
  resetEnvCache();
  idp = await startOidcProvider(CLIENT);
  // No internet here, and no DNS record the attacker could publish for the victim's domain.
  dnsDeps.resolveTxt = async () => [];
});
afterAll(async () => {
  await idp.close();
  await server.close();
  await smtp.close();
});

async function csrf(jar: CookieJar): Promise<string> {
  const res = await fetch(`${base}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.store(res);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

async function passwordSignIn(jar: CookieJar, email: string, password = PASSWORD) {
  const csrfToken = await csrf(jar);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: base }),
  });
  jar.store(res);
  const url = ((await res.json()) as { url: string }).url;
  return new URL(url).searchParams.get("error");
}

async function trpc(jar: CookieJar, path: string, input: unknown, method: "GET" | "POST" = "GET") {
  const res =
    method === "GET"
      ? await fetch(`${base}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, {
          headers: { cookie: jar.header() },
        })
      : await fetch(`${base}/api/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie: jar.header() },
          body: JSON.stringify({ json: input }),
        });
  jar.store(res);
  const body = (await res.json()) as {
    result?: { data: { json: unknown } };
    error?: { json: { data: { code: string } } };
  };
  return {
    status: res.status,
    data: body.result?.data.json as Record<string, unknown> | undefined,
    code: body.error?.json.data.code,
  };
}

/** A whole SSO sign-in in this browser: start at next-auth, the IdP answers for `idp.state.nextLogin`, back to the callback. */
async function ssoSignIn(jar: CookieJar, providerId: string, issuer = idp.issuer) {
  const csrfToken = await csrf(jar);
  const start = await fetch(`${base}/api/auth/signin/${providerId}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${base}/`, json: "true" }),
  });
  jar.store(start);
  const { url } = (await start.json()) as { url: string };
  if (!url.startsWith(issuer))
    return { error: new URL(url, base).searchParams.get("error") ?? "NotStarted", url };
  const authz = await fetch(url, { redirect: "manual" });
  const callback = authz.headers.get("location");
  if (!callback) return { error: "IdpRefused", url };
  const cb = await fetch(callback, { redirect: "manual", headers: { cookie: jar.header() } });
  jar.store(cb);
  const location = cb.headers.get("location") ?? "";
  return { error: new URL(location, base).searchParams.get("error"), url: location, callback };
}

async function providerIdOf(orgSlug: string) {
  return (await anonymousCaller().auth.ssoProvider({ orgSlug })).providerId;
}

describe("the reported takeover: addMember + the attacker's own IdP", () => {
  let attackerOrg: string;
  let victimProject: string;

  beforeAll(async () => {
    await makeUser("victim@victim.test", "Vera Victim");
    await systemCaller().org.create({
      name: "Victim Co",
      slug: "victim-co",
      ownerEmail: "victim@victim.test",
    });
    victimProject = (
      await (
        await callerFor("victim@victim.test")
      ).project.create({ orgSlug: "victim-co", name: "Secret plan" })
    ).id;
    await anonymousCaller().auth.register({
      name: "Mallory Attacker",
      email: "mallory@evil.test",
      password: "Mallory-Pass-1",
    });
    attackerOrg = (await (await callerFor("mallory@evil.test")).org.list())[0]!.slug;
  });

  it("addMember only invites: the victim is no member and the org stays invisible to them", async () => {
    const mallory = await callerFor("mallory@evil.test");
    const added = await mallory.org.addMember({
      orgSlug: attackerOrg,
      email: "victim@victim.test",
      role: "member",
    });
    expect(added).toMatchObject({ status: "invited", email: "victim@victim.test", role: "member" });

    const victim = await callerFor("victim@victim.test");
    await expect(victim.org.get({ orgSlug: attackerOrg })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await victim.org.list()).map((o) => o.slug)).toEqual(["victim-co"]);
    expect((await mallory.org.members({ orgSlug: attackerOrg })).map((m) => m.email)).toEqual([
      "mallory@evil.test",
    ]);
    const victimId = (await central().user.findUniqueOrThrow({ where: { email: "victim@victim.test" } })).id;
    expect(await central().orgMembership.count({ where: { userId: victimId } })).toBe(1);
  });

  it("the attacker's IdP cannot sign in as the victim, in any casing, and cannot lock them out", async () => {
    const mallory = await callerFor("mallory@evil.test");
    await mallory.org.sso.update({
      orgSlug: attackerOrg,
      enabled: true,
      issuer: idp.issuer,
      ...CLIENT,
      ssoOnly: true,
      allowedDomains: [],
    });
    const providerId = await providerIdOf(attackerOrg);
    for (const email of ["victim@victim.test", "VICTIM@Victim.TEST", " victim@victim.test "]) {
      idp.state.nextLogin = {
        sub: `mallory-as-victim-${email.trim()}`,
        email,
        email_verified: true,
        name: "Vera Victim",
      };
      const jar = new CookieJar();
      const r = await ssoSignIn(jar, providerId);
      expect(r.callback, "the flow reached our callback").toContain(`/api/auth/callback/${providerId}`);
      expect(r.error).toBe("OAuthAccountNotLinked");
      expect(jar.get(SESSION_COOKIE)).toBeUndefined();
      expect(await trpc(jar, "project.list", { orgSlug: "victim-co" })).toMatchObject({ status: 401 });
    }
    const victimId = (await central().user.findUniqueOrThrow({ where: { email: "victim@victim.test" } })).id;
    expect(await central().account.count({ where: { userId: victimId } })).toBe(0);

    // The victim's domain cannot be claimed: no DNS record, and Mallory's own address is elsewhere.
    const claim = await mallory.org.domain.add({ orgSlug: attackerOrg, domain: "victim.test" });
    await expect(
      mallory.org.domain.verifyDns({ orgSlug: attackerOrg, domainId: claim.id }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      mallory.org.domain.confirm({ orgSlug: attackerOrg, domainId: claim.id }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });

    // Nor does a fresh address on the victim's (unverified) domain get an account just in time.
    idp.state.nextLogin = { sub: "mallory-jit", email: "ceo@victim.test", email_verified: true };
    expect((await ssoSignIn(new CookieJar(), providerId)).error).toBe("SsoDomainNotVerified");
    expect(await central().user.count({ where: { email: "ceo@victim.test" } })).toBe(0);

    // SSO-only of an org the victim never joined does not bind them: their password still works.
    const jar = new CookieJar();
    expect(await passwordSignIn(jar, "victim@victim.test")).toBeNull();
    const projects = await trpc(jar, "project.list", { orgSlug: "victim-co" });
    expect(projects.status).toBe(200);
    expect(JSON.stringify(projects.data)).toContain(victimProject);
  });
});

describe("SSO logins are keyed by the org's id", () => {
  it("an org that takes a deleted org's slug does not inherit its linked logins", async () => {
    const oldIdp = await startOidcProvider({
      clientId: "old-client",
      clientSecret: "old-secret",
      realm: "old",
    });
    try {
      await makeUser("olive@oldco.test", "Olive Owner");
      await systemCaller().org.create({
        name: "Old Co",
        slug: "reused-slug",
        ownerEmail: "olive@oldco.test",
      });
      const olive = await callerFor("olive@oldco.test");
      await olive.org.sso.update({
        orgSlug: "reused-slug",
        enabled: true,
        issuer: oldIdp.issuer,
        clientId: "old-client",
        clientSecret: "old-secret",
        allowedDomains: [],
      });
      // Olive's account is linked to Old Co's SSO (under whatever provider id Old Co's sign-in uses).
      const oldProviderId = await providerIdOf("reused-slug");
      const oliveId = (await central().user.findUniqueOrThrow({ where: { email: "olive@oldco.test" } })).id;
      await central().account.create({
        data: { userId: oliveId, provider: oldProviderId, providerAccountId: "olive-sub" },
      });
      oldIdp.state.nextLogin = { sub: "olive-sub", email: "olive@corp.example" };
      const jar = new CookieJar();
      expect((await ssoSignIn(jar, oldProviderId, oldIdp.issuer)).error).toBeNull();
      expect((await trpc(jar, "user.me", {})).data).toMatchObject({ email: "olive@oldco.test" });
      const oldOrgId = (await central().organization.findUniqueOrThrow({ where: { slug: "reused-slug" } }))
        .id;

      // (Deleting an org now also drops its SSO identities; put one back, as a database restored
      // from before this change might still hold, to show the provider id alone keeps it unusable.)
      await olive.org.delete({ orgSlug: "reused-slug", confirmSlug: "reused-slug" });
      const leftAfterDelete = await central().account.count({ where: { provider: oldProviderId } });
      await central().account.createMany({
        data: [{ userId: oliveId, provider: oldProviderId, providerAccountId: "olive-sub" }],
        skipDuplicates: true,
      });

      // Mallory takes the slug, and points its SSO at an IdP that claims Olive's old subject.
      const mallory = await callerFor("mallory@evil.test");
      await mallory.org.create({ name: "Reused", slug: "reused-slug" });
      await mallory.org.sso.update({
        orgSlug: "reused-slug",
        enabled: true,
        issuer: idp.issuer,
        ...CLIENT,
        allowedDomains: [],
      });
      const providerId = await providerIdOf("reused-slug");
      idp.state.nextLogin = { sub: "olive-sub", email: "olive@oldco.test" };
      const thief = new CookieJar();
      const r = await ssoSignIn(thief, providerId);
      expect(r.error).toBe("OAuthAccountNotLinked");
      expect(thief.get(SESSION_COOKIE)).toBeUndefined();
      expect(leftAfterDelete).toBe(0);
      expect(oldProviderId).toBe(`sso-${oldOrgId}`);
      expect(providerId).not.toBe(oldProviderId);
      expect(providerId).not.toContain("reused-slug");
      // The deleted org's own callback URL no longer signs anyone in.
      oldIdp.state.nextLogin = { sub: "olive-sub", email: "olive@oldco.test" };
      const gone = await ssoSignIn(thief, `sso-${oldOrgId}`, oldIdp.issuer);
      expect(gone.url).not.toContain(oldIdp.issuer);
      expect(thief.get(SESSION_COOKIE)).toBeUndefined();
    } finally {
      await oldIdp.close();
    }
  });
});

describe("Link my SSO, from a signed-in session only", () => {
  let providerId: string;

  beforeAll(async () => {
    await makeUser("lena@linkco.test", "Lena Lead");
    await makeUser("nils@linkco.test", "Nils Nolink");
    const sys = systemCaller();
    await sys.org.create({ name: "Link Co", slug: "link-co", ownerEmail: "lena@linkco.test" });
    await sys.org.addMember({ orgSlug: "link-co", email: "nils@linkco.test", role: "member" });
    const lena = await callerFor("lena@linkco.test");
    await lena.org.sso.update({
      orgSlug: "link-co",
      enabled: true,
      issuer: idp.issuer,
      ...CLIENT,
      allowedDomains: [],
    });
    providerId = await providerIdOf("link-co");
  });

  it("links the identity to the member who asked, and it then signs them in", async () => {
    const jar = new CookieJar();
    expect(await passwordSignIn(jar, "lena@linkco.test")).toBeNull();
    expect((await trpc(jar, "org.sso.linkStatus", { orgSlug: "link-co" })).data).toMatchObject({
      enabled: true,
      linked: false,
    });
    expect((await trpc(jar, "org.sso.startLink", { orgSlug: "link-co" }, "POST")).data).toMatchObject({
      providerId,
    });
    idp.state.nextLogin = { sub: "lena-at-idp", email: "lena.lead@corp-idp.test" };
    const r = await ssoSignIn(jar, providerId);
    expect(r.error).toBeNull();
    expect((await trpc(jar, "org.sso.linkStatus", { orgSlug: "link-co" })).data).toMatchObject({
      linked: true,
    });

    // Another browser, no session: the IdP identity now signs in as Lena.
    const other = new CookieJar();
    idp.state.nextLogin = { sub: "lena-at-idp", email: "lena.lead@corp-idp.test" };
    expect((await ssoSignIn(other, providerId)).error).toBeNull();
    expect((await trpc(other, "user.me", {})).data).toMatchObject({ email: "lena@linkco.test" });
    // The link was single use: audited once.
    const lenaId = (await central().user.findUniqueOrThrow({ where: { email: "lena@linkco.test" } })).id;
    const links = await central().centralAuditLog.findMany({
      where: { action: "LINK", entityType: "user_identity", entityId: lenaId },
    });
    expect(links.filter((a) => (a.after as { via?: string }).via === "signed_in_session")).toHaveLength(1);
  });

  it("a session that did not ask to link links nothing (a forced SSO round trip cannot attach an identity)", async () => {
    const jar = new CookieJar();
    expect(await passwordSignIn(jar, "nils@linkco.test")).toBeNull();
    idp.state.nextLogin = { sub: "mallory-wants-nils", email: "nils@linkco.test" };
    const r = await ssoSignIn(jar, providerId);
    expect(r.error).toBe("OAuthAccountNotLinked");
    const nilsId = (await central().user.findUniqueOrThrow({ where: { email: "nils@linkco.test" } })).id;
    expect(await central().account.count({ where: { userId: nilsId } })).toBe(0);
    // An identity already linked to someone else cannot be taken over by starting a link.
    expect((await trpc(jar, "org.sso.startLink", { orgSlug: "link-co" }, "POST")).status).toBe(200);
    idp.state.nextLogin = { sub: "lena-at-idp", email: "lena.lead@corp-idp.test" };
    const again = await ssoSignIn(jar, providerId);
    expect(again.error).toBe("SsoIdentityInUse");
    expect(await central().account.count({ where: { userId: nilsId } })).toBe(0);
  });

  it("a callback from someone else's round trip is refused even while a link is pending (OAuth state)", async () => {
    // Nils asked to link. Mallory starts a sign-in in her own browser and hands Nils her callback URL.
    const nils = new CookieJar();
    expect(await passwordSignIn(nils, "nils@linkco.test")).toBeNull();
    expect((await trpc(nils, "org.sso.startLink", { orgSlug: "link-co" }, "POST")).status).toBe(200);
    const mallory = new CookieJar();
    const csrfToken = await csrf(mallory);
    const start = await fetch(`${base}/api/auth/signin/${providerId}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: mallory.header() },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${base}/`, json: "true" }),
    });
    mallory.store(start);
    idp.state.nextLogin = { sub: "mallory-identity", email: "mallory@evil.test" };
    const authz = await fetch(((await start.json()) as { url: string }).url, { redirect: "manual" });
    const planted = authz.headers.get("location")!;
    const cb = await fetch(planted, { redirect: "manual", headers: { cookie: nils.header() } });
    nils.store(cb);
    expect(new URL(cb.headers.get("location") ?? "", base).searchParams.get("error")).not.toBeNull();
    const nilsId = (await central().user.findUniqueOrThrow({ where: { email: "nils@linkco.test" } })).id;
    expect(await central().account.count({ where: { userId: nilsId } })).toBe(0);
    expect(await central().account.count({ where: { providerAccountId: "mallory-identity" } })).toBe(0);
  });

  it("only members may start a link", async () => {
    const jar = new CookieJar();
    expect(await passwordSignIn(jar, "victim@victim.test")).toBeNull();
    expect(await trpc(jar, "org.sso.startLink", { orgSlug: "link-co" }, "POST")).toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
