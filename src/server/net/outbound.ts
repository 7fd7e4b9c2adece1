import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";
import type { Duplex } from "node:stream";

/**
 * Outbound requests to addresses an admin typed (the SSO connection test).
 * Unless private targets are allowed, every address a host name resolves to
 * is checked at connect time — also after redirects, and without a second
 * lookup an attacker's DNS could answer differently — so the server cannot be
 * used to probe its own network, cloud metadata endpoints or loopback services.
 */

const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 96], // unspecified, loopback, deprecated IPv4-compatible
  ["64:ff9b::", 96], // NAT64 (embeds an IPv4 address)
  ["64:ff9b:1::", 48], // local NAT64
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4 (embeds an IPv4 address)
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, "ipv6");
}

/**
 * true for an address on the public internet; false for private, loopback,
 * link-local, reserved… (IPv4-mapped IPv6 addresses are judged as IPv4).
 */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !NON_PUBLIC.check(address, family === 4 ? "ipv4" : "ipv6");
}

export class BlockedAddressError extends Error {
  constructor(readonly host: string) {
    super(`${host} is not a public internet address`);
    this.name = "BlockedAddressError";
  }
}

export class InsecureUrlError extends Error {
  constructor(readonly url: string) {
    super(`${url} does not use https`);
    this.name = "InsecureUrlError";
  }
}

export class ResponseTooLargeError extends Error {
  constructor() {
    super("The response is too large");
    this.name = "ResponseTooLargeError";
  }
}

/** dns.lookup that fails for hosts resolving to any non-public address. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 4);
    const list = addresses as dns.LookupAddress[];
    if (list.length === 0 || list.some((a) => !isPublicAddress(a.address))) {
      return callback(Object.assign(new BlockedAddressError(hostname), { code: "EBLOCKED" }), "", 4);
    }
    // net.connect asks for every address when it races IPv4 and IPv6 (autoSelectFamily).
    if ((options as { all?: boolean }).all)
      return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};

/**
 * An https.Agent that only connects to public addresses: a literal address is refused before
 * connecting, a host name after its lookup (publicOnlyLookup). For libraries that take an agent
 * rather than a URL (next-auth's OIDC client, which fetches the discovery document, the keys and
 * the token endpoint an IdP names). Plain http cannot go through it, which production refuses anyway.
 */
export class PublicOnlyHttpsAgent extends https.Agent {
  constructor(options?: https.AgentOptions) {
    super({ ...options, lookup: publicOnlyLookup });
  }

  override createConnection(
    options: http.RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const host = String(options.host ?? options.hostname ?? "").replace(/^\[|\]$/g, "");
    if (isIP(host) && !isPublicAddress(host)) {
      const err = new BlockedAddressError(host);
      if (!callback) throw err;
      process.nextTick(() => callback(err, undefined as unknown as Duplex));
      return undefined;
    }
    return super.createConnection(options, callback);
  }
}

export type OutboundResponse = { status: number; url: string; text: string };

/**
 * GET `url` and read the body as text. Follows up to `maxRedirects` redirects
 * (http/https only), aborts after `timeoutMs` overall and when the body
 * exceeds `maxBytes`. With `allowPrivate: false` (production) only public
 * addresses are contacted; a refusal throws BlockedAddressError.
 */
export async function getText(
  url: string,
  opts: {
    timeoutMs: number;
    maxBytes: number;
    allowPrivate: boolean;
    /** Refuse plain http, also after a redirect. */
    httpsOnly?: boolean;
    maxRedirects?: number;
    accept?: string;
  },
): Promise<OutboundResponse> {
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    if (current.protocol !== "http:" && current.protocol !== "https:") {
      throw new Error(`Unsupported protocol ${current.protocol}`);
    }
    if (opts.httpsOnly && current.protocol !== "https:") throw new InsecureUrlError(current.toString());
    const host = current.hostname.replace(/^\[|\]$/g, "");
    if (!opts.allowPrivate && isIP(host) && !isPublicAddress(host)) throw new BlockedAddressError(host);
    const res = await requestOnce(current, signal, opts);
    if (res.status >= 300 && res.status < 400 && res.location && hop < (opts.maxRedirects ?? 3)) {
      current = new URL(res.location, current);
      continue;
    }
    return { status: res.status, url: current.toString(), text: res.text };
  }
}

