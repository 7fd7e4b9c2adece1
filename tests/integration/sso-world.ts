/**
 * The SSO tests' world (sso-settings.int, sso-sign-in.int): an OIDC discovery
 * document served on loopback (and a broken one), a fake DNS resolver for TXT
 * records, an encryption key, and org "acme-sso" with Alice (admin), Mo (member)
 * and Eve (elsewhere). `setUpSsoWorld()` registers it; the exported lets are live.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { resetEnvCache } from "@/env";
import { dnsDeps } from "@/server/services/domains";
import { SignInRefusal, type ExternalIdentity } from "@/server/services/external-sign-in";
import { makeUser, systemCaller } from "./helpers";

export let idp: http.Server;
export let issuer: string;
export let orgId: string;
/** What the fake DNS answers: TXT records per name. */
export const dns = new Map<string, string[][]>();
export const lookups: string[] = [];

export const idFor = (over: Partial<ExternalIdentity>): ExternalIdentity => ({
  provider: `sso-${orgId}`,
  providerAccountId: randomBytes(6).toString("hex"),
  email: null,
  emailVerified: true,
  name: null,
  image: null,
  ssoOrgId: orgId,
  ...over,
});

export async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SignInRefusal) return err.code;
    throw err;
  }
  return "OK";
}

/** Starts the fake IdP and DNS and creates the people and the org (once per file). */
export function setUpSsoWorld(): void {
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
}
