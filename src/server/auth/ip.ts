/**
 * The client's IP address for throttling and audit.
 *
 * Who is the client? The address that opened the TCP connection (the peer),
 * unless that peer is one of TRUSTED_PROXIES: then the forwarded headers it
 * added are believed, walking X-Forwarded-For from the right and taking the
 * first hop that is not itself a trusted proxy (the right-most untrusted hop;
 * everything to its left was written by the client and can be forged). With
 * no X-Forwarded-For, a trusted proxy's X-Real-IP is used.
 *
 * How the app learns the peer: Next.js route handlers get a web Request,
 * which has no socket, and `next start` copies the socket address into
 * X-Forwarded-For only when the client did not send one — so that header says
 * nothing. `src/instrumentation.ts` therefore installs a hook on Node's HTTP
 * server (see src/server/http/peer.ts) that writes the socket's address into
 * the `x-braidmgr-peer` request header of every request, replacing anything a
 * client sent under that name. The value carries a random per-process token,
 * so a request that reached us some other way (or before the hook was
 * installed) cannot claim a peer address: its peer is unknown and the result
 * is null.
 */
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { env } from "@/env";
import { isTrustedProxy, parseTrustedProxies, type TrustedProxies } from "@/server/net/trusted-proxies";

type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined | null;

export const PEER_HEADER = "x-braidmgr-peer";

const TOKEN = Symbol.for("braidmgr.peer-token");
const g = globalThis as unknown as { [TOKEN]?: string };

function processToken(): string {
  g[TOKEN] ??= randomBytes(18).toString("base64url");
  return g[TOKEN];
}

/** The `x-braidmgr-peer` value for a socket address (what the server hook writes). */
export function peerHeaderValue(socketAddress: string): string {
  return `${processToken()} ${socketAddress}`;
}

function header(h: HeaderBag, name: string): string | undefined {
  if (!h) return undefined;
  if (typeof (h as Headers).get === "function") return (h as Headers).get(name) ?? undefined;
  const v = (h as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v.join(", ") : v;
}

function clean(v: string | undefined): string | null {
  let s = v?.trim();
  if (!s) return null;
  // [2001:db8::1]:443 and 203.0.113.7:51234 forms
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  if (s.toLowerCase().startsWith("::ffff:") && isIP(s.slice(7)) === 4) s = s.slice(7);
  return isIP(s) ? s.slice(0, 64) : null;
}

/** The TCP peer recorded by the server hook, or null when unknown (or forged). */
export function peerIp(headers: HeaderBag): string | null {
  const v = header(headers, PEER_HEADER);
  const token = g[TOKEN];
  if (!v || !token) return null;
  const space = v.indexOf(" ");
  if (space < 0 || v.slice(0, space) !== token) return null;
  return clean(v.slice(space + 1));
}

let cachedProxies: { spec: string; parsed: TrustedProxies } | undefined;

function configuredProxies(): TrustedProxies {
  const spec = env().TRUSTED_PROXIES;
  if (cachedProxies?.spec !== spec) cachedProxies = { spec, parsed: parseTrustedProxies(spec) };
  return cachedProxies.parsed;
}

/**
 * The client address: the peer, or — when the peer is a trusted proxy — the
 * right-most untrusted X-Forwarded-For hop (else X-Real-IP). Null when the
 * peer is unknown (server-side callers, tests without a peer).
 */
export function clientIp(headers: HeaderBag, proxies?: TrustedProxies): string | null {
  const peer = peerIp(headers);
  if (!peer) return null;
  const trusted = proxies ?? configuredProxies();
  if (!isTrustedProxy(trusted, peer)) return peer;
  const forwarded = header(headers, "x-forwarded-for");
  if (forwarded) {
    const hops = forwarded.split(",");
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = clean(hops[i]);
      // A hop our own proxy chain cannot have written: stop at the last address we can vouch for.
      if (!hop) return i === hops.length - 1 ? peer : clean(hops[i + 1])!;
      if (!isTrustedProxy(trusted, hop)) return hop;
    }
    // Every hop is a trusted proxy: the left-most one is as far as we can see.
    return clean(hops[0])!;
  }
  return clean(header(headers, "x-real-ip")) ?? peer;
}