/**
 * POST `body` to `url` once, never following a redirect (a 3xx is returned as it is). The same
 * guard as getText: with `allowPrivate: false` a private, loopback or link-local target — literal
 * or after DNS resolution — is refused with BlockedAddressError before anything is sent.
 * Only the first `maxBytes` of the response body are kept (the rest is dropped, not an error).
 */
export async function postOnce(
  url: string,
  body: string,
  opts: {
    timeoutMs: number;
    maxBytes: number;
    allowPrivate: boolean;
    httpsOnly?: boolean;
    headers?: Record<string, string>;
  },
): Promise<OutboundResponse> {
  const target = new URL(url);
  if (target.protocol !== "http:" && target.protocol !== "https:") {
    throw new Error(`Unsupported protocol ${target.protocol}`);
  }
  if (opts.httpsOnly && target.protocol !== "https:") throw new InsecureUrlError(target.toString());
  const host = target.hostname.replace(/^\[|\]$/g, "");
  if (!opts.allowPrivate && isIP(host) && !isPublicAddress(host)) throw new BlockedAddressError(host);
  const res = await requestOnce(target, AbortSignal.timeout(opts.timeoutMs), {
    ...opts,
    method: "POST",
    body,
    truncate: true,
  });
  return { status: res.status, url: target.toString(), text: res.text };
}

/**
 * POST `body` to `url` and resolve with the response as it starts to arrive (its body is a stream:
 * model APIs answer with Server-Sent Events). No redirects are followed. With `allowPrivate: false`
 * the same public-address guard as postOnce applies, before anything is sent.
 */
export function postStreaming(
  url: string,
  body: string,
  opts: {
    allowPrivate: boolean;
    httpsOnly?: boolean;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  },
): Promise<http.IncomingMessage> {
  const target = new URL(url);
  if (target.protocol !== "http:" && target.protocol !== "https:") {
    return Promise.reject(new Error(`Unsupported protocol ${target.protocol}`));
  }
  if (opts.httpsOnly && target.protocol !== "https:")
    return Promise.reject(new InsecureUrlError(target.toString()));
  const host = target.hostname.replace(/^\[|\]$/g, "");
  if (!opts.allowPrivate && isIP(host) && !isPublicAddress(host))
    return Promise.reject(new BlockedAddressError(host));
  const lib = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      target,
      {
        method: "POST",
        headers: {
          "user-agent": "braidMgr",
          "content-length": String(Buffer.byteLength(body)),
          ...opts.headers,
        },
        signal: opts.signal,
        ...(opts.allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      resolve,
    );
    req.on("error", (err: Error & { cause?: unknown }) => {
      if (err.cause instanceof BlockedAddressError) return reject(err.cause);
      reject(err);
    });
    req.end(body);
  });
}

function requestOnce(
  url: URL,
  signal: AbortSignal,
  opts: {
    maxBytes: number;
    allowPrivate: boolean;
    accept?: string;
    method?: "GET" | "POST";
    body?: string;
    headers?: Record<string, string>;
    /** Keep the first maxBytes of a longer body instead of failing. */
    truncate?: boolean;
  },
): Promise<{ status: number; location: string | null; text: string }> {
  const lib = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      {
        method: opts.method ?? "GET",
        headers: {
          accept: opts.accept ?? "application/json",
          "user-agent": "braidMgr",
          ...(opts.body !== undefined ? { "content-length": String(Buffer.byteLength(opts.body)) } : {}),
          ...opts.headers,
        },
        signal,
        ...(opts.allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const location = typeof res.headers.location === "string" ? res.headers.location : null;
        if (status >= 300 && status < 400) {
          res.resume();
          return resolve({ status, location, text: "" });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > opts.maxBytes) {
            if (opts.truncate) {
              chunks.push(chunk.subarray(0, Math.max(0, opts.maxBytes - (size - chunk.length))));
              const text = Buffer.concat(chunks).toString("utf8");
              res.destroy();
              return resolve({ status, location, text });
            }
            req.destroy(new ResponseTooLargeError());
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () => resolve({ status, location, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", (err: Error & { cause?: unknown }) => {
      // The lookup's refusal arrives wrapped by some Node versions.
      if (err.cause instanceof BlockedAddressError) return reject(err.cause);
      reject(err);
    });
    req.end(opts.body);
  });
}
