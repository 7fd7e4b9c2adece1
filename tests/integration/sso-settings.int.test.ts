/**
 * Per-org OIDC SSO settings: the client secret encrypted at rest and never
 * returned, admins only, the connection test against a discovery document served
 * locally (private addresses refused unless allowed), the provider offered only
 * for its org; verified domains by DNS TXT (through a fake resolver) or by an
 * owner's own confirmed address.
 */
import { describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { authOptionsForRoute } from "@/server/auth/config";
import { getCentralDb } from "@/server/db/central";
import { dnsDeps } from "@/server/services/domains";
import { loadSsoProviderSettings } from "@/server/services/sso-settings";
import { verificationRecord } from "@/domain/identity";
import { callerFor, codeOf, makeUser, systemCaller } from "./helpers";
import { failureOf } from "./account-support";
import { issuer, orgId, dns, lookups, setUpSsoWorld } from "./sso-world";

setUpSsoWorld();

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
