/**
 * Auth.js (next-auth v4) with the JWT strategy.
 *
 * - Credentials: argon2id check in constant-ish time whether or not the
 *   e-mail exists, throttled per account and per IP (login_attempts in
 *   PostgreSQL); refusals surface as `error=TooManyAttempts | SsoRequired |
 *   CredentialsSignin`.
 * - Google and Microsoft Entra ID when their settings are present; per-org
 *   OIDC SSO (`sso-<org id>`: keyed by the org's id, never its reusable slug)
 *   loaded from the org's settings for the request that needs it (see
 *   `authOptionsForRoute`), under the identity rules of src/domain/identity.ts.
 * - The token carries the user id, the current org, the user's session
 *   version and an access stamp. The protected tRPC middleware compares the
 *   version with the database on every request; the jwt callback re-validates
 *   the user whenever the stamp is older than 15 minutes (short access) and
 *   the token lives 7 days from its last renewal (sliding refresh).
 * - Each sign-in is a device session (`sid` in the token, a user_sessions row):
 *   signing out ends this device only; bumping the session version (sign out
 *   everywhere, password change) ends them all.
 */
import { randomUUID } from "node:crypto";
import type { NextAuthOptions, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import AzureADProviderModule from "next-auth/providers/azure-ad";
import CredentialsProviderModule from "next-auth/providers/credentials";
import GoogleProviderModule from "next-auth/providers/google";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { z } from "zod";
import { env } from "@/env";
import { ACCESS_TTL_MS, accessStampStale, REFRESH_TTL_SECONDS } from "@/domain/session";
import { decode } from "next-auth/jwt";
import { discoveryUrl, orgIdFromProviderId, ssoProviderId } from "@/domain/sso";
import { getCentralDb } from "@/server/db/central";
import { logger } from "@/server/logger";
import { endSessions, signInWithPassword } from "@/server/services/sign-in";
import { endSession, sessionLive, startSession } from "@/server/services/sessions";
import { DomainError } from "@/domain/errors";
import { loadSsoProviderSettings, type SsoProviderSettings } from "@/server/services/sso-settings";
import { resolveExternalSignIn, SignInRefusal } from "@/server/services/external-sign-in";
import { ssoHttpOptions } from "@/server/services/sso-connection";
import { clientIp } from "./ip";
import type { AppSession } from "./session";

/**
 * next-auth ships CommonJS: bundlers (Next.js, vitest) hand its default export over as is, plain
 * Node ESM (tsx: scripts, a second app instance in tests) as `{ default }`. Works under both.
 */
function cjsDefault<T>(m: T): T {
  return ((m as { default?: T }).default ?? m) as T;
}
const AzureADProvider = cjsDefault(AzureADProviderModule);
const CredentialsProvider = cjsDefault(CredentialsProviderModule);
const GoogleProvider = cjsDefault(GoogleProviderModule);

const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().max(200),
});

/*
 * Sign-in refusals reach the client as `error` codes: TooManyAttempts, SsoRequired,
 * CredentialsSignin, and from OAuth / SSO the SignInRefusal codes of services/external-sign-in.ts
 * (the sign-in page words them; see src/features/auth/sign-in-errors.ts).
 */

/** Token fields we add (next-auth keeps name, email, sub). */
type Token = JWT & {
  uid?: string;
  sv?: number;
  org?: string | null;
  /** Access stamp: when the user was last validated against the database (ms). */
  at?: number;
  /** This device's session (user_sessions.id). */
  sid?: string;
};

class SessionEnded extends Error {
  constructor() {
    super("SessionEnded");
    this.name = "SessionEnded";
  }
}

async function defaultOrgSlug(userId: string): Promise<string | null> {
  const m = await getCentralDb().orgMembership.findFirst({
    where: { userId, deactivatedAt: null, org: { deletedAt: null, status: "active" } },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: { org: { select: { slug: true } } },
  });
  return m?.org.slug ?? null;
}

async function isActiveMember(userId: string, orgSlug: string): Promise<boolean> {
  const m = await getCentralDb().orgMembership.findFirst({
    where: { userId, deactivatedAt: null, org: { slug: orgSlug, deletedAt: null, status: "active" } },
    select: { id: true },
  });
  return !!m;
}

async function activeUser(userId: string) {
  const u = await getCentralDb().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, sessionVersion: true, deactivatedAt: true, deletedAt: true },
  });
  return u && !u.deactivatedAt && !u.deletedAt ? u : null;
}

function correlationIdFrom(headers: unknown): string {
  const v = (headers as Record<string, unknown> | undefined)?.["x-correlation-id"];
  return typeof v === "string" && /^[A-Za-z0-9._:-]{8,64}$/.test(v) ? v : randomUUID();
}

