import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import nextConfig, { API_CSP, STATIC_HEADERS } from "../../next.config.mjs";
import {
  newNonce,
  securityHeaders,
  STATIC_SECURITY_HEADERS,
  type Header,
} from "@/server/http/security-headers";
import { config as proxyConfig, proxy } from "@/proxy";

const get = (hs: Header[], key: string) => hs.find((h) => h.key === key)?.value;

describe("security headers", () => {
  it("production over https: strict CSP and HSTS", () => {
    const hs = securityHeaders(
      { NODE_ENV: "production", NEXTAUTH_URL: "https://braid.example.com" },
      "abc123",
    );
    const csp = get(hs, "Content-Security-Policy")!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(get(hs, "Strict-Transport-Security")).toMatch(/max-age=\d+/);
    expect(get(hs, "X-Content-Type-Options")).toBe("nosniff");
    expect(get(hs, "Referrer-Policy")).toBe("strict-origin-when-cross-origin");
  });

  it("scripts need the response's nonce: no 'unsafe-inline' for scripts", () => {
    const csp = get(securityHeaders({ NODE_ENV: "production" }, "n0nce+/="), "Content-Security-Policy")!;
    const scripts = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(scripts).toBe("script-src 'self' 'nonce-n0nce+/=' 'strict-dynamic'");
    expect(scripts).not.toContain("unsafe-inline");
  });

  it("plain http: no HSTS; development allows eval for the dev server", () => {
    const prod = securityHeaders({ NODE_ENV: "production", NEXTAUTH_URL: "http://localhost:3000" }, "n");
    expect(get(prod, "Strict-Transport-Security")).toBeUndefined();
    const dev = securityHeaders({ NODE_ENV: "development" }, "n");
    expect(get(dev, "Content-Security-Policy")).toContain("'unsafe-eval'");
  });

  it("lets the browser reach exactly the S3 store the server runs with", () => {
    const local = get(
      securityHeaders({ NODE_ENV: "production", S3_ENDPOINT: "http://127.0.0.1:4568" }, "n"),
      "Content-Security-Policy",
    )!;
    expect(local).toContain("connect-src 'self' http://127.0.0.1:4568 https://*.amazonaws.com;");
    expect(local).not.toContain("127.0.0.1:*");
    const prod = get(
      securityHeaders(
        {
          NODE_ENV: "production",
          NEXTAUTH_URL: "https://b.example.com",
          S3_ENDPOINT: "https://s3.example.com",
        },
        "n",
      ),
      "Content-Security-Policy",
    )!;
    expect(prod).toContain("connect-src 'self' https://s3.example.com https://*.amazonaws.com;");
    expect(prod).not.toContain("127.0.0.1");
  });

  it("nonces are fresh and unguessable", () => {
    const seen = new Set(Array.from({ length: 200 }, () => newNonce()));
    expect(seen.size).toBe(200);
    for (const n of seen) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("next.config: the fixed headers on every path, a deny-all CSP on /api, nothing that depends on settings", async () => {
    const rules = await nextConfig.headers!();
    expect(rules[0]).toEqual({ source: "/:path*", headers: STATIC_HEADERS });
    expect(STATIC_HEADERS).toEqual(STATIC_SECURITY_HEADERS);
    expect(rules.find((r) => r.source === "/api/:path*")!.headers).toEqual([
      { key: "Content-Security-Policy", value: API_CSP },
    ]);
    const keys = rules.flatMap((r) => r.headers.map((h) => h.key));
    expect(keys).not.toContain("Strict-Transport-Security");
  });
});

describe("the proxy", () => {
  const run = (env: Record<string, string | undefined>) => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      return proxy(new NextRequest("http://localhost:3000/o/acme"));
    } finally {
      process.env = saved;
    }
  };

  it("reads the public URL and store at run time and gives each response its own nonce", () => {
    const a = run({ NEXTAUTH_URL: "https://braid.example.com", S3_ENDPOINT: "https://files.example.com" });
    const csp = a.headers.get("content-security-policy")!;
    expect(a.headers.get("strict-transport-security")).toMatch(/max-age=/);
    expect(csp).toContain("https://files.example.com");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    // Next.js reads the nonce from the request's CSP; the layout from x-nonce.
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    const b = run({ NEXTAUTH_URL: "http://localhost:3000", S3_ENDPOINT: undefined });
    expect(b.headers.get("strict-transport-security")).toBeNull();
    expect(b.headers.get("content-security-policy")).not.toContain(nonce);
  });

  it("leaves the API, static files and the service worker alone", () => {
    const source = new RegExp(`^${proxyConfig.matcher[0]!.source}$`);
    for (const path of ["/", "/o/acme/p/1", "/sign-in", "/offline"])
      expect(source.test(path), path).toBe(true);
    for (const path of ["/api/trpc/org.list", "/_next/static/chunks/a.js", "/sw.js", "/icons/icon-192.png"]) {
      expect(source.test(path), path).toBe(false);
    }
  });
});
