/**
 * Per-org OIDC SSO: settings with the client secret encrypted at rest, the
 * connection test against a discovery document served locally, verified
 * domains (DNS TXT through a fake resolver, or an owner's confirmation), the
 * SSO-only switch (whom it binds), and sign-in mapping: linking, just-in-time
 * accounts (org SSO, Google, Microsoft) under the identity rules.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { authOptionsForRoute } from "@/server/auth/config";
import { getCentralDb } from "@/server/db/central";
import { signInWithPassword } from "@/server/services/sign-in";
import { dnsDeps } from "@/server/services/domains";
import { hashPassword } from "@/server/services/users";
import { loadSsoProviderSettings } from "@/server/services/sso-settings";
import {
  resolveExternalSignIn,
  SignInRefusal,
  type ExternalIdentity,
} from "@/server/services/external-sign-in";
import { verificationRecord } from "@/domain/identity";
import { callerFor, codeOf, makeUser, PASSWORD, systemCaller } from "./helpers";
import { failureOf, meta } from "./account-support";

let idp: http.Server;
let issuer: string;
let orgId: string;
/** What the fake DNS answers: TXT records per name. */
const dns = new Map<string, string[][]>();
const lookups: string[] = [];

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
  dnsDeps.resolveTxt = async (name) => {
    lookups.push(name);
    const records = dns.get(name);
    if (!records) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: "ENOTFOUND" });
    return records;
  };
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}/realms/acme`;

  for (const [email, name] of [
    ["alice@acme.test", "Alice Admin"],
    ["mo@acme.test", "Mo Member"],
    ["eve@elsewhere.test", "Eve Elsewhere"],
  ] as const) {
    await makeUser(email, name);
  }
  const sys = systemCaller();
  orgId = (await sys.org.create({ name: "Acme SSO", slug: "acme-sso", ownerEmail: "alice@acme.test" })).id;
  await sys.org.addMember({ orgSlug: "acme-sso", email: "mo@acme.test", role: "member" });
});
afterAll(async () => {
  await new Promise<void>((resolve) => idp.close(() => resolve()));
});

const idFor = (over: Partial<ExternalIdentity>): ExternalIdentity => ({
  provider: `sso-${orgId}`,
  providerAccountId: randomBytes(6).toString("hex"),
  email: null,
  emailVerified: true,
  name: null,
  image: null,
  ssoOrgId: orgId,
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
    expect(saved).toMatchObject({
      enabled: true,
      issuer,
      clientId: "braidmgr",
      hasClientSecret: true,
      ssoOnly: false,
    });
    expect(JSON.stringify(saved)).not.toContain("top-secret-value");

    const row = await getCentralDb().organization.findUniqueOrThrow({ where: { slug: "acme-sso" } });
    const raw = JSON.stringify(row.settings);
    expect(raw).not.toContain("top-secret-value");
    expect((row.settings as { sso: { clientSecretEncrypted: string } }).sso.clientSecretEncrypted).toMatch(
      /^v1\./,
    );
    // The server can decrypt it for next-auth.
    expect((await loadSsoProviderSettings(getCentralDb(), { orgSlug: "acme-sso" }))?.clientSecret).toBe(
      "top-secret-value",
    );
    expect((await loadSsoProviderSettings(getCentralDb(), { orgId }))?.clientSecret).toBe("top-secret-value");

    // Members' views of the org carry no secret material.
    const mo = await callerFor("mo@acme.test");
    const views = JSON.stringify([
      await mo.org.get({ orgSlug: "acme-sso" }),
      await mo.org.list(),
      await alice.org.sso.get({ orgSlug: "acme-sso" }),
    ]);
    expect(views).not.toContain("clientSecretEncrypted");
    expect(views).not.toContain(
      (row.settings as { sso: { clientSecretEncrypted: string } }).sso.clientSecretEncrypted,
    );

    // Saving without a secret keeps the stored one.
    await alice.org.sso.update({
      orgSlug: "acme-sso",
      enabled: true,
      issuer,
      clientId: "braidmgr-2",
      allowedDomains: ["acme.test"],
    });
    expect(await loadSsoProviderSettings(getCentralDb(), { orgSlug: "acme-sso" })).toMatchObject({
      clientId: "braidmgr-2",
      clientSecret: "top-secret-value",
    });
    expect(
      (await getCentralDb().centralAuditLog.findMany({ where: { entityType: "organization_sso" } })).length,
    ).toBe(2);
  });

  it("is for admins only and validates input", async () => {
    const mo = await callerFor("mo@acme.test");
    expect(await codeOf(mo.org.sso.get({ orgSlug: "acme-sso" }))).toBe("FORBIDDEN");
    expect(await codeOf(mo.org.sso.test({ orgSlug: "acme-sso" }))).toBe("FORBIDDEN");
    const alice = await callerFor("alice@acme.test");
    const bad = await failureOf(
      alice.org.sso.update({ orgSlug: "acme-sso", enabled: true, issuer: "not a url", clientId: "" }),
    );
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
        alice.org.sso.update({
          orgSlug: "acme-sso",
          enabled: true,
          issuer,
          clientId: "x",
          clientSecret: "s",
        }),
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
    expect(await alice.org.sso.test({ orgSlug: "acme-sso", issuer: `${base}/nothing` })).toMatchObject({
      ok: false,
      status: 404,
    });
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
      const metadata = await alice.org.sso.test({
        orgSlug: "acme-sso",
        issuer: "http://169.254.169.254/latest",
      });
      expect(metadata.message).toMatch(/not on the public internet/);
    } finally {
      delete process.env.SSO_ALLOW_PRIVATE_ISSUERS;
      resetEnvCache();
    }
    expect((await alice.org.sso.test({ orgSlug: "acme-sso", issuer })).ok).toBe(true);
  });

  it("offers the org's provider to next-auth only for requests that name it by the org's id", async () => {
    const forOrg = await authOptionsForRoute(["signin", `sso-${orgId}`]);
    expect(forOrg.providers.map((p) => p.id)).toEqual(["credentials", `sso-${orgId}`]);
    const plain = await authOptionsForRoute(["session"]);
    expect(plain.providers.map((p) => p.id)).toEqual(["credentials"]);
    // The slug is not a key: a slug is freed when its org is deleted.
    const bySlug = await authOptionsForRoute(["signin", "sso-acme-sso"]);
    expect(bySlug.providers.map((p) => p.id)).toEqual(["credentials"]);
    const unknown = await authOptionsForRoute(["signin", "sso-00000000-0000-4000-8000-000000000000"]);
    expect(unknown.providers.map((p) => p.id)).toEqual(["credentials"]);
  });
});

describe("verified domains", () => {
  it("verifies a domain by its DNS TXT record, and only by this org's exact value", async () => {
    const alice = await callerFor("alice@acme.test");
    const d = await alice.org.domain.add({ orgSlug: "acme-sso", domain: " ACME.test " });
    expect(d).toMatchObject({
      domain: "acme.test",
      verified: false,
      record: { type: "TXT", name: "acme.test" },
    });
    expect(d.record.value).toMatch(/^braidmgr-verify=[A-Za-z0-9_-]{20,}$/);
    // Adding it again gives the same claim (and token).
    expect((await alice.org.domain.add({ orgSlug: "acme-sso", domain: "acme.test" })).record.value).toBe(
      d.record.value,
    );

    // No record yet; another org's value; a look-alike: all refused with what to publish.
    const none = await failureOf(alice.org.domain.verifyDns({ orgSlug: "acme-sso", domainId: d.id }));
    expect(none).toMatchObject({
      code: "BAD_REQUEST",
      fields: { domain: [expect.stringContaining(d.record.value)] },
    });
    dns.set("acme.test", [
      ["v=spf1 -all"],
      [verificationRecord("another-orgs-token")],
      [`${d.record.value}-x`],
    ]);
    expect(await codeOf(alice.org.domain.verifyDns({ orgSlug: "acme-sso", domainId: d.id }))).toBe(
      "BAD_REQUEST",
    );
    // A DNS failure other than "no such record" says so.
    const saved = dnsDeps.resolveTxt;
    dnsDeps.resolveTxt = async () => {
      throw Object.assign(new Error("timeout"), { code: "ETIMEOUT" });
    };
    try {
      expect(
        (await failureOf(alice.org.domain.verifyDns({ orgSlug: "acme-sso", domainId: d.id }))).message,
      ).toMatch(/lookup .* failed/);
    } finally {
      dnsDeps.resolveTxt = saved;
    }
    expect((await alice.org.domain.list({ orgSlug: "acme-sso" }))[0]).toMatchObject({ verified: false });

    dns.set("acme.test", [
      ["v=spf1 -all"],
      ["braidmgr-verify=", d.record.value.slice("braidmgr-verify=".length)],
    ]);
    const ok = await alice.org.domain.verifyDns({ orgSlug: "acme-sso", domainId: d.id });
    expect(ok).toMatchObject({ verified: true, verifiedBy: "dns" });
    expect(lookups.every((n) => n === "acme.test")).toBe(true);
    const audit = await getCentralDb().centralAuditLog.findMany({
      where: { entityType: "organization_domain", entityId: d.id },
    });
    expect(audit.map((a) => a.action)).toEqual(["CREATE", "UPDATE"]);
  });

  it("is for admins; members and other orgs see nothing", async () => {
    const mo = await callerFor("mo@acme.test");
    expect(await codeOf(mo.org.domain.list({ orgSlug: "acme-sso" }))).toBe("FORBIDDEN");
    expect(await codeOf(mo.org.domain.add({ orgSlug: "acme-sso", domain: "mo.test" }))).toBe("FORBIDDEN");
    const eve = await callerFor("eve@elsewhere.test");
    expect(await codeOf(eve.org.domain.list({ orgSlug: "acme-sso" }))).toBe("NOT_FOUND");
    const alice = await callerFor("alice@acme.test");
    const bad = await failureOf(alice.org.domain.add({ orgSlug: "acme-sso", domain: "not a domain" }));
    expect(bad).toMatchObject({ code: "BAD_REQUEST", fields: { domain: expect.any(Array) } });
  });

  it("an owner confirms without DNS only with their own confirmed address on that domain", async () => {
    await makeUser("owen@owner.test", "Owen Owner");
    await makeUser("adam@owner.test", "Adam Admin");
    const sys = systemCaller();
    await sys.org.create({ name: "Owner Co", slug: "owner-co", ownerEmail: "owen@owner.test" });
    await sys.org.addMember({ orgSlug: "owner-co", email: "adam@owner.test", role: "admin" });
    const owen = await callerFor("owen@owner.test");
    const adam = await callerFor("adam@owner.test");
    const mine = await owen.org.domain.add({ orgSlug: "owner-co", domain: "owner.test" });
    const other = await owen.org.domain.add({ orgSlug: "owner-co", domain: "acme.test" });
    const gmail = await owen.org.domain.add({ orgSlug: "owner-co", domain: "gmail.com" });

    // Owen registered owen@owner.test but never confirmed it.
    expect(mine.ownerConfirm).toMatchObject({ allowed: false });
    const unconfirmed = await failureOf(owen.org.domain.confirm({ orgSlug: "owner-co", domainId: mine.id }));
    expect(unconfirmed).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/Confirm your own e-mail/),
    });
    await getCentralDb().user.update({
      where: { email: "owen@owner.test" },
      data: { emailVerified: new Date() },
    });
    await getCentralDb().user.update({
      where: { email: "adam@owner.test" },
      data: { emailVerified: new Date() },
    });

    // An admin (not owner), another org's domain, a public mail provider: refused.
    expect(await codeOf(adam.org.domain.confirm({ orgSlug: "owner-co", domainId: mine.id }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(owen.org.domain.confirm({ orgSlug: "owner-co", domainId: other.id }))).toBe(
      "BAD_REQUEST",
    );
    await getCentralDb().user.update({
      where: { email: "owen@owner.test" },
      data: { email: "owen@gmail.com" },
    });
    expect(
      (await failureOf(owen.org.domain.confirm({ orgSlug: "owner-co", domainId: gmail.id }))).message,
    ).toMatch(/public mail/);
    await getCentralDb().user.update({
      where: { email: "owen@gmail.com" },
      data: { email: "owen@owner.test" },
    });

    const listed = await owen.org.domain.list({ orgSlug: "owner-co" });
    expect(listed.find((d) => d.id === mine.id)?.ownerConfirm).toEqual({ allowed: true, reason: null });
    expect(await owen.org.domain.confirm({ orgSlug: "owner-co", domainId: mine.id })).toMatchObject({
      verified: true,
      verifiedBy: "owner_confirmed",
    });
    expect(
      (await owen.org.domain.list({ orgSlug: "owner-co" })).filter((d) => d.verified).map((d) => d.domain),
    ).toEqual(["owner.test"]);

    // Removing a domain is audited and ends what it allowed.
    expect(await owen.org.domain.remove({ orgSlug: "owner-co", domainId: gmail.id })).toEqual({
      removed: true,
    });
    expect(await codeOf(owen.org.domain.remove({ orgSlug: "acme-sso", domainId: mine.id }))).toBe(
      "NOT_FOUND",
    );
  });
});

describe("SSO-only", () => {
  const cfg = () => ({
    orgSlug: "acme-sso",
    enabled: true,
    issuer,
    clientId: "braidmgr",
    allowedDomains: ["acme.test"],
  });

  it("binds accepted members on the org's verified domains; never strangers, invitees or other domains", async () => {
    const alice = await callerFor("alice@acme.test");
    await alice.org.sso.update({ ...cfg(), ssoOnly: true });
    expect(
      await signInWithPassword(getCentralDb(), { email: "mo@acme.test", password: PASSWORD }, meta()),
    ).toEqual({
      ok: false,
      reason: "sso_required",
      orgName: "Acme SSO",
    });
    // A wrong password still looks like any wrong password.
    expect(
      await signInWithPassword(getCentralDb(), { email: "mo@acme.test", password: "Wrong-Pass-1" }, meta()),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      (await signInWithPassword(getCentralDb(), { email: "eve@elsewhere.test", password: PASSWORD }, meta()))
        .ok,
    ).toBe(true);

    // Invited, not accepted: not bound (and not a member).
    await makeUser("ivy@acme.test", "Ivy Invited");
    expect(
      await alice.org.addMember({ orgSlug: "acme-sso", email: "ivy@acme.test", role: "member" }),
    ).toMatchObject({ status: "invited" });
    expect(
      (await signInWithPassword(getCentralDb(), { email: "ivy@acme.test", password: PASSWORD }, meta())).ok,
    ).toBe(true);
    // A member whose address is on another domain: not bound.
    await systemCaller().org.addMember({ orgSlug: "acme-sso", email: "eve@elsewhere.test", role: "member" });
    expect(
      (await signInWithPassword(getCentralDb(), { email: "eve@elsewhere.test", password: PASSWORD }, meta()))
        .ok,
    ).toBe(true);

    await alice.org.sso.update({ ...cfg(), ssoOnly: false });
    expect(
      (await signInWithPassword(getCentralDb(), { email: "mo@acme.test", password: PASSWORD }, meta())).ok,
    ).toBe(true);
  });

  it("applies to Google and Microsoft too; the org's own SSO is the way in", async () => {
    const alice = await callerFor("alice@acme.test");
    await alice.org.sso.update({ ...cfg(), ssoOnly: true });
    try {
      const m = { ip: null, correlationId: "sso-only-0001" };
      const viaOrg = await resolveExternalSignIn(
        getCentralDb(),
        idFor({ email: "mo@acme.test", providerAccountId: "mo-at-acme" }),
        m,
      );
      expect(viaOrg.created).toBe(false);
      const google = idFor({
        provider: "google",
        ssoOrgId: null,
        email: "mo@acme.test",
        emailVerified: true,
        providerAccountId: "mo-google",
      });
      expect(await refusal(resolveExternalSignIn(getCentralDb(), google, m))).toBe("SsoRequired");
      const ms = idFor({
        provider: "azure-ad",
        ssoOrgId: null,
        email: "mo@acme.test",
        emailVerified: false,
        providerAccountId: "mo-ms",
      });
      await getCentralDb().account.create({
        data: { userId: viaOrg.userId, provider: "azure-ad", providerAccountId: "mo-ms" },
      });
      expect(await refusal(resolveExternalSignIn(getCentralDb(), ms, m))).toBe("SsoRequired");
      // ...and the org's SSO still works.
      expect(
        (
          await resolveExternalSignIn(
            getCentralDb(),
            idFor({ email: "mo@acme.test", providerAccountId: "mo-at-acme" }),
            m,
          )
        ).userId,
      ).toBe(viaOrg.userId);
    } finally {
      await alice.org.sso.update({ ...cfg(), ssoOnly: false });
    }
  });
});

describe("sign-in mapping and just-in-time accounts", () => {
  const m = { ip: null, correlationId: "jit-test-0001" };

  it("creates a new person at their first SSO sign-in on a verified domain; the IdP never confirms our address", async () => {
    const id = idFor({ email: "Newton@ACME.test", name: "Newton New" });
    const first = await resolveExternalSignIn(getCentralDb(), id, m);
    expect(first.created).toBe(true);
    const again = await resolveExternalSignIn(getCentralDb(), id, m);
    expect(again).toEqual({ userId: first.userId, created: false });

    const newton = await callerFor("newton@acme.test");
    expect((await newton.org.list()).map((o) => [o.slug, o.role])).toEqual([["acme-sso", "member"]]);
    const user = await getCentralDb().user.findUniqueOrThrow({ where: { id: first.userId } });
    expect(user.passwordHash).toBeNull();
    expect(user.emailVerified).toBeNull();
  });

  it("no account is created on a domain the org has not verified", async () => {
    const alice = await callerFor("alice@acme.test");
    await alice.org.sso.update({
      orgSlug: "acme-sso",
      enabled: true,
      issuer,
      clientId: "braidmgr",
      allowedDomains: [],
    });
    expect(
      await refusal(resolveExternalSignIn(getCentralDb(), idFor({ email: "someone@unverified.test" }), m)),
    ).toBe("SsoDomainNotVerified");
    expect(await getCentralDb().user.count({ where: { email: "someone@unverified.test" } })).toBe(0);
    await alice.org.sso.update({
      orgSlug: "acme-sso",
      enabled: true,
      issuer,
      clientId: "braidmgr",
      allowedDomains: ["acme.test"],
    });
    expect(
      await refusal(resolveExternalSignIn(getCentralDb(), idFor({ email: "eve@elsewhere.test" }), m)),
    ).toBe("SsoDomainNotAllowed");
    expect(await refusal(resolveExternalSignIn(getCentralDb(), idFor({ email: "not an address" }), m))).toBe(
      "EmailRequired",
    );
    // Look-alikes of an address an IdP might send are not addresses at all (never a second account for "mo").
    for (const odd of [
      "mo@acme.test.",
      "mo@acme.test\u200b",
      "mo@@acme.test",
      "<mo@acme.test>",
      "mo@acme.test, x@acme.test",
    ]) {
      expect(await refusal(resolveExternalSignIn(getCentralDb(), idFor({ email: odd }), m)), odd).toBe(
        "EmailRequired",
      );
    }
  });

  it("on a DNS-verified domain an existing account is linked by e-mail (and joins); removed members stay out", async () => {
    await makeUser("outsider@acme.test", "Otto Outsider");
    await getCentralDb().user.update({
      where: { email: "outsider@acme.test" },
      data: { emailVerified: new Date() },
    });
    const r = await resolveExternalSignIn(getCentralDb(), idFor({ email: "outsider@acme.test" }), m);
    expect(r.created).toBe(false);
    const otto = await callerFor("outsider@acme.test");
    expect((await otto.org.list()).map((o) => o.slug)).toEqual(["acme-sso"]);
    // A confirmed account keeps its password.
    expect(
      (await signInWithPassword(getCentralDb(), { email: "outsider@acme.test", password: PASSWORD }, meta()))
        .ok,
    ).toBe(true);

    const alice = await callerFor("alice@acme.test");
    await alice.org.removeMember({ orgSlug: "acme-sso", email: "newton@acme.test" });
    const newtonAccount = await getCentralDb().account.findFirstOrThrow({
      where: { user: { email: "newton@acme.test" } },
    });
    expect(
      await refusal(
        resolveExternalSignIn(
          getCentralDb(),
          idFor({ email: "newton@acme.test", providerAccountId: newtonAccount.providerAccountId }),
          m,
        ),
      ),
    ).toBe("SsoAccessRemoved");
  });

  it("a squatter's unconfirmed account loses its password and sessions when the domain's IdP links it", async () => {
    await getCentralDb().user.create({
      data: { email: "cfo@acme.test", name: "Squatter", passwordHash: await hashPassword(PASSWORD) },
    });
    expect(
      await signInWithPassword(getCentralDb(), { email: "cfo@acme.test", password: PASSWORD }, meta()),
    ).toMatchObject({ ok: true });
    const before = await getCentralDb().user.findUniqueOrThrow({ where: { email: "cfo@acme.test" } });
    await resolveExternalSignIn(
      getCentralDb(),
      idFor({ email: "cfo@acme.test", providerAccountId: "real-cfo" }),
      m,
    );
    const after = await getCentralDb().user.findUniqueOrThrow({
      where: { email: "cfo@acme.test" },
      include: { accounts: true },
    });
    expect(after.passwordHash).toBeNull();
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.accounts.map((a) => a.providerAccountId)).toEqual(["real-cfo"]);
    expect(
      (await signInWithPassword(getCentralDb(), { email: "cfo@acme.test", password: PASSWORD }, meta())).ok,
    ).toBe(false);
  });

  it("on an owner-confirmed domain: new accounts yes, existing accounts only from their own session", async () => {
    const owen = await callerFor("owen@owner.test");
    const ownerOrg = await getCentralDb().organization.findUniqueOrThrow({ where: { slug: "owner-co" } });
    await owen.org.sso.update({
      orgSlug: "owner-co",
      enabled: true,
      issuer,
      clientId: "braidmgr",
      clientSecret: "s",
      allowedDomains: [],
    });
    const viaOwnerCo = (over: Partial<ExternalIdentity>) =>
      idFor({ provider: `sso-${ownerOrg.id}`, ssoOrgId: ownerOrg.id, ...over });
    expect(
      (await resolveExternalSignIn(getCentralDb(), viaOwnerCo({ email: "fresh@owner.test" }), m)).created,
    ).toBe(true);
    // Adam is even a member; his account is still not linked by e-mail.
    expect(
      await refusal(resolveExternalSignIn(getCentralDb(), viaOwnerCo({ email: "adam@owner.test" }), m)),
    ).toBe("OAuthAccountNotLinked");
    // Signed in, with a link he started: linked.
    const adam = await getCentralDb().user.findUniqueOrThrow({ where: { email: "adam@owner.test" } });
    await (await callerFor("adam@owner.test")).org.sso.startLink({ orgSlug: "owner-co" });
    const linked = await resolveExternalSignIn(
      getCentralDb(),
      viaOwnerCo({ email: "adam.a@idp.test", providerAccountId: "adam-idp" }),
      {
        ...m,
        signedInUserId: adam.id,
      },
    );
    expect(linked).toMatchObject({ userId: adam.id, linked: true });
    // The link is used up; a later round trip in his session links nothing more.
    expect(
      await refusal(
        resolveExternalSignIn(
          getCentralDb(),
          viaOwnerCo({ email: "adam@owner.test", providerAccountId: "other" }),
          { ...m, signedInUserId: adam.id },
        ),
      ),
    ).toBe("OAuthAccountNotLinked");
    // An expired link does nothing either.
    await (await callerFor("adam@owner.test")).org.sso.startLink({ orgSlug: "owner-co" });
    await getCentralDb().ssoLinkIntent.updateMany({
      where: { userId: adam.id, usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(
      await refusal(
        resolveExternalSignIn(
          getCentralDb(),
          viaOwnerCo({ email: "adam@owner.test", providerAccountId: "late" }),
          { ...m, signedInUserId: adam.id },
        ),
      ),
    ).toBe("OAuthAccountNotLinked");
  });

  it("Google links a verified address; Microsoft never links by e-mail; new users get their own org", async () => {
    const google = (email: string, verified: boolean) =>
      idFor({ provider: "google", ssoOrgId: null, email, emailVerified: verified });
    await makeUser("gus@elsewhere.test", "Gus Google");
    expect(await refusal(resolveExternalSignIn(getCentralDb(), google("gus@elsewhere.test", false), m))).toBe(
      "OAuthAccountNotLinked",
    );
    expect((await resolveExternalSignIn(getCentralDb(), google("gus@elsewhere.test", true), m)).created).toBe(
      false,
    );
    expect(
      await refusal(
        resolveExternalSignIn(
          getCentralDb(),
          idFor({ provider: "azure-ad", ssoOrgId: null, email: "gus@elsewhere.test", emailVerified: false }),
          m,
        ),
      ),
    ).toBe("OAuthAccountNotLinked");

    const fresh = await resolveExternalSignIn(
      getCentralDb(),
      idFor({
        provider: "azure-ad",
        ssoOrgId: null,
        email: "gina@contoso.test",
        name: "Gina Graph",
        emailVerified: true,
      }),
      m,
    );
    expect(fresh.created).toBe(true);
    const gina = await callerFor("gina@contoso.test");
    expect((await gina.org.list()).map((o) => [o.name, o.role])).toEqual([["Gina's workspace", "owner"]]);
    expect(
      (await getCentralDb().user.findUniqueOrThrow({ where: { id: fresh.userId } })).emailVerified,
    ).toBeNull();
  });
});
