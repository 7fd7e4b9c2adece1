/**
 * TRUSTED_PROXIES: the reverse proxies / load balancers whose X-Forwarded-For
 * and X-Real-IP headers are believed. A comma-separated list of IP addresses
 * and CIDR ranges (203.0.113.10, 10.0.0.0/8, 2001:db8::/32) plus two
 * shorthands: `loopback` (127.0.0.0/8, ::1) and `private` (10/8, 172.16/12,
 * 192.168/16, 100.64/10, fc00::/7). Empty (the default) trusts nobody: the
 * client is the address that opened the TCP connection.
 */
import { BlockList, isIP } from "node:net";

export type TrustedProxies = { list: BlockList; empty: boolean };

const SHORTHANDS: Record<string, [string, number, "ipv4" | "ipv6"][]> = {
  loopback: [
    ["127.0.0.0", 8, "ipv4"],
    ["::1", 128, "ipv6"],
  ],
  private: [
    ["10.0.0.0", 8, "ipv4"],
    ["172.16.0.0", 12, "ipv4"],
    ["192.168.0.0", 16, "ipv4"],
    ["100.64.0.0", 10, "ipv4"],
    ["fc00::", 7, "ipv6"],
  ],
};

/** Parses the setting; throws an Error naming the first bad entry. */
export function parseTrustedProxies(spec: string | undefined | null): TrustedProxies {
  const list = new BlockList();
  let empty = true;
  for (const raw of (spec ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    empty = false;
    const short = SHORTHANDS[entry.toLowerCase()];
    if (short) {
      for (const [net, prefix, type] of short) list.addSubnet(net, prefix, type);
      continue;
    }
    const [addr, prefixText, extra] = entry.split("/");
    const family = isIP(addr ?? "");
    if (!family || extra !== undefined) throw new Error(`"${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefixText === undefined) {
      list.addAddress(addr!, type);
      continue;
    }
    const prefix = Number(prefixText);
    const max = family === 4 ? 32 : 128;
    if (!/^\d{1,3}$/.test(prefixText) || prefix > max) {
      throw new Error(`"${entry}" has an invalid prefix length (0–${max})`);
    }
    list.addSubnet(addr!, prefix, type);
  }
  return { list, empty };
}

/** True when `ip` (a clean IPv4 or IPv6 address) is one of the trusted proxies. */
export function isTrustedProxy(trusted: TrustedProxies, ip: string): boolean {
  if (trusted.empty) return false;
  const family = isIP(ip);
  if (!family) return false;
  return trusted.list.check(ip, family === 4 ? "ipv4" : "ipv6");
}
