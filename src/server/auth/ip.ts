/**
 * The client's IP address for throttling and audit: the first hop of
 * X-Forwarded-For, else X-Real-IP. Behind a proxy that sets these (as
 * load balancers do) this is the client; anything that is not an IP is ignored.
 */
import { isIP } from "node:net";

type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined | null;

function header(h: HeaderBag, name: string): string | undefined {
  if (!h) return undefined;
  if (typeof (h as Headers).get === "function") return (h as Headers).get(name) ?? undefined;
  const v = (h as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
}

function clean(v: string | undefined): string | null {
  let s = v?.trim();
  if (!s) return null;
  // [2001:db8::1]:443 and 203.0.113.7:51234 forms
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  if (s.startsWith("::ffff:") && isIP(s.slice(7)) === 4) s = s.slice(7);
  return isIP(s) ? s.slice(0, 64) : null;
}

export function clientIp(headers: HeaderBag): string | null {
  const forwarded = header(headers, "x-forwarded-for");
  const first = forwarded?.split(",")[0];
  return clean(first) ?? clean(header(headers, "x-real-ip"));
}
