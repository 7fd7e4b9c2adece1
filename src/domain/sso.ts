/**
 * Per-org OIDC single sign-on, as stored in the org's settings JSON under
 * `sso`. The client secret is stored encrypted (see src/server/crypto.ts) and
 * never leaves the server: `publicOrgSettings` strips it from every view.
 */
import { z } from "zod";

export const SSO_JIT_ROLES = ["member", "admin"] as const;

export const ZDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    "Use a domain such as example.com",
  );

/** What an admin submits. An empty / absent client secret keeps the stored one. */
export const ZSsoInput = z.object({
  enabled: z.boolean(),
  issuer: z
    .url({ protocol: /^https?$/, error: "Use the issuer URL, e.g. https://login.example.com/realms/acme" })
    .max(500)
    .transform(normalizeIssuer),
  clientId: z.string().trim().min(1, "Enter the client id").max(500),
  clientSecret: z.string().max(2000).optional(),
  /** Password sign-in is refused for this org's members. */
  ssoOnly: z.boolean().default(false),
  /** Role given to people provisioned just in time at their first SSO sign-in. */
  jitRole: z.enum(SSO_JIT_ROLES).default("member"),
  /**
   * Only these e-mail domains may sign in through SSO (empty: no extra limit). New accounts are only
   * ever created for the org's verified domains, whatever this list says.
   */
  allowedDomains: z.array(ZDomain).max(50).default([]),
});
export type TSsoInput = z.input<typeof ZSsoInput>;
export type TSsoOutput = z.output<typeof ZSsoInput>;

/** What is stored in settings.sso. */
export const ZStoredSso = z.object({
  enabled: z.boolean(),
  issuer: z.string(),
  clientId: z.string(),
  clientSecretEncrypted: z.string().nullable(),
  ssoOnly: z.boolean(),
  jitRole: z.enum(SSO_JIT_ROLES),
  allowedDomains: z.array(z.string()),
  updatedAt: z.string().optional(),
});
export type StoredSso = z.infer<typeof ZStoredSso>;

export function normalizeIssuer(url: string): string {
  return url.trim().replace(/\/+$/, "");
}

export function discoveryUrl(issuer: string): string {
  return `${normalizeIssuer(issuer)}/.well-known/openid-configuration`;
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function readSsoConfig(settings: unknown): StoredSso | null {
  const parsed = ZStoredSso.safeParse(asRecord(settings).sso);
  return parsed.success ? parsed.data : null;
}

/**
 * True when the org is configured for SSO and asks for it. Whom it binds is decided per member by
 * `ssoOnlyApplies` (src/domain/identity.ts): accepted members on the org's verified domains.
 */
export function ssoRequired(settings: unknown): boolean {
  const sso = readSsoConfig(settings);
  return !!sso && sso.enabled && sso.ssoOnly;
}

/** The SSO config without its secret. */
export function publicSsoConfig(sso: StoredSso) {
  const { clientSecretEncrypted, ...rest } = sso;
  return { ...rest, hasClientSecret: !!clientSecretEncrypted };
}
export type PublicSso = ReturnType<typeof publicSsoConfig>;

/** Org settings as members may see them: the SSO secret removed, the AI settings left out (org.aiSettings). */
export function publicOrgSettings(settings: unknown): Record<string, unknown> {
  const s = { ...asRecord(settings) };
  delete s.ai;
  if ("sso" in s) {
    const sso = readSsoConfig(s);
    if (sso) s.sso = publicSsoConfig(sso);
    else delete s.sso;
  }
  return s;
}

/** Settings with a new SSO config merged in (other keys untouched). */
export function withSsoConfig(settings: unknown, sso: StoredSso): Record<string, unknown> {
  return { ...asRecord(settings), sso };
}

export function emailDomainAllowed(email: string, allowedDomains: readonly string[]): boolean {
  if (!allowedDomains.length) return true;
  const domain = email.trim().toLowerCase().split("@").pop() ?? "";
  return allowedDomains.some((d) => domain === d.toLowerCase());
}

const SSO_PREFIX = "sso-";
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * next-auth provider id of an org's SSO connection: keyed by the org's id, never its slug (a slug
 * is freed when its org is deleted and may be taken by another org, which must not inherit the old
 * org's linked identities or callback URL).
 */
export function ssoProviderId(orgId: string): string {
  return `${SSO_PREFIX}${orgId.toLowerCase()}`;
}

/** The org id in `sso-<org id>`; null for any other provider id. */
export function orgIdFromProviderId(providerId: string | null | undefined): string | null {
  if (!providerId?.startsWith(SSO_PREFIX)) return null;
  const id = providerId.slice(SSO_PREFIX.length).toLowerCase();
  return UUID_RE.test(id) ? id : null;
}

/** The parts of an OpenID discovery document a sign-in needs; problems listed in `missing`. */
export function checkDiscoveryDocument(doc: unknown, expectedIssuer: string) {
  const d = asRecord(doc);
  const str = (k: string) => (typeof d[k] === "string" ? (d[k] as string) : null);
  const required = ["issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"] as const;
  const missing = required.filter((k) => !str(k));
  const issuer = str("issuer");
  const issuerMatches = !!issuer && normalizeIssuer(issuer) === normalizeIssuer(expectedIssuer);
  return {
    issuer,
    issuerMatches,
    authorizationEndpoint: str("authorization_endpoint"),
    tokenEndpoint: str("token_endpoint"),
    userinfoEndpoint: str("userinfo_endpoint"),
    jwksUri: str("jwks_uri"),
    scopesSupported: Array.isArray(d.scopes_supported)
      ? d.scopes_supported.filter((s) => typeof s === "string")
      : [],
    missing: [...missing],
  };
}
