/**
 * Personal API tokens (`Authorization: Bearer bm_…`): a token acts as its
 * user, in its own org only, with the user's roles at the time of each call
 * (the procedure chain checks the membership as for a session). Only the
 * SHA-256 of the token is stored; the token itself is returned once, by
 * `createApiToken`, and never logged or audited.
 *
 * Rules as pure functions: src/domain/api-tokens.ts.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { CentralDb } from "@/server/db/central";
import type { AuditActor } from "@/server/context-types";
import { hashToken } from "@/server/crypto";
import { DomainError, invalid } from "@/domain/errors";
import {
  API_TOKEN_CALLS_PER_MINUTE,
  API_TOKEN_PREFIX,
  expiresAtFor,
  MAX_ACTIVE_TOKENS,
  shouldTouch,
  TOUCH_EVERY_MS,
  tokenState,
} from "@/domain/api-tokens";
import { writeCentralAudit } from "./audit";
import { hitRateLimit } from "./rate-limit";

/** A new token: the prefix and 32 random bytes (256 bits), URL-safe. */
export function newApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export type ApiTokenRow = {
  id: string;
  name: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
};

const PUBLIC_FIELDS = { id: true, name: true, createdAt: true, expiresAt: true, lastUsedAt: true } as const;

export async function createApiToken(
  central: CentralDb,
  actor: AuditActor & { userId: string },
  org: { id: string },
  input: { name: string; expiresInDays?: number },
  now = new Date(),
): Promise<{ id: string; token: string }> {
  const name = input.name.trim();
  if (!name) throw invalid("Give the token a name", { name: ["Give the token a name"] });
  const token = newApiToken();
  const expiresAt = expiresAtFor(input.expiresInDays, now);
  return central.$transaction(async (tx) => {
    // Serialises concurrent creations by the same person in the same org, so the cap holds.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`api-token:${actor.userId}:${org.id}`}))`;
    const active = await tx.apiToken.count({
      where: {
        userId: actor.userId,
        orgId: org.id,
        revokedAt: null,
        OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      },
    });
    if (active >= MAX_ACTIVE_TOKENS)
      throw new DomainError(
        "CONFLICT",
        `You already have ${MAX_ACTIVE_TOKENS} active tokens here; revoke one first`,
      );
    const row = await tx.apiToken.create({
      data: {
        userId: actor.userId,
        orgId: org.id,
        name,
        tokenHash: hashToken(token),
        expiresAt,
        createdAt: now,
      },
      select: { id: true },
    });
    await writeCentralAudit(tx, actor, {
      action: "CREATE",
      entityType: "api_token",
      entityId: row.id,
      orgId: org.id,
      after: { name, expiresAt },
    });
    return { id: row.id, token };
  });
}

/** The person's tokens in the org that are not revoked (expired ones too, marked by expiresAt). Never the secret. */
export function listApiTokens(central: CentralDb, userId: string, orgId: string): Promise<ApiTokenRow[]> {
  return central.apiToken.findMany({
    where: { userId, orgId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: PUBLIC_FIELDS,
    take: 200,
  });
}

/**
 * Revokes a token: the caller's own, or — when `mayRevokeOthers` (org admins) — any
 * token of the org. Anything else is "not found". Revoking twice is a no-op.
 */
export async function revokeApiToken(
  central: CentralDb,
  actor: AuditActor & { userId: string },
  org: { id: string },
  id: string,
  mayRevokeOthers: boolean,
  now = new Date(),
): Promise<{ id: string }> {
  return central.$transaction(async (tx) => {
    const t = await tx.apiToken.findFirst({
      where: { id, orgId: org.id, ...(mayRevokeOthers ? {} : { userId: actor.userId }) },
      select: { id: true, name: true, userId: true, revokedAt: true },
    });
    if (!t) throw new DomainError("NOT_FOUND", "Token not found");
    if (t.revokedAt) return { id: t.id };
    await tx.apiToken.update({ where: { id: t.id }, data: { revokedAt: now } });
    await writeCentralAudit(tx, actor, {
      action: "DELETE",
      entityType: "api_token",
      entityId: t.id,
      orgId: org.id,
      before: { name: t.name, userId: t.userId },
    });
    return { id: t.id };
  });
}

export type TokenAuth =
  | {
      ok: true;
      tokenId: string;
      orgId: string;
      user: { kind: "user"; userId: string; email: string; name: string };
    }
  | { ok: false; code: "UNAUTHORIZED" | "TOO_MANY_REQUESTS"; message: string; retryAt?: Date };

const REFUSED: TokenAuth = { ok: false, code: "UNAUTHORIZED", message: "Invalid API token" };

/**
 * Authenticates one call made with `token`: the token exists (looked up by
 * hash, compared in constant time), is neither revoked nor expired, its user
 * is active; the call is within the token's rate limit. The first use in a
 * minute updates last_used_at and writes a `LOGIN api_token` entry to the
 * central audit (token id, org, ip, procedure — never the token).
 * The org membership is checked afterwards, by the procedure chain.
 */
export async function authenticateApiToken(
  central: CentralDb,
  token: string,
  meta: { ip: string | null; correlationId: string; path: string },
  now = new Date(),
): Promise<TokenAuth> {
  const hash = hashToken(token);
  const t = await central.apiToken.findUnique({
    where: { tokenHash: hash },
    select: {
      id: true,
      orgId: true,
      tokenHash: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, deactivatedAt: true, deletedAt: true } },
    },
  });
  if (!t || !timingSafeEqual(Buffer.from(t.tokenHash, "utf8"), Buffer.from(hash, "utf8"))) return REFUSED;
  const state = tokenState(t, now);
  if (state !== "active")
    return {
      ok: false,
      code: "UNAUTHORIZED",
      message: `This API token has ${state === "expired" ? "expired" : "been revoked"}`,
    };
  if (t.user.deactivatedAt || t.user.deletedAt) return REFUSED;
  const limit = await hitRateLimit(central, `api-token:${t.id}`, API_TOKEN_CALLS_PER_MINUTE, 60_000, now);
  if (!limit.allowed)
    return {
      ok: false,
      code: "TOO_MANY_REQUESTS",
      message: `Too many calls with this token; try again after ${limit.retryAt.toISOString()}`,
      retryAt: limit.retryAt,
    };
  if (shouldTouch(t.lastUsedAt, now)) {
    // Conditional, so concurrent calls (on any instance) record one use per minute.
    const cutoff = new Date(now.getTime() - TOUCH_EVERY_MS);
    await central.$transaction(async (tx) => {
      const touched = await tx.apiToken.updateMany({
        where: { id: t.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: cutoff } }] },
        data: { lastUsedAt: now },
      });
      if (touched.count === 1)
        await writeCentralAudit(
          tx,
          { userId: t.user.id, name: t.user.name, correlationId: meta.correlationId },
          {
            action: "LOGIN",
            entityType: "api_token",
            entityId: t.id,
            orgId: t.orgId,
            after: { via: "api_token", path: meta.path.slice(0, 100) },
            ip: meta.ip,
          },
        );
    });
  }
  return {
    ok: true,
    tokenId: t.id,
    orgId: t.orgId,
    user: { kind: "user", userId: t.user.id, email: t.user.email, name: t.user.name },
  };
}
