import { describe, expect, it } from "vitest";
import {
  emailDomain,
  linkPredatesProof,
  ownerMayConfirm,
  ssoDomainPowers,
  ssoOnlyApplies,
  txtRecordsProve,
  verificationRecord,
  ZDomainInput,
  type DomainVerification,
} from "./identity";

describe("e-mail domains", () => {
  it.each([
    ["ana@Acme.COM", "acme.com"],
    ["  bo@sub.acme.com ", "sub.acme.com"],
    ['"a@b"@acme.com', "acme.com"],
    ["ana@acme.com.", "acme.com"],
    ["no-at-sign", ""],
  ])("%s → %s", (email, domain) => {
    expect(emailDomain(email)).toBe(domain);
  });

  it("validates a claimed domain", () => {
    expect(ZDomainInput.parse({ domain: " Acme.COM " })).toEqual({ domain: "acme.com" });
    for (const bad of ["acme", "http://acme.com", "a@acme.com", "acme..com", "-acme.com", "", "acme.com/x"]) {
      expect(ZDomainInput.safeParse({ domain: bad }).success, bad).toBe(false);
    }
  });
});

describe("DNS TXT proof", () => {
  const token = "tok_ABC-123";
  it.each<[string, string[][], boolean]>([
    ["exact record", [[verificationRecord(token)]], true],
    ["among others", [["v=spf1 -all"], [verificationRecord(token)]], true],
    ["split into chunks", [["braidmgr-verify=", "tok_ABC-123"]], true],
    ["quoted, with blanks", [[` "${verificationRecord(token)}" `]], true],
    ["another org's token", [[verificationRecord("someone-else")]], false],
    ["a prefix of the token", [[verificationRecord("tok_ABC")]], false],
    ["the token with extra", [[`${verificationRecord(token)}x`]], false],
    ["case changed", [[verificationRecord(token).toUpperCase()]], false],
    ["chunks of two records", [["braidmgr-verify="], ["tok_ABC-123"]], false],
    ["nothing", [], false],
  ])("%s → %s", (_name, records, expected) => {
    expect(txtRecordsProve(records, token)).toBe(expected);
  });

  it("never proves an empty token", () => {
    expect(txtRecordsProve([[verificationRecord("")]], "")).toBe(false);
  });
});

describe("owner confirmation without DNS", () => {
  const verified = new Date("2026-01-01T00:00:00Z");
  type Input = Parameters<typeof ownerMayConfirm>[0];
  const owner: Input = {
    orgRole: "owner",
    email: "ana@acme.com",
    emailVerified: verified,
    domain: "acme.com",
  };
  it.each<[string, Partial<Input>, string]>([
    ["owner, confirmed address on the domain", {}, "ok"],
    ["address casing differs", { email: "Ana@ACME.com" }, "ok"],
    ["admin, not owner", { orgRole: "admin" }, "not_owner"],
    ["address never confirmed", { emailVerified: null }, "unverified_address"],
    ["address on another domain", { email: "ana@evil.com" }, "other_domain"],
    ["a subdomain is not the domain", { email: "ana@mail.acme.com" }, "other_domain"],
    ["a parent is not the domain", { domain: "eu.acme.com" }, "other_domain"],
    ["public mail provider", { email: "ana@gmail.com", domain: "gmail.com" }, "public_mail"],
  ])("%s → %s", (_name, over, expected) => {
    const r = ownerMayConfirm({ ...owner, ...over });
    expect(r.ok ? "ok" : r.reason).toBe(expected);
  });
});

describe("what an org's SSO may do on a domain", () => {
  it.each<[DomainVerification | null, boolean, boolean]>([
    ["dns", true, true],
    ["owner_confirmed", true, false],
    [null, false, false],
  ])("%s → create %s, link existing %s", (v, create, link) => {
    expect(ssoDomainPowers(v)).toEqual({ createAccount: create, linkExisting: link });
  });
});

describe("whom SSO-only binds", () => {
  const base = {
    ssoRequired: true,
    activeMember: true,
    domainVerification: "dns" as DomainVerification | null,
    hasLinkedIdentity: false,
  };
  it.each<[string, Partial<typeof base>, boolean]>([
    ["member on a DNS-verified domain", {}, true],
    [
      "member on an owner-confirmed domain, identity linked",
      { domainVerification: "owner_confirmed", hasLinkedIdentity: true },
      true,
    ],
    [
      "member on an owner-confirmed domain, nothing linked yet",
      { domainVerification: "owner_confirmed" },
      false,
    ],
    [
      "address outside the org's verified domains",
      { domainVerification: null, hasLinkedIdentity: true },
      false,
    ],
    ["not an accepted member (e.g. only invited)", { activeMember: false }, false],
    ["org does not require SSO", { ssoRequired: false }, false],
  ])("%s → %s", (_name, over, expected) => {
    expect(ssoOnlyApplies({ ...base, ...over })).toBe(expected);
  });
});

describe("identities linked before the address was proved", () => {
  const at = (s: string) => new Date(`2026-03-01T${s}:00Z`);
  it.each<[string, Date, Date | null, boolean]>([
    ["address never proved", at("10:00"), null, true],
    ["proved after the link", at("10:00"), at("11:00"), true],
    ["proved before the link", at("11:00"), at("10:00"), false],
    ["proved at the same instant", at("10:00"), at("10:00"), false],
  ])("%s → dropped %s", (_name, linkedAt, verified, dropped) => {
    expect(linkPredatesProof(linkedAt, verified)).toBe(dropped);
  });
});
