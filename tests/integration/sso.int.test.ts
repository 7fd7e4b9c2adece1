/**
 * Per-org OIDC SSO: settings with the client secret encrypted at rest, the
 * connection test against a discovery document served locally, the SSO-only
 * switch, and just-in-time provisioning (org SSO, Google, Microsoft).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { authOptionsForRoute } from "@/server/auth/config";
import { getCentralDb } from "@/server/db/central";
import { signInWithPassword } from "@/server/services/auth";
import { loadSsoProviderSettings, resolveExternalSignIn, SignInRefusal, type ExternalIdentity } from "@/server/services/sso";
import { callerFor, codeOf, makeUser, PASSWORD, systemCaller } from "./helpers";
import { failureOf, meta } from "./account-support";

let idp: http.Server;
let issuer: string;

beforeAll(async () => {
  process.env.ENCRYPTION_KEY = randomBytes(32).toString("base64url");
  resetEnvCache();
  idp = http.createServer((req, res) => {
    const host = `http://${req.headers.host}`;
    if (req.url === "/realms/acme/.well-known/openid-configuration") {
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          issuer: `${host}/realms/acme`,
          authorization_endpoint: `${host}/realms/acme/auth`,
          token_endpoint: `${host}/realms/acme/token`,
          userinfo_endpoint: `${host}/realms/acme/userinfo`,
          jwks_uri: `${host}/realms/acme/certs`,
          scopes_supported: ["openid", "email", "profile"],
        }),
      );
    } else if (req.url === "/broken/.well-known/openid-configuration") {
      res.end("<html>not json</html>");
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => idp.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}/realms/acme`;

  for (const [email, name] of [
    ["alice@acme.test", "Alice Admin"],
    ["mo@acme.test", "Mo Member"],
    ["eve@elsewhere.test", "Eve Elsewhere"],
  ] as const) {
    await makeUser(email, name);
  }
  const sys = systemCaller();
  await sys.org.create({ name: "Acme SSO", slug: "acme-sso", ownerEmail: "alice@acme.test" });
  await sys.org.addMember({ orgSlug: "acme-sso", email: "mo@acme.test", role: "member" });
});
afterAll(async () => {
  await new Promise<void>((resolve) => idp.close(() => resolve()));
});

const idFor = (over: Partial<ExternalIdentity>): ExternalIdentity => ({
  provider: "sso-acme-sso",
  providerAccountId: randomBytes(6).toString("hex"),
  email: null,
  emailVerified: true,
  name: null,
  image: null,
  ssoOrgSlug: "acme-sso",
  ...over,
});

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SignInRefusal) return err.code;
    throw err;
  }
  return "OK";
}

describe("SSO settings", () => {
  it("stores the client secret encrypted and never returns it", async () => {
    const alice = await callerFor("alice@acme.test");
    const saved = await alice.org.sso.update({
      orgSlug: "acme-sso",
      enabled: true,
      issuer: `${issuer}/`,
      clientId: "braidmgr",
      clientSecret: "top-secret-value",
      allowedDomains: ["acme.test"],
    });
    expect(saved).toMatchObject({ enabled: true, issuer, clientId: "braidmgr", hasClientSecret: true, ssoOnly: false });
    expect(JSON.stringify(saved)).not.toContain("top-secret-value");

    const row = await getCentralDb().organization.findUniqueOrThrow({ where: { slug: "acme-sso" } });
    const raw = JSON.stringify(row.settings);
    expect(raw).not.toContain("top-secret-value");
    expect((row.settings as { sso: { clientSecretEncrypted: string } }).sso.clientSecretEncrypted).toMatch(/^v1\./);
    // The server can decrypt it for next-auth.
    expect((await loadSsoProviderSettings(getCentralDb(), "acme-sso"))?.clientSecret).toBe("top-secret-value");

    // Members' views of the org carry no secret material.
    const mo = await callerFor("mo@acme.test");
    const views = JSON.stringify([await mo.org.get({ orgSlug: "acme-sso" }), await mo.org.list(), await alice.org.sso.get({ orgSlug: "acme-sso" })]);
    expect(views).not.toContain("clientSecretEncrypted");
    expect(views).not.toContain((row.settings as { sso: { clientSecretEncrypted: string } }).sso.clientSecretEncrypted);

    // Saving without a secret keeps the stored one.
    await alice.org.sso.update({ orgSlug: "acme-sso", enabled: true, issuer, clientId: "braidmgr-2", allowedDomains: ["acme.test"] });
    expect(await loadSsoProviderSettings(getCentralDb(), "acme-sso")).toMatchObject({
      clientId: "braidmgr-2",
      clientSecret: "top-secret-value",
    });
    expect((await getCentralDb().centralAuditLog.findMany({ where: { entityType: "organization_sso" } })).length).toBe(2);
  });

  it("is for admins only and validates input", async () => {
    const mo = await callerFor("mo@acme.test");
    expect(await codeOf(mo.org.sso.get({ orgSlug: "acme-sso" }))).toBe("FORBIDDEN");
    expect(await codeOf(mo.org.sso.test({ orgSlug: "acme-sso" }))).toBe("FORBIDDEN");
    const alice = await callerFor("alice@acme.test");
    const bad = await failureOf(alice.org.sso.update({ orgSlug: "acme-sso", enabled: true, issuer: "not a url", clientId: "" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(Object.keys(bad.fields).sort()).toEqual(["clientId", "issuer"]);
  });

  it("refuses to store a secret without ENCRYPTION_KEY", async () => {
    const key = process.env.ENCRYPTION_KEY;
    delete process.env.ENCRYPTION_KEY;
    resetEnvCache();
    try {
      const alice = await callerFor("alice@acme.test");
      const r = await failureOf(
        alice.org.sso.update({ orgSlug: "acme-sso", enabled: true, issuer, clientId: "x", clientSecret: "s" }),
      );
      expect(r).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("ENCRYPTION_KEY") });
    } finally {
      process.env.ENCRYPTION_KEY = key;
      resetEnvCache();
    }
  });

  it("tests the connection against the issuer's discovery document", async () => {
    const alice = await callerFor("alice@acme.test");
    const ok = await alice.org.sso.test({ orgSlug: "acme-sso" });
    expect(ok).toMatchObject({
      ok: true,
      status: 200,
      issuer,
      issuerMatches: true,
      tokenEndpoint: `${issuer}/token`,
      missing: [],
      url: `${issuer}/.well-known/openid-configuration`,
    });
    const base = issuer.replace(/\/realms\/acme$/, "");
    expect(await alice.org.sso.test({ orgSlug: "acme-sso", issuer: `${base}/broken` })).toMatchObject({
      ok: false,
      message: "The discovery document is not valid JSON",
    });
    expect(await alice.org.sso.test({ orgSlug: "acme-sso", issuer: `${base}/nothing` })).toMatchObject({ ok: false, status: 404 });
    expect(await alice.org.sso.test({ orgSlug: "acme-sso", issuer: "http://127.0.0.1:9/x" })).toMatchObject({
      ok: false,
      status: null,
    });
  });

  it("refuses issuers on private addresses unless allowed (the test must not probe the server's own network)", async () => {
    const alice = await callerFor("alice@acme.test");
    process.env.SSO_ALLOW_PRIVATE_ISSUERS = "false";
    resetEnvCache();
    try {
      const refused = await alice.org.sso.test({ orgSlug: "acme-sso", issuer });
      expect(refused).toMatchObject({ ok: false, status: null, tokenEndpoint: null });
      expect(refused.message).toMatch(/not on the public internet/);
      const metadata = await alice.org.sso.test({ orgSlug: "acme-sso", issuer: "http://169.254.169.254/latest" });
      expect(metadata.message).toMatch(/not on the public internet/);
    } finally {
      delete process.env.SSO_ALLOW_PRIVATE_ISSUERS;
      resetEnvCache();
    }
    expect((await alice.org.sso.test({ orgSlug: "acme-sso", issuer })).ok).toBe(true);
  });

  it("offers the org's provider to next-auth only for requests that name it", async () => {
    const forOrg = await authOptionsForRoute(["signin", "sso-acme-sso"]);
    expect(forOrg.providers.map((p) => p.id)).toEqual(["credentials", "sso-acme-sso"]);
    const plain = await authOptionsForRoute(["session"]);
    expect(plain.providers.map((p) => p.id)).toEqual(["credentials"]);
    const unknown = await authOptionsForRoute(["signin", "sso-nope"]);
    expect(unknown.providers.map((p) => p.id)).toEqual(["credentials"]);
  });
});

describe("SSO-only", () => {
  it("refuses password sign-in for the org's members, not for others", async () => {
    const alice = await callerFor("alice@acme.test");
    const cfg = { orgSlug: "acme-sso", enabled: true, issuer, clientId: "braidmgr", allowedDomains: ["acme.test"] };
    await alice.org.sso.update({ ...cfg, ssoOnly: true });
    expect(await signInWithPassword(getCentralDb(), { email: "mo@acme.test", password: PASSWORD }, meta())).toEqual({
      ok: false,
      reason: "sso_required",
      orgName: "Acme SSO",
    });
    // A wrong password still looks like any wrong password.
    expect(await signInWithPassword(getCentralDb(), { email: "mo@acme.test", password: "Wrong-Pass-1" }, meta())).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect((await signInWithPassword(getCentralDb(), { email: "eve@elsewhere.test", password: PASSWORD }, meta())).ok).toBe(true);
    await alice.org.sso.update({ ...cfg, ssoOnly: false });
    expect((await signInWithPassword(getCentralDb(), { email: "mo@acme.test", password: PASSWORD }, meta())).ok).toBe(true);
  });
});

describe("just-in-time provisioning", () => {
  const m = { ip: null, correlationId: "jit-test-0001" };

  it("creates a new person at their first SSO sign-in and adds them to the org", async () => {
    const id = idFor({ email: "Newton@acme.test", name: "Newton New" });
    const first = await resolveExternalSignIn(getCentralDb(), id, m);
    expect(first.created).toBe(true);
    const again = await resolveExternalSignIn(getCentralDb(), id, m);
    expect(again).toEqual({ userId: first.userId, created: false });

    const newton = await callerFor("newton@acme.test");
    expect((await newton.org.list()).map((o) => [o.slug, o.role])).toEqual([["acme-sso", "member"]]);
    const user = await getCentralDb().user.findUniqueOrThrow({ where: { id: first.userId } });
    expect(user.passwordHash).toBeNull();
    expect(user.emailVerified).not.toBeNull();
  });

  it("links existing members, refuses outsiders, other domains and removed members", async () => {
    expect((await resolveExternalSignIn(getCentralDb(), idFor({ email: "mo@acme.test" }), m)).created).toBe(false);
    expect(await refusal(resolveExternalSignIn(getCentralDb(), idFor({ email: "eve@elsewhere.test" }), m))).toBe(
      "SsoDomainNotAllowed",
    );
    await makeUser("outsider@acme.test", "Otto Outsider");
    expect(await refusal(resolveExternalSignIn(getCentralDb(), idFor({ email: "outsider@acme.test" }), m))).toBe(
      "OAuthAccountNotLinked",
    );

    const alice = await callerFor("alice@acme.test");
    await alice.org.removeMember({ orgSlug: "acme-sso", email: "newton@acme.test" });
    const newtonAccount = await getCentralDb().account.findFirstOrThrow({ where: { user: { email: "newton@acme.test" } } });
    expect(
      await refusal(
        resolveExternalSignIn(getCentralDb(), idFor({ email: "newton@acme.test", providerAccountId: newtonAccount.providerAccountId }), m),
      ),
    ).toBe("SsoAccessRemoved");
  });

  it("Google links a verified address; Microsoft never links by e-mail; new users get their own org", async () => {
    const google = (email: string, verified: boolean) =>
      idFor({ provider: "google", ssoOrgSlug: null, email, emailVerified: verified });
    expect(await refusal(resolveExternalSignIn(getCentralDb(), google("eve@elsewhere.test", false), m))).toBe(
      "OAuthAccountNotLinked",
    );
    expect((await resolveExternalSignIn(getCentralDb(), google("eve@elsewhere.test", true), m)).created).toBe(false);
    expect(
      await refusal(
        resolveExternalSignIn(getCentralDb(), idFor({ provider: "azure-ad", ssoOrgSlug: null, email: "mo@acme.test", emailVerified: false }), m),
      ),
    ).toBe("OAuthAccountNotLinked");

    const fresh = await resolveExternalSignIn(
      getCentralDb(),
      idFor({ provider: "azure-ad", ssoOrgSlug: null, email: "gina@contoso.test", name: "Gina Graph", emailVerified: false }),
      m,
    );
    expect(fresh.created).toBe(true);
    const gina = await callerFor("gina@contoso.test");
    expect((await gina.org.list()).map((o) => [o.name, o.role])).toEqual([["Gina's workspace", "owner"]]);
  });
});
