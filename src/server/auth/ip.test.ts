import { describe, expect, it } from "vitest";
import { clientIp, peerHeaderValue, peerIp, PEER_HEADER } from "./ip";
import { parseTrustedProxies } from "@/server/net/trusted-proxies";

const none = parseTrustedProxies("");
const lb = parseTrustedProxies("10.0.0.0/8, 2001:db8:ffff::1");
const peer = (ip: string, extra: Record<string, string> = {}) => ({
  [PEER_HEADER]: peerHeaderValue(ip),
  ...extra,
});

describe("clientIp", () => {
  it.each([
    // [peer, headers, trusted proxies, expected client]
    ["198.51.100.7", {}, none, "198.51.100.7"],
    // An untrusted peer's forwarded headers change nothing.
    ["198.51.100.7", { "x-forwarded-for": "203.0.113.1" }, none, "198.51.100.7"],
    ["198.51.100.7", { "x-real-ip": "203.0.113.1" }, none, "198.51.100.7"],
    ["198.51.100.7", { "x-forwarded-for": "203.0.113.1" }, lb, "198.51.100.7"],
    // Behind a trusted proxy: the right-most untrusted hop, never the forgeable first one.
    ["10.0.0.2", { "x-forwarded-for": "203.0.113.1" }, lb, "203.0.113.1"],
    ["10.0.0.2", { "x-forwarded-for": "6.6.6.6, 203.0.113.1" }, lb, "203.0.113.1"],
    ["10.0.0.2", { "x-forwarded-for": "6.6.6.6, 203.0.113.1, 10.0.0.9" }, lb, "203.0.113.1"],
    ["10.0.0.2", { "x-forwarded-for": "10.1.1.1, 10.0.0.9" }, lb, "10.1.1.1"],
    ["10.0.0.2", { "x-forwarded-for": "[2001:db8::5]:443, 203.0.113.9:5123" }, lb, "203.0.113.9"],
    ["2001:db8:ffff::1", { "x-forwarded-for": "2001:db8::5" }, lb, "2001:db8::5"],
    // Junk the proxy chain cannot have written stops the walk at the last address vouched for.
    ["10.0.0.2", { "x-forwarded-for": "<script>" }, lb, "10.0.0.2"],
    ["10.0.0.2", { "x-forwarded-for": "junk, 10.0.0.7" }, lb, "10.0.0.7"],
    // X-Real-IP from a trusted proxy when there is no X-Forwarded-For.
    ["10.0.0.2", { "x-real-ip": "::ffff:203.0.113.9" }, lb, "203.0.113.9"],
    ["::ffff:198.51.100.3", {}, lb, "198.51.100.3"],
  ] as const)("peer %s with %o → %s", (ip, extra, trusted, expected) => {
    expect(clientIp(peer(ip, extra), trusted)).toBe(expected);
    expect(clientIp(new Headers(peer(ip, extra)), trusted)).toBe(expected);
  });

  it("is null when the peer is unknown or the peer header is forged", () => {
    expect(clientIp({ "x-forwarded-for": "203.0.113.7" }, lb)).toBeNull();
    expect(clientIp({ [PEER_HEADER]: "203.0.113.7" }, lb)).toBeNull();
    expect(clientIp({ [PEER_HEADER]: "guessed-token 203.0.113.7" }, lb)).toBeNull();
    expect(clientIp(undefined, lb)).toBeNull();
    expect(peerIp(peer("198.51.100.7"))).toBe("198.51.100.7");
  });
});

describe("parseTrustedProxies", () => {
  it("accepts addresses, ranges and shorthands; refuses anything else", () => {
    const t = parseTrustedProxies(" loopback , private, 203.0.113.10, 2001:db8::/32 ");
    for (const ip of ["127.0.0.1", "::1", "10.9.8.7", "192.168.1.1", "203.0.113.10", "2001:db8::1"]) {
      expect(t.list.check(ip, ip.includes(":") ? "ipv6" : "ipv4"), ip).toBe(true);
    }
    expect(t.list.check("203.0.113.11", "ipv4")).toBe(false);
    expect(parseTrustedProxies("").empty).toBe(true);
    for (const bad of ["example.com", "10.0.0.0/33", "10.0.0.0/8/1", "::/129", "10.0.0.0/x"]) {
      expect(() => parseTrustedProxies(bad), bad).toThrow();
    }
  });
});
