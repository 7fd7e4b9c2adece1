/**
 * Secrets at rest and one-time tokens.
 *
 * - `encryptSecret` / `decryptSecret`: AES-256-GCM with ENCRYPTION_KEY (a random
 *   96-bit IV per message, 128-bit tag). Stored as `v1.<iv>.<tag>.<ciphertext>`
 *   (base64url parts). An optional context string is bound as associated data,
 *   so a ciphertext copied to another org or field does not decrypt.
 * - `newToken` / `hashToken`: e-mailed tokens are 32 random bytes; only their
 *   SHA-256 is stored.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { decodeEncryptionKey, env } from "@/env";
import { DomainError } from "@/domain/errors";

const VERSION = "v1";

function b64u(buf: Buffer): string {
  return buf.toString("base64url");
}

export function encryptWithKey(key: Buffer, plaintext: string, context = ""): string {
  if (key.length !== 32) throw new Error("AES-256-GCM needs a 32-byte key");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, b64u(iv), b64u(cipher.getAuthTag()), b64u(ct)].join(".");
}

export function decryptWithKey(key: Buffer, payload: string, context = ""): string {
  const parts = payload.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new Error("Not an encrypted value");
  const [, iv, tag, ct] = parts as [string, string, string, string];
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}

function configuredKey(): Buffer {
  const raw = env().ENCRYPTION_KEY;
  const key = raw ? decodeEncryptionKey(raw) : null;
  if (!key) {
    throw new DomainError(
      "INVALID",
      "Secrets cannot be stored: the server has no ENCRYPTION_KEY configured. Ask your operator to set it.",
    );
  }
  return key;
}

export function encryptSecret(plaintext: string, context = ""): string {
  return encryptWithKey(configuredKey(), plaintext, context);
}

export function decryptSecret(payload: string, context = ""): string {
  return decryptWithKey(configuredKey(), payload, context);
}

/** A new random token for an e-mailed link (43 URL-safe characters). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What is stored for a token: its SHA-256 as 64 hex digits. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
