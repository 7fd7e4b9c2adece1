import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BlockedAddressError,
  getText,
  InsecureUrlError,
  isPublicAddress,
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
