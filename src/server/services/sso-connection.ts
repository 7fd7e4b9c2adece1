/**
 * Outbound OIDC requests to an org's issuer: the connection test against its discovery document, and
 * the HTTP options (public-address guard) of the OIDC client that signs users in through it.
 */
import { env } from "@/env";
import { checkDiscoveryDocument, discoveryUrl } from "@/domain/sso";
import {
  BlockedAddressError,
  getText,
  InsecureUrlError,
  PublicOnlyHttpsAgent,
  ResponseTooLargeError,
  type OutboundResponse,
} from "@/server/net/outbound";

export type SsoTestResult = {
  ok: boolean;
  url: string;
  status: number | null;
  message: string;
  issuer: string | null;
  issuerMatches: boolean;
  authorizationEndpoint: string | null;
  tokenEndpoint: string | null;
  userinfoEndpoint: string | null;
  jwksUri: string | null;
  scopesSupported: string[];
  missing: string[];
  ms: number;
};

const MAX_DISCOVERY_BYTES = 512 * 1024;

/**
 * Fetches `<issuer>/.well-known/openid-configuration` and reports what it
 * found. Admin only. In production the issuer must use https.
 */
export async function testSsoConnection(
  input: { issuer: string },
  opts: { timeoutMs?: number } = {},
): Promise<SsoTestResult> {
  const url = discoveryUrl(input.issuer);
  const started = performance.now();
  const empty = {
    issuer: null,
    issuerMatches: false,
    authorizationEndpoint: null,
    tokenEndpoint: null,
    userinfoEndpoint: null,
    jwksUri: null,
    scopesSupported: [],
    missing: [],
  };
  const done = (r: Omit<SsoTestResult, "ms" | "url">): SsoTestResult => ({
    ...r,
    url,
    ms: Math.round(performance.now() - started),
  });
  if (env().NODE_ENV === "production" && !url.startsWith("https://")) {
    return done({ ...empty, ok: false, status: null, message: "The issuer must use https://" });
  }
  const e = env();
  const allowPrivate = ssoAllowsPrivateTargets();
  let res: OutboundResponse;
  try {
    res = await getText(url, {
      timeoutMs: opts.timeoutMs ?? 8000,
      maxBytes: MAX_DISCOVERY_BYTES,
      allowPrivate,
      httpsOnly: e.NODE_ENV === "production",
      accept: "application/json",
    });
  } catch (err) {
    const name = (err as { name?: string }).name;
    const message =
      err instanceof BlockedAddressError
        ? "The issuer is not on the public internet (private, loopback and link-local addresses are refused)"
        : err instanceof InsecureUrlError
          ? "The issuer redirected to an address without https://"
          : err instanceof ResponseTooLargeError
            ? "The discovery document is too large"
            : name === "TimeoutError" || name === "AbortError"
              ? "The issuer did not answer in time"
              : "Could not connect to the issuer";
    return done({ ...empty, ok: false, status: null, message });
  }
  if (res.status < 200 || res.status >= 300) {
    return done({
      ...empty,
      ok: false,
      status: res.status,
      message: `The issuer answered HTTP ${res.status}`,
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(res.text);
  } catch {
    return done({
      ...empty,
      ok: false,
      status: res.status,
      message: "The discovery document is not valid JSON",
    });
  }
  const report = checkDiscoveryDocument(doc, input.issuer);
  const ok = report.missing.length === 0 && report.issuerMatches;
  const message = report.missing.length
    ? `The discovery document lacks: ${report.missing.join(", ")}`
    : !report.issuerMatches
      ? `The document names a different issuer (${report.issuer})`
      : "Connection works: the issuer's OpenID configuration is valid";
  return done({ ...report, ok, status: res.status, message });
}

/**
 * Whether SSO requests may reach private, loopback and link-local addresses: SSO_ALLOW_PRIVATE_ISSUERS,
 * by default yes outside production (a local IdP in development) and no in production.
 */
export function ssoAllowsPrivateTargets(): boolean {
  const e = env();
  return e.SSO_ALLOW_PRIVATE_ISSUERS ?? e.NODE_ENV !== "production";
}

let publicOnlyAgent: PublicOnlyHttpsAgent | undefined;

/**
 * HTTP options for the OIDC client that signs users in through an org's IdP. It fetches the discovery
 * document, the signing keys and the token endpoint the IdP names, so unless private targets are
 * allowed it goes through the same public-address guard as the connection test.
 */
export function ssoHttpOptions(): { timeout: number; agent?: PublicOnlyHttpsAgent } {
  if (ssoAllowsPrivateTargets()) return { timeout: 10_000 };
  publicOnlyAgent ??= new PublicOnlyHttpsAgent({ keepAlive: true });
  return { timeout: 10_000, agent: publicOnlyAgent };
}
