import { describe, expect, it } from "vitest";
import { clientIp } from "./ip";

describe("clientIp", () => {
  it("takes the first X-Forwarded-For hop, then X-Real-IP", () => {
    expect(clientIp({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" })).toBe("203.0.113.7");
    expect(clientIp(new Headers({ "x-forwarded-for": " 2001:db8::1 ,10.0.0.1" }))).toBe("2001:db8::1");
    expect(clientIp({ "x-real-ip": "198.51.100.2" })).toBe("198.51.100.2");
    expect(clientIp({ "x-forwarded-for": "garbage", "x-real-ip": "198.51.100.2" })).toBe("198.51.100.2");
  });
  it("strips ports and IPv4-mapped prefixes; ignores junk", () => {
    expect(clientIp({ "x-forwarded-for": "203.0.113.7:4431" })).toBe("203.0.113.7");
    expect(clientIp({ "x-forwarded-for": "[2001:db8::1]:443" })).toBe("2001:db8::1");
    expect(clientIp({ "x-real-ip": "::ffff:203.0.113.9" })).toBe("203.0.113.9");
    expect(clientIp({ "x-forwarded-for": "<script>" })).toBeNull();
    expect(clientIp(undefined)).toBeNull();
  });
});
