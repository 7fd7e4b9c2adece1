/**
 * postOnce, the webhook sender's request: the public-address guard (literal addresses, names that
 * resolve to loopback, IPv6 loopback and unique-local), https-only, redirects never followed,
 * and only a snippet of the answer kept.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BlockedAddressError, InsecureUrlError, postOnce } from "./outbound";

let server: http.Server;
let port: number;
const seen: { url: string; body: string; headers: http.IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      seen.push({ url: req.url ?? "", body, headers: req.headers });
      if (req.url === "/redirect") res.writeHead(302, { location: "/ok" }).end();
      else if (req.url === "/big") res.writeHead(500).end("y".repeat(10_000));
      else res.writeHead(200).end("thanks");
    });
  });
  // Every loopback address of the machine: IPv4 and IPv6.
  await new Promise<void>((resolve) => server.listen(0, "::", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

const open = { timeoutMs: 3_000, maxBytes: 100, allowPrivate: true };
const strict = { ...open, allowPrivate: false };

describe("postOnce", () => {
  it("posts the body with the given headers and keeps only the first bytes of the answer", async () => {
    const res = await postOnce(`http://127.0.0.1:${port}/ok`, '{"a":1}', {
      ...open,
      headers: { "content-type": "application/json", "x-braid-event": "ping" },
    });
    expect(res).toMatchObject({ status: 200, text: "thanks" });
    expect(seen[0]).toMatchObject({ url: "/ok", body: '{"a":1}' });
    expect(seen[0]!.headers).toMatchObject({ "x-braid-event": "ping", "content-type": "application/json" });
    const big = await postOnce(`http://127.0.0.1:${port}/big`, "{}", open);
    expect(big.status).toBe(500);
    expect(big.text).toBe("y".repeat(100));
  });

  it("does not follow redirects: the 3xx is the answer", async () => {
    const res = await postOnce(`http://127.0.0.1:${port}/redirect`, "{}", open);
    expect(res.status).toBe(302);
    expect(seen.map((s) => s.url)).toEqual(["/redirect"]);
  });

  it.each([
    ["loopback IPv4", () => `http://127.0.0.1:${port}/ok`],
    ["loopback IPv6", () => `http://[::1]:${port}/ok`],
    ["IPv4-mapped loopback", () => `http://[::ffff:127.0.0.1]:${port}/ok`],
    ["a name resolving to loopback (127.0.0.1 / ::1)", () => `http://localhost:${port}/ok`],
    ["IPv6 unique-local", () => "http://[fc00::1]/hook"],
    ["IPv6 link-local", () => "http://[fe80::1]/hook"],
    ["private network", () => "http://10.0.0.8/hook"],
    ["cloud metadata", () => "http://169.254.169.254/latest/meta-data/"],
  ])("refuses %s when private targets are not allowed, sending nothing", async (_what, url) => {
    await expect(postOnce(url(), "{}", strict)).rejects.toBeInstanceOf(BlockedAddressError);
    expect(seen).toEqual([]);
  });

  it("the same request goes through with the test/dev allowance (the guard is what stops it)", async () => {
    expect((await postOnce(`http://localhost:${port}/ok`, "{}", open)).status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it("refuses plain http when https is required, and other protocols always", async () => {
    await expect(
      postOnce(`http://127.0.0.1:${port}/ok`, "{}", { ...open, httpsOnly: true }),
    ).rejects.toBeInstanceOf(InsecureUrlError);
    await expect(postOnce("ftp://example.com/x", "{}", open)).rejects.toThrow(/Unsupported protocol/);
    expect(seen).toEqual([]);
  });
});
