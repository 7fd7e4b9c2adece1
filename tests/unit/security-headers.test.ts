import { describe, expect, it } from "vitest";
import nextConfig, { securityHeaders } from "../../next.config.mjs";

type H = { key: string; value: string };
const get = (hs: H[], key: string) => hs.find((h) => h.key === key)?.value;

describe("security headers", () => {
  it("production over https: strict CSP and HSTS", () => {
    const hs: H[] = securityHeaders({ NODE_ENV: "production", NEXTAUTH_URL: "https://braid.example.com" });
    const csp = get(hs, "Content-Security-Policy")!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(get(hs, "Strict-Transport-Security")).toMatch(/max-age=\d+/);
    expect(get(hs, "X-Content-Type-Options")).toBe("nosniff");
    expect(get(hs, "Referrer-Policy")).toBe("strict-origin-when-cross-origin");
  });
  it("plain http: no HSTS; development allows eval for the dev server", () => {
    const prod: H[] = securityHeaders({ NODE_ENV: "production", NEXTAUTH_URL: "http://localhost:3000" });
    expect(get(prod, "Strict-Transport-Security")).toBeUndefined();
    const dev: H[] = securityHeaders({ NODE_ENV: "development" });
    expect(get(dev, "Content-Security-Policy")).toContain("'unsafe-eval'");
  });
  it("lets the browser reach the S3 store (the local one on any loopback port only without https)", () => {
    const local = get(securityHeaders({ NODE_ENV: "production", S3_ENDPOINT: "http://127.0.0.1:4568" }), "Content-Security-Policy")!;
    expect(local).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:4568 .*http:\/\/127\.0\.0\.1:\*/);
    const prod = get(
      securityHeaders({ NODE_ENV: "production", NEXTAUTH_URL: "https://b.example.com", S3_ENDPOINT: "https://s3.example.com" }),
      "Content-Security-Policy",
    )!;
    expect(prod).toContain("connect-src 'self' https://s3.example.com https://*.amazonaws.com;");
    expect(prod).not.toContain("127.0.0.1");
  });
  it("applies to every path", async () => {
    const rules = await nextConfig.headers!();
    expect(rules[0]?.source).toBe("/:path*");
  });
});
