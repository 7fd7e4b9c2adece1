import { describe, expect, it } from "vitest";
import { expiresAtFor, parseBearer, shouldTouch, tokenState } from "./api-tokens";

const TOKEN = "bm_" + "a".repeat(43);
const now = new Date("2026-12-02T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("parseBearer", () => {
  it.each([
    [null, { kind: "none" }],
    ["", { kind: "none" }],
    [`Bearer ${TOKEN}`, { kind: "token", token: TOKEN }],
    [`bearer  ${TOKEN} `, { kind: "token", token: TOKEN }],
    [`Basic ${TOKEN}`, { kind: "none" }],
    ["Bearer", { kind: "malformed" }],
    ["Bearer abc", { kind: "malformed" }],
    [`Bearer ${TOKEN}x`, { kind: "malformed" }],
    [`Bearer ${TOKEN} extra`, { kind: "malformed" }],
    ["Bearer ghp_" + "a".repeat(40), { kind: "malformed" }],
  ])("%j → %j", (header, expected) => {
    expect(parseBearer(header)).toEqual(expected);
  });
});

describe("tokenState", () => {
  it.each([
    [{ expiresAt: null, revokedAt: null }, "active"],
    [{ expiresAt: new Date(now.getTime() + 1), revokedAt: null }, "active"],
    [{ expiresAt: now, revokedAt: null }, "expired"],
    [{ expiresAt: ago(1), revokedAt: null }, "expired"],
    [{ expiresAt: null, revokedAt: ago(1) }, "revoked"],
    [{ expiresAt: ago(1), revokedAt: ago(1) }, "revoked"],
  ] as const)("%j → %s", (t, expected) => {
    expect(tokenState(t, now)).toBe(expected);
  });
});

describe("shouldTouch", () => {
  it.each([
    [null, true],
    [ago(0), false],
    [ago(59_999), false],
    [ago(60_000), true],
    [ago(3_600_000), true],
  ])("last used %j → %s", (last, expected) => {
    expect(shouldTouch(last, now)).toBe(expected);
  });
});

describe("expiresAtFor", () => {
  it("never expires without a number of days, else days later", () => {
    expect(expiresAtFor(undefined, now)).toBeNull();
    expect(expiresAtFor(30, now)!.toISOString()).toBe("2027-01-01T12:00:00.000Z");
  });
});
