import NextAuth from "next-auth";
import { authOptionsForRoute } from "@/server/auth/config";

type Ctx = { params: Promise<{ nextauth: string[] }> };

function cookiesOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    try {
      out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // A malformed cookie is ignored.
    }
  }
  return out;
}

// Options per request: an org's SSO connection (sso-<org id>) is loaded only when this request needs it.
const handler = async (req: Request, ctx: Ctx) => {
  const { nextauth } = await ctx.params;
  const options = await authOptionsForRoute(nextauth, cookiesOf(req), Object.fromEntries(req.headers));
  return (NextAuth(options) as (req: Request, ctx: unknown) => Promise<Response>)(req, ctx);
};

export { handler as GET, handler as POST };
