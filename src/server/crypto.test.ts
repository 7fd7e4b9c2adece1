import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeEncryptionKey } from "@/env";
import { decryptWithKey, encryptWithKey, hashToken, newToken } from "./crypto";

describe("AES-256-GCM secrets", () => {
  const key = randomBytes(32);
  it("round-trips and uses a fresh IV each time", () => {
    const a = encryptWithKey(key, "s3cret", "org:1");
    const b = encryptWithKey(key, "s3cret", "org:1");
    expect(a).not.toBe(b);
    expect(a).not.toContain("s3cret");
    expect(decryptWithKey(key, a, "org:1")).toBe("s3cret");
  });
  it("refuses a wrong key, a wrong context or a tampered value", () => {
    const c = encryptWithKey(key, "s3cret", "org:1");
    expect(() => decryptWithKey(randomBytes(32), c, "org:1")).toThrow();
    expect(() => decryptWithKey(key, c, "org:2")).toThrow();
    const parts = c.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptWithKey(key, parts.join("."), "org:1")).toThrow();
  });
  it("accepts keys as hex, base64 and base64url only when they are 32 bytes", () => {
    const raw = randomBytes(32);
    expect(decodeEncryptionKey(raw.toString("hex"))).toEqual(raw);
    expect(decodeEncryptionKey(raw.toString("base64"))).toEqual(raw);
    expect(decodeEncryptionKey(raw.toString("base64url"))).toEqual(raw);
    expect(decodeEncryptionKey("x".repeat(40))).toBeNull();
    expect(decodeEncryptionKey(randomBytes(16).toString("hex"))).toBeNull();
  });
});

describe("e-mailed tokens", () => {
  it("are random and stored as SHA-256 hex", () => {
    const t = newToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(t);
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).toBe(hashToken(t));
  });
});
