/**
 * Session timing (SPEC §9: sessions stay alive while used). The session token
 * lives up to REFRESH_TTL_SECONDS after its last refresh; its "access stamp"
 * says when the user was last re-validated against the database. A stamp
 * older than ACCESS_TTL_MS makes the next use re-check the user (still active,
 * same session version) before the token is renewed.
 */

/** Short access: the user is re-validated at least this often. */
export const ACCESS_TTL_MS = 15 * 60 * 1000;

/** Long refresh: an unused session ends after this long. */
export const REFRESH_TTL_SECONDS = 7 * 24 * 3600;

/** True when the token's access stamp is missing, in the future (clock skew, tampering) or too old. */
export function accessStampStale(stampMs: number | null | undefined, nowMs: number): boolean {
  if (typeof stampMs !== "number" || !Number.isFinite(stampMs)) return true;
  if (stampMs > nowMs + 60_000) return true;
  return nowMs - stampMs >= ACCESS_TTL_MS;
}
