/**
 * A minimal HTTP server for tests: the real next-auth handler (pages-API form)
 * at /api/auth/* with the app's options, and the real tRPC router at
 * /api/trpc/* with the session read from the request's cookies — the same
 * code paths as the Next.js routes, without a Next.js server. Responses are
 * streamed (subscriptions are Server-Sent Events) and a client that goes away
 * aborts its request. `tests/integration/instance-process.ts` runs
 * one in a process of its own (a second app instance).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import NextAuthModule from "next-auth";
import { trpcHttpResponse } from "@/server/api/http";
import { createInnerContext } from "@/server/api/trpc";
import { installPeerStamp } from "@/server/http/peer";
import { authOptionsForRoute } from "@/server/auth/config";
import { sessionFromRequest } from "@/server/auth/server-session";
import { mcpHttpResponse } from "@/server/mcp/server";

// CommonJS default export: as is under vitest, `{ default }` under plain Node ESM (instance-process.ts).
const NextAuth = ((NextAuthModule as unknown as { default?: typeof NextAuthModule }).default ??
  NextAuthModule) as typeof NextAuthModule;

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function plainHeaders(req: http.IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]),
  );
}

async function handleAuth(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
  const segments = url.pathname
    .replace(/^\/api\/auth\/?/, "")
    .split("/")
    .filter(Boolean);
  const raw = await readBody(req);
  const type = req.headers["content-type"] ?? "";
  const body = !raw
    ? {}
    : type.includes("json")
      ? JSON.parse(raw)
      : Object.fromEntries(new URLSearchParams(raw));
  const apiReq = Object.assign(req, {
    query: { ...Object.fromEntries(url.searchParams), nextauth: segments },
    body,
    cookies: parseCookies(req.headers.cookie),
  });
  const apiRes = Object.assign(res, {
    status(code: number) {
      res.statusCode = code;
      return apiRes;
    },
    json(obj: unknown) {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(obj));
    },
    send(b: unknown) {
      if (b !== null && typeof b === "object") apiRes.json(b);
      else res.end(b === undefined ? "" : String(b));
    },
  });
  const options = await authOptionsForRoute(segments, apiReq.cookies, plainHeaders(req));
  await (NextAuth as unknown as (a: unknown, b: unknown, c: unknown) => Promise<void>)(
    apiReq,
    apiRes,
    options,
  );
}

async function handleTrpc(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
  const headers = plainHeaders(req);
  // The body streams through, as in Next.js: the handler decides how much of it to read.
  const body =
    req.method === "GET" || req.method === "HEAD"
      ? undefined
      : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
  // The client going away aborts the request, as in Next.js (subscriptions stop on it).
  const gone = new AbortController();
  res.on("close", () => gone.abort());
  const request = new Request(url, {
    method: req.method,
    headers: new Headers(headers),
    body,
    duplex: "half",
    signal: gone.signal,
  } as RequestInit);
  let setCookies: string[] = [];
  const response = await trpcHttpResponse(request, async (correlationId) => {
    const s = await sessionFromRequest({ headers, cookies: parseCookies(req.headers.cookie) });
    setCookies = s.setCookies;
    return createInnerContext({ session: s.session, headers: request.headers, correlationId });
  });
  res.statusCode = response.status;
  response.headers.forEach((v, k) => res.setHeader(k, v));
  if (setCookies.length) res.setHeader("set-cookie", setCookies);
  // Streamed as it comes (Server-Sent Events for subscriptions).
  res.flushHeaders();
  if (response.body) {
    const reader = response.body.getReader();
    gone.signal.addEventListener("abort", () => void reader.cancel().catch(() => {}), { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        res.write(value);
      }
    } catch {
      /* the client went away */
    }
  }
  res.end();
}

/** /api/mcp as the Next route serves it (src/server/mcp/server.ts). */
async function handleMcp(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
  const body =
    req.method === "GET" || req.method === "HEAD" || req.method === "DELETE"
      ? undefined
      : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
  const request = new Request(url, {
    method: req.method,
    headers: new Headers(plainHeaders(req)),
    body,
    duplex: "half",
  } as RequestInit);
  const response = await mcpHttpResponse(request);
  res.statusCode = response.status;
  response.headers.forEach((v, k) => res.setHeader(k, v));
  res.end(Buffer.from(await response.arrayBuffer()));
}

export async function startAuthHttpServer() {
  // The hook src/instrumentation.ts installs under `next start`: each request carries its TCP peer.
  installPeerStamp();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const route = url.pathname.startsWith("/api/auth")
      ? handleAuth(req, res, url)
      : url.pathname.startsWith("/api/trpc")
        ? handleTrpc(req, res, url)
        : url.pathname === "/api/mcp"
          ? handleMcp(req, res, url)
          : Promise.resolve(void ((res.statusCode = 404), res.end()));
    route.catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open event streams would keep the server from closing.
        server.closeAllConnections();
      }),
  };
}

/** A tiny cookie jar for fetch. */
export class CookieJar {
  private jar = new Map<string, string>();
  store(res: Response) {
    for (const sc of res.headers.getSetCookie()) {
      const [pair, ...attrs] = sc.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      const expired = attrs.some(
        (a) => /max-age=0/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()),
      );
      if (expired || !value) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
  header(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  get(name: string) {
    return this.jar.get(name);
  }
  clone() {
    const c = new CookieJar();
    for (const [k, v] of this.jar) c.jar.set(k, v);
    return c;
  }
}
