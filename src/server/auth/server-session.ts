/**
 * The current request's session (server components, route handlers).
 *
 * Sliding refresh: when the token's access stamp is older than 15 minutes the
 * jwt callback re-validates the user and next-auth re-issues the token with a
 * fresh 7-day lifetime. Route handlers (e.g. /api/trpc) write that cookie back;
 * server components cannot set cookies, so they only re-validate. A revoked
 * token is cleared the same way.
 */
import { getServerSession } from "next-auth";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getCentralDb } from "@/server/db/central";
import { loadSessionActor } from "@/server/services/sessions";
import { authOptions, deviceOf } from "./config";
import type { AppSession } from "./session";

export type RequestParts = { headers: Record<string, string>; cookies: Record<string, string> };

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/**
 * The session of a request given as plain headers and cookies (no Next request
 * scope needed). `setCookies` holds Set-Cookie values to send back: the renewed
 * token after a re-validation, or cookies that clear a revoked session.
 */
export async function sessionFromRequest(
  req: RequestParts,
): Promise<{ session: AppSession | null; setCookies: string[] }> {
  let renewed = false;
  let jar: string[] = [];
  const res = {
    getHeader: (name: string) => (name.toLowerCase() === "set-cookie" ? jar : undefined),
    setHeader: (name: string, value: string | string[]) => {
      if (name.toLowerCase() === "set-cookie") jar = Array.isArray(value) ? [...value] : [value];
    },
  };
  const options = authOptions({ onRevalidated: () => (renewed = true), device: deviceOf(req.headers) });
  const s = (await getServerSession(req as never, res as never, options)) as AppSession | null;
  const session = s?.user?.id ? s : null;
  const hadToken = Object.keys(req.cookies).some((n) => SESSION_COOKIE.test(n));
  return { session, setCookies: renewed || (!session && hadToken) ? jar : [] };
}

type CookieInit = {
  name: string;
  value: string;
  path?: string;
  domain?: string;
  expires?: Date;
  maxAge?: number;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "lax" | "strict" | "none";
};

/** Parses one Set-Cookie value (as next-auth serializes them). */
export function parseSetCookie(header: string): CookieInit | null {
  const [pair, ...attrs] = header.split(";");
  const eq = pair?.indexOf("=") ?? -1;
  if (!pair || eq <= 0) return null;
  const c: CookieInit = {
    name: pair.slice(0, eq).trim(),
    value: decodeURIComponent(pair.slice(eq + 1).trim()),
  };
  for (const a of attrs) {
    const [k, ...rest] = a.split("=");
    const key = k?.trim().toLowerCase();
    const v = rest.join("=").trim();
    if (key === "path") c.path = v;
    else if (key === "domain") c.domain = v;
    else if (key === "expires") c.expires = new Date(v);
    else if (key === "max-age") c.maxAge = Number(v);
    else if (key === "httponly") c.httpOnly = true;
    else if (key === "secure") c.secure = true;
    else if (key === "samesite") {
      const s = v.toLowerCase();
      if (s === "lax" || s === "strict" || s === "none") c.sameSite = s;
    }
  }
  return c;
}

export const getAppSession = cache(async (): Promise<AppSession | null> => {
  const h = await headers();
  const jar = await cookies();
  const { session, setCookies } = await sessionFromRequest({
    headers: Object.fromEntries(h),
    cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])),
  });
  for (const sc of setCookies) {
    const c = parseSetCookie(sc);
    if (!c) continue;
    try {
      jar.set(c);
    } catch {
      // Server components cannot set cookies; the next route handler call renews the token.
      break;
    }
  }
  return session;
});

/**
 * The current request's session, only if it is still live (user active, session version current,
 * this device not signed out) — pages use it, so a device signed out from elsewhere lands on the
 * sign-in page at once instead of rendering a page whose data calls all fail.
 */
export const getLiveAppSession = cache(async (): Promise<AppSession | null> => {
  const session = await getAppSession();
  if (!session) return null;
  return (await loadSessionActor(getCentralDb(), session)) ? session : null;
});
