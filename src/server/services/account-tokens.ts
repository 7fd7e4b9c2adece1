/**
 * Single-use e-mailed account tokens (password reset, e-mail verification): their lifetimes, the
 * per-account mail cap, and reading / claiming them. Tokens are stored only as SHA-256 hashes.
 */
import type { CentralDb, CentralPrisma } from "@/server/db/central";
import { hashToken } from "@/server/crypto";
import { issueTokenWithinLimit } from "./limits";

export type Tx = CentralPrisma.TransactionClient;
type AuthTokenPurpose = "password_reset" | "email_verify";

export const RESET_TTL_MS = 60 * 60 * 1000;
export const VERIFY_TTL_MS = 24 * 60 * 60 * 1000;
/** At most this many reset / verification mails per account and hour. */
export const MAILS_PER_HOUR = 5;

const TTL_MS: Record<AuthTokenPurpose, number> = {
  password_reset: RESET_TTL_MS,
  email_verify: VERIFY_TTL_MS,
};

/**
 * A new token for a mailed link of this purpose, valid for the purpose's lifetime; null once
 * MAILS_PER_HOUR were issued to the user for it in the last hour (checked and issued in one step).
 */
export function issueMailToken(central: CentralDb, userId: string, purpose: AuthTokenPurpose, now: Date) {
  return issueTokenWithinLimit(central, {
    userId,
    purpose,
    ttlMs: TTL_MS[purpose],
    maxPerHour: MAILS_PER_HOUR,
    now,
  });
}

/** Whether a token is currently usable (read only: nothing is claimed). */
export async function findUsableToken(
  central: CentralDb | Tx,
  token: string,
  purpose: AuthTokenPurpose,
  now: Date,
) {
  if (!token || token.length > 200) return false;
  const row = await central.authToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { purpose: true, expiresAt: true, usedAt: true },
  });
  return !!row && row.purpose === purpose && !row.usedAt && row.expiresAt > now;
}

/** Marks a valid token used (once, atomically) and returns its user; null when invalid, used or expired. */
export async function claimToken(tx: Tx, token: string, purpose: AuthTokenPurpose, now: Date) {
  if (!token || token.length > 200) return null;
  const row = await tx.authToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, purpose: true, expiresAt: true, usedAt: true },
  });
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt <= now) return null;
  const claimed = await tx.authToken.updateMany({
    where: { id: row.id, usedAt: null },
    data: { usedAt: now },
  });
  return claimed.count === 1 ? row.userId : null;
}
