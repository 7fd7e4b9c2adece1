import { describe, expect, it } from "vitest";
import { ACCESS_TTL_MS, accessStampStale, REFRESH_TTL_SECONDS } from "./session";

describe("session timing", () => {
  const now = Date.UTC(2026, 2, 2, 10);
  it("uses 15-minute access and 7-day refresh", () => {
    expect(ACCESS_TTL_MS).toBe(15 * 60_000);
    expect(REFRESH_TTL_SECONDS).toBe(7 * 24 * 3600);
  });
  it("re-validates a missing, old or future stamp", () => {
    expect(accessStampStale(undefined, now)).toBe(true);
    expect(accessStampStale(Number.NaN, now)).toBe(true);
    expect(accessStampStale(now - ACCESS_TTL_MS, now)).toBe(true);
    expect(accessStampStale(now + 10 * 60_000, now)).toBe(true);
  });
  it("trusts a fresh stamp", () => {
    expect(accessStampStale(now - ACCESS_TTL_MS + 1000, now)).toBe(false);
    expect(accessStampStale(now, now)).toBe(false);
  });
});
