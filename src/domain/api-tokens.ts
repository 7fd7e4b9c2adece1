/**
 * Personal API tokens as pure rules: the token format, reading the
 * Authorization header, a token's state at a moment, and when its use is
 * recorded again. The server side lives in src/server/services/api-tokens.ts.
 */

/** Every token starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const API_TOKEN_PREFIX = "bm_";
/** bm_ + 43 base64url characters (32 random bytes). */
export const API_TOKEN_RE = /^bm_[A-Za-z0-9_-]{43}$/;
/** last_used_at (and the "token used" audit entry) is written at most this often per token. */
export const TOUCH_EVERY_MS = 60_000;
/** Calls one token may make per minute (all instances together). */
export const API_TOKEN_CALLS_PER_MINUTE = 600;
/** Active tokens one person may hold in one org. */
export const MAX_ACTIVE_TOKENS = 20;
export const MAX_EXPIRY_DAYS = 3650;

export type BearerHeader =
  | { kind: "none" }
  | { kind: "token"; token: string }
  /** An Authorization header that is present but is not a well-formed API token. */
  | { kind: "malformed" };

/**
 * What an Authorization header carries. Other schemes (e.g. a proxy's Basic
 * auth) are not ours and count as none; a Bearer credential that is not a
 * well-formed API token is malformed (refused, never a fallback to cookies).
 */
export function parseBearer(header: string | null | undefined): BearerHeader {
  const h = header?.trim() ?? "";
  if (!/^Bearer(\s|$)/i.test(h)) return { kind: "none" };
  const m = /^Bearer[ ]+(\S+)$/i.exec(h);
  if (!m || !API_TOKEN_RE.test(m[1]!)) return { kind: "malformed" };
  return { kind: "token", token: m[1]! };
}

export type TokenState = "active" | "expired" | "revoked";

export function tokenState(t: { expiresAt: Date | null; revokedAt: Date | null }, now: Date): TokenState {
  if (t.revokedAt) return "revoked";
  if (t.expiresAt && t.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** Whether a use at `now` should update last_used_at (never used, or not within TOUCH_EVERY_MS). */
export function shouldTouch(lastUsedAt: Date | null, now: Date): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= TOUCH_EVERY_MS;
}

/** When a token made at `now` for `days` days expires (null: never). */
export function expiresAtFor(days: number | undefined, now: Date): Date | null {
  return days === undefined ? null : new Date(now.getTime() + days * 86_400_000);
}
