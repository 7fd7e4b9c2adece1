import { describe, expect, it } from "vitest";
import {
  checkDiscoveryDocument,
  discoveryUrl,
  emailDomainAllowed,
  orgIdFromProviderId,
  publicOrgSettings,
  ssoProviderId,
  ssoRequired,
  ZSsoInput,
} from "./sso";

const stored = {
  enabled: true,
  issuer: "https://id.example.com",
  clientId: "braid",
  clientSecretEncrypted: "v1.a.b.c",
  ssoOnly: true,
  jitRole: "member",
  allowedDomains: ["example.com"],
};

describe("sso settings", () => {
  it("never exposes the encrypted secret", () => {
    const pub = publicOrgSettings({ branding: { color: "blue" }, sso: stored });
    expect(pub.branding).toEqual({ color: "blue" });
    expect(JSON.stringify(pub)).not.toContain("v1.a.b.c");
    expect(pub.sso).toMatchObject({ hasClientSecret: true, issuer: "https://id.example.com" });
    expect(publicOrgSettings({ sso: { junk: 1 } })).toEqual({});
    expect(publicOrgSettings(null)).toEqual({});
  });

  it("is SSO-only only when enabled", () => {
    expect(ssoRequired({ sso: stored })).toBe(true);
    expect(ssoRequired({ sso: { ...stored, enabled: false } })).toBe(false);
    expect(ssoRequired({ sso: { ...stored, ssoOnly: false } })).toBe(false);
    expect(ssoRequired({})).toBe(false);
  });

  it("validates input and normalizes the issuer", () => {
    const ok = ZSsoInput.parse({
      enabled: true,
      issuer: "https://id.example.com/realms/acme/",
      clientId: " x ",
    });
    expect(ok).toMatchObject({
      issuer: "https://id.example.com/realms/acme",
      clientId: "x",
      ssoOnly: false,
      jitRole: "member",
    });
    expect(ZSsoInput.safeParse({ enabled: true, issuer: "ftp://x", clientId: "x" }).success).toBe(false);
    expect(
      ZSsoInput.safeParse({
        enabled: true,
        issuer: "https://x.test",
        clientId: "x",
        allowedDomains: ["not a domain"],
      }).success,
    ).toBe(false);
    expect(discoveryUrl("https://id.example.com/")).toBe(
      "https://id.example.com/.well-known/openid-configuration",
    );
  });

  it("keys provider ids by the org's id, never a slug", () => {
    const id = "0b6f1c1e-8a4f-4f7e-9a53-3c1b2d4e5f60";
    expect(ssoProviderId(id)).toBe(`sso-${id}`);
    expect(ssoProviderId(id.toUpperCase())).toBe(`sso-${id}`);
    expect(orgIdFromProviderId(`sso-${id}`)).toBe(id);
    for (const other of [
      "sso-acme",
      "sso-",
      "google",
      "azure-ad",
      `sso-${id}x`,
      `xsso-${id}`,
      null,
      undefined,
    ]) {
      expect(orgIdFromProviderId(other)).toBeNull();
    }
  });

  it("checks allowed domains", () => {
    expect(emailDomainAllowed("a@Example.com", ["example.com"])).toBe(true);
    expect(emailDomainAllowed("a@evil.com", ["example.com"])).toBe(false);
    expect(emailDomainAllowed("a@any.com", [])).toBe(true);
  });

  it("reports what a discovery document lacks", () => {
    const r = checkDiscoveryDocument(
      { issuer: "https://id.example.com/", authorization_endpoint: "https://id.example.com/auth" },
      "https://id.example.com",
    );
    expect(r.issuerMatches).toBe(true);
    expect(r.missing).toEqual(["token_endpoint", "jwks_uri"]);
  });
});