function ssoOidcProvider(s: SsoProviderSettings): OAuthConfig<Record<string, unknown>> {
  return {
    id: ssoProviderId(s.org.id),
    name: `${s.org.name} SSO`,
    type: "oauth",
    wellKnown: discoveryUrl(s.issuer),
    httpOptions: ssoHttpOptions(),
    clientId: s.clientId,
    clientSecret: s.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(p) {
      const str = (k: string) => (typeof p[k] === "string" ? (p[k] as string) : null);
      return {
        id: String(p.sub),
        email: str("email") ?? str("preferred_username"),
        name: str("name") ?? str("preferred_username") ?? str("email"),
        image: str("picture"),
      };
    },
  };
}

/** Google / Microsoft when configured (the sign-in page shows their buttons). */
export function externalProviders(): { id: string; name: string }[] {
  const e = env();
  const list: { id: string; name: string }[] = [];
  if (e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET) list.push({ id: "google", name: "Google" });
  if (e.AZURE_AD_CLIENT_ID && e.AZURE_AD_CLIENT_SECRET) list.push({ id: "azure-ad", name: "Microsoft" });
  return list;
}

export type AuthOptionsHooks = {
  /** The org SSO connection this request needs (sign-in start or callback). */
  ssoProvider?: SsoProviderSettings | null;
  /** Called when the jwt callback re-validated the user, i.e. the token should be re-issued. */
  onRevalidated?: () => void;
  /**
   * The user whose live session sent this SSO callback: with a "Link my <org> SSO" they started,
   * the identity is linked to them (see resolveExternalSignIn).
   */
  signedInUserId?: string | null;
  /** The requesting device (for its session row at sign-in). */
  device?: { userAgent: string | null; ip: string | null };
};

