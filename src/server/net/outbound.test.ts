import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BlockedAddressError,
  getText,
  InsecureUrlError,
  isPublicAddress,
  PublicOnlyHttpsAgent,
  ResponseTooLargeError,
} from "./outbound";

describe("isPublicAddress", () => {
  it.each([
    ["8.8.8.8", true],
    ["1.1.1.1", true],
    ["93.184.216.34", true],
    ["172.32.0.1", true], // just past 172.16/12
    ["100.128.0.1", true], // just past 100.64/10
    ["2606:4700:4700::1111", true],
    ["::ffff:8.8.8.8", true],
    ["127.0.0.1", false],
    ["127.255.255.254", false],
    ["10.1.2.3", false],
    ["172.16.0.1", false],
    ["172.31.255.255", false],
    ["192.168.1.10", false],
    ["169.254.169.254", false], // cloud metadata
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["224.0.0.1", false],
    ["255.255.255.255", false],
    ["198.51.100.7", false],
    ["::1", false],
    ["::", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:7f00:1", false],
    ["::ffff:a9fe:a9fe", false], // 169.254.169.254, hex form
    ["::127.0.0.1", false],
    ["fd12:3456::1", false],
    ["fe80::1", false],
    ["ff02::1", false],
    ["64:ff9b::7f00:1", false],
    ["not-an-address", false],
    ["", false],
  ])("%s → %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe("getText", () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === "/ok") {
        res.writeHead(200, { "content-type": "application/json" }).end('{"hello":"world"}');
      } else if (req.url === "/hop") {
        res.writeHead(302, { location: "/ok" }).end();
      } else if (req.url === "/loop") {
        res.writeHead(302, { location: "/loop" }).end();
      } else if (req.url === "/big") {
        res.writeHead(200);
        res.end("x".repeat(64 * 1024));
      } else if (req.url === "/slow") {
        setTimeout(() => res.writeHead(200).end("late"), 2_000);
      } else {
        res.writeHead(404).end("nope");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const opts = { timeoutMs: 5_000, maxBytes: 1024, allowPrivate: true };

  it("reads a body and follows redirects", async () => {
    expect(await getText(`${base}/ok`, opts)).toEqual({
      status: 200,
      url: `${base}/ok`,
      text: '{"hello":"world"}',
    });
    expect(await getText(`${base}/hop`, opts)).toMatchObject({ status: 200, url: `${base}/ok` });
    expect(await getText(`${base}/missing`, opts)).toMatchObject({ status: 404, text: "nope" });
  });

  it("stops following redirects after the limit", async () => {
    expect(await getText(`${base}/loop`, { ...opts, maxRedirects: 2 })).toMatchObject({ status: 302 });
  });

  it("refuses bodies over the size limit and answers that come too late", async () => {
    await expect(getText(`${base}/big`, opts)).rejects.toBeInstanceOf(ResponseTooLargeError);
    await expect(getText(`${base}/slow`, { ...opts, timeoutMs: 200 })).rejects.toMatchObject({
      name: expect.stringMatching(/TimeoutError|AbortError/),
    });
  });

  it("refuses loopback addresses, by literal address or by name, when private targets are not allowed", async () => {
    const strict = { ...opts, allowPrivate: false };
    await expect(getText(`${base}/ok`, strict)).rejects.toBeInstanceOf(BlockedAddressError);
    const port = (server.address() as AddressInfo).port;
    // "localhost" resolves to loopback: refused at connect time, after the lookup.
    await expect(getText(`http://localhost:${port}/ok`, strict)).rejects.toBeInstanceOf(BlockedAddressError);
    await expect(getText(`http://[::ffff:127.0.0.1]:${port}/ok`, strict)).rejects.toBeInstanceOf(
      BlockedAddressError,
    );
  });

  it("refuses plain http when https is required, and other protocols always", async () => {
    await expect(getText(`${base}/ok`, { ...opts, httpsOnly: true })).rejects.toBeInstanceOf(
      InsecureUrlError,
    );
    await expect(getText("ftp://example.com/x", opts)).rejects.toThrow(/Unsupported protocol/);
  });
});

describe("PublicOnlyHttpsAgent", () => {
  /** The error an https GET through `agent` ends with (none of these targets answers TLS). */
  const failureOf = (url: string, agent: https.Agent) =>
    new Promise<Error & { cause?: unknown; code?: string }>((resolve) => {
      const req = https.get(url, { agent, timeout: 3_000 }, (res) => {
        res.resume();
        resolve(new Error(`unexpected answer ${res.statusCode}`));
      });
      req.on("timeout", () => req.destroy(new Error("timed out")));
      req.on("error", resolve);
    });
  const blocked = (err: Error & { cause?: unknown }) =>
    err instanceof BlockedAddressError || err.cause instanceof BlockedAddressError;

  let closed: number;
  beforeAll(async () => {
    // A port nobody listens on: without the guard, a request there is refused by the OS instead.
    const s = http.createServer();
    await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
    closed = (s.address() as AddressInfo).port;
    await new Promise((resolve) => s.close(resolve));
  });

  it.each([
    ["loopback by address", () => `https://127.0.0.1:${closed}/`],
    ["loopback IPv6", () => `https://[::1]:${closed}/`],
    ["IPv4-mapped loopback", () => `https://[::ffff:127.0.0.1]:${closed}/`],
    ["cloud metadata", () => "https://169.254.169.254/latest/meta-data/"],
    ["private network", () => "https://10.20.30.40/"],
    ["a name that resolves to loopback", () => `https://localhost:${closed}/`],
  ])("refuses %s before connecting", async (_what, url) => {
    const agent = new PublicOnlyHttpsAgent();
    const err = await failureOf(url(), agent);
    expect(blocked(err), `${err.name}: ${err.message}`).toBe(true);
    agent.destroy();
  });

  it("is what stops the request: a plain agent reaches the port and is refused by the OS", async () => {
    const err = await failureOf(`https://127.0.0.1:${closed}/`, new https.Agent());
    expect(blocked(err)).toBe(false);
    expect(err.code).toBe("ECONNREFUSED");
  });
});
