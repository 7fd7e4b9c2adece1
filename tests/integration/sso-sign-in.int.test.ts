/**
 * SSO sign-in rules: the SSO-only switch (whom it binds, Google and Microsoft
 * too) and sign-in mapping — linking, just-in-time accounts (org SSO, Google,
 * Microsoft) under the identity rules, on DNS-verified and owner-confirmed domains.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getCentralDb } from "@/server/db/central";
import { signInWithPassword } from "@/server/services/sign-in";
import { hashPassword } from "@/server/services/users";
import { resolveExternalSignIn, type ExternalIdentity } from "@/server/services/external-sign-in";
import { callerFor, makeUser, PASSWORD, systemCaller } from "./helpers";
import { meta } from "./account-support";
import { issuer, dns, idFor, refusal, setUpSsoWorld } from "./sso-world";

setUpSsoWorld();

/**
 * What the sign-in rules need, made through the API as an admin would: acme-sso's
 * SSO settings, acme.test verified by its DNS record, and org "owner-co" (Owen
 * owner, Adam admin, both confirmed) with owner.test confirmed by its owner.
 */
beforeAll(async () => {
  const alice = await callerFor("alice@acme.test");
  await alice.org.sso.update({
    orgSlug: "acme-sso",
    enabled: true,
    issuer,
    clientId: "braidmgr",
    clientSecret: "top-secret-value",
    allowedDomains: ["acme.test"],
  });
  const acme = await alice.org.domain.add({ orgSlug: "acme-sso", domain: "acme.test" });
  dns.set("acme.test", [[acme.record.value]]);
  await alice.org.domain.verifyDns({ orgSlug: "acme-sso", domainId: acme.id });

  await makeUser("owen@owner.test", "Owen Owner");
  await makeUser("adam@owner.test", "Adam Admin");
  await getCentralDb().user.updateMany({
    where: { email: { in: ["owen@owner.test", "adam@owner.test"] } },
    data: { emailVerified: new Date() },
  });
  const sys = systemCaller();
  await sys.org.create({ name: "Owner Co", slug: "owner-co", ownerEmail: "owen@owner.test" });
  await sys.org.addMember({ orgSlug: "owner-co", email: "adam@owner.test", role: "admin" });
  const owen = await callerFor("owen@owner.test");
  const own = await owen.org.domain.add({ orgSlug: "owner-co", domain: "owner.test" });
  await owen.org.domain.confirm({ orgSlug: "owner-co", domainId: own.id });
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