export function authOptions(hooks: AuthOptionsHooks = {}): NextAuthOptions {
  const e = env();
  const secure = (e.NEXTAUTH_URL ?? "").startsWith("https://");
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "E-mail", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(raw, req) {
        const parsed = ZCredentials.safeParse(raw);
        if (!parsed.success) return null;
        const result = await signInWithPassword(getCentralDb(), parsed.data, {
          ip: clientIp(req?.headers),
          correlationId: correlationIdFrom(req?.headers),
        });
        if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
        // Thrown messages reach the client as `error` (redirect=false) or ?error= on the error page.
        if (result.reason === "throttled") throw new Error("TooManyAttempts");
        if (result.reason === "sso_required") throw new Error("SsoRequired");
        return null;
      },
    }),
  ];
  if (e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET }));
  }
  if (e.AZURE_AD_CLIENT_ID && e.AZURE_AD_CLIENT_SECRET) {
    providers.push(
      AzureADProvider({
        clientId: e.AZURE_AD_CLIENT_ID,
        clientSecret: e.AZURE_AD_CLIENT_SECRET,
        tenantId: e.AZURE_AD_TENANT_ID ?? "common",
      }),
    );
  }
  if (hooks.ssoProvider) providers.push(ssoOidcProvider(hooks.ssoProvider));

  return {
    secret: e.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: REFRESH_TTL_SECONDS, updateAge: ACCESS_TTL_MS / 1000 },
    jwt: { maxAge: REFRESH_TTL_SECONDS },
    useSecureCookies: secure,
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers,
    logger: {
      error(code, metadata) {
        const message = (metadata as { message?: unknown } | undefined)?.message;
        if (code === "JWT_SESSION_ERROR" && (message === "SessionEnded" || message === "JWT invalid")) {
          logger.debug({ code }, "session ended");
          return;
        }
        // Metadata may hold an Error; never log tokens or request bodies.
        const err =
          metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
        logger.error({ code, err: err ?? (typeof message === "string" ? message : undefined) }, "auth error");
      },
      warn(code) {
        logger.warn({ code }, "auth warning");
      },
      debug(code) {
        logger.debug({ code }, "auth debug");
      },
    },
    callbacks: {
      /** OAuth / OIDC sign-ins: map (or provision) the user; refusals go back to the sign-in page. */
      async signIn({ user, account, profile }) {
        if (!account || account.type === "credentials") return true;
        if (account.type !== "oauth") return false;
        const p = (profile ?? {}) as Record<string, unknown>;
        const email =
          (typeof user.email === "string" && user.email) ||
          (typeof p.email === "string" && p.email) ||
          (typeof p.preferred_username === "string" && p.preferred_username.includes("@")
            ? p.preferred_username
            : null);
        const ssoOrgId = orgIdFromProviderId(account.provider);
        try {
          const r = await resolveExternalSignIn(
            getCentralDb(),
            {
              provider: account.provider,
              providerAccountId: account.providerAccountId,
              email: email || null,
              // Only Google's claim is ever used (to link its own addresses); it never marks ours verified.
              emailVerified: p.email_verified === true,
              name: user.name ?? null,
              image: user.image ?? null,
              ssoOrgId,
            },
            { ip: null, correlationId: randomUUID(), signedInUserId: hooks.signedInUserId ?? null },
          );
          // Without an adapter next-auth hands this same object to the jwt callback.
          (user as User).id = r.userId;
          return true;
        } catch (err) {
          if (err instanceof SignInRefusal) return `/sign-in?error=${err.code}`;
          throw err;
        }
      },

      async jwt({ token, user, account, trigger, session }) {
        const t = token as Token;
        const now = Date.now();
        const device = (method: string | null) => ({
          userAgent: hooks.device?.userAgent ?? null,
          ip: hooks.device?.ip ?? null,
          method,
        });
        if (user) {
          const row = await activeUser(user.id);
          if (!row) throw new SessionEnded();
          t.uid = row.id;
          t.sv = row.sessionVersion;
          t.name = row.name;
          t.email = row.email;
          t.sub = row.id;
          t.at = now;
          t.org = await defaultOrgSlug(row.id);
          // A new device session for every sign-in.
          t.sid = await startSession(getCentralDb(), row.id, device(account?.provider ?? "credentials"));
          return t;
        }
        if (!t.uid) throw new SessionEnded();
        if (trigger === "update" || accessStampStale(t.at, now)) {
          const row = await activeUser(t.uid);
          if (!row || row.sessionVersion !== t.sv) throw new SessionEnded();
          if (t.sid) {
            if (!(await sessionLive(getCentralDb(), t.uid, t.sid))) throw new SessionEnded();
          } else {
            // A token from before per-device sessions gets its own, revocable, session now.
            t.sid = await startSession(getCentralDb(), t.uid, device(null));
          }
          t.name = row.name;
          t.email = row.email;
          t.at = now;
          // Removed from the current org (or none yet, e.g. before accepting an invitation): pick one.
          if (!t.org || !(await isActiveMember(t.uid, t.org))) t.org = await defaultOrgSlug(t.uid);
          hooks.onRevalidated?.();
        }
        // Switching org re-issues the token, after checking membership.
        if (trigger === "update") {
          const wanted = (session as { orgSlug?: unknown } | undefined)?.orgSlug;
          if (typeof wanted === "string" && (await isActiveMember(t.uid, wanted))) t.org = wanted;
        }
        return t;
      },

      async session({ session, token }) {
        const t = token as Token;
        const s = session as unknown as AppSession & { user: AppSession["user"] };
        s.user = { id: t.uid ?? "", email: t.email ?? "", name: t.name ?? "" };
        s.orgSlug = t.org ?? null;
        s.sessionVersion = t.sv ?? 0;
        s.sessionId = t.sid ?? null;
        return s;
      },
    },
    events: {
      /**
       * Sign-out ends this device's session only ("Sign out everywhere" is user.signOutEverywhere).
       * A token from before per-device sessions has no session of its own: it ends them all.
       */
      async signOut({ token }) {
        const t = token as Token | null;
        if (!t?.uid) return;
        const row = await activeUser(t.uid);
        if (!row || row.sessionVersion !== t.sv) return; // already ended
        const actor = { userId: row.id, name: row.name, correlationId: randomUUID() };
        if (t.sid) {
          await endSession(getCentralDb(), actor, row.id, t.sid, "logout", hooks.device?.ip ?? null).catch(
            (err: unknown) => {
              if (!(err instanceof DomainError)) throw err; // already ended
            },
          );
          return;
        }
        await endSessions(getCentralDb(), actor, row.id, "logout");
      },
    },
  };
}

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** The user of a live session token among these cookies (signature, session version, active user), else null. */
export async function liveSessionUserId(cookies: Readonly<Record<string, string>>): Promise<string | null> {
  const raw = SESSION_COOKIES.map((n) => cookies[n]).find((v) => !!v);
  if (!raw) return null;
  try {
    const t = (await decode({ token: raw, secret: env().NEXTAUTH_SECRET ?? "" })) as Token | null;
    if (!t?.uid) return null;
    const row = await activeUser(t.uid);
    if (!row || row.sessionVersion !== t.sv) return null;
    if (t.sid && !(await sessionLive(getCentralDb(), row.id, t.sid))) return null;
    return row.id;
  } catch {
    return null;
  }
}

/**
 * Options for one request to /api/auth/[...nextauth]: loads the org's SSO connection when the
 * request is for `sso-<org id>` (sign-in start or callback). A callback that carries a live session
 * names its user, so a "Link my <org> SSO" the user started can complete.
 */
export async function authOptionsForRoute(
  segments: readonly string[] | undefined,
  cookies: Readonly<Record<string, string>> = {},
  headers: Readonly<Record<string, string | undefined>> = {},
): Promise<NextAuthOptions> {
  const orgId = orgIdFromProviderId(segments?.[1]);
  const ssoProvider = orgId ? await loadSsoProviderSettings(getCentralDb(), { orgId }) : null;
  const signedInUserId =
    ssoProvider && segments?.[0] === "callback" ? await liveSessionUserId(cookies) : null;
  return authOptions({ ssoProvider, signedInUserId, device: deviceOf(headers) });
}

/** The requesting device, for its session row. */
export function deviceOf(headers: Readonly<Record<string, string | undefined>>) {
  return { userAgent: headers["user-agent"] ?? null, ip: clientIp(headers) };
}
