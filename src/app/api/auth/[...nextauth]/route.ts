import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptionsForRoute } from "@/server/auth/config";
import { MAX_AUTH_BODY_BYTES, readBodyWithin, withBody } from "@/server/http/guard";

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
const handler = async (req: NextRequest, ctx: Ctx) => {
  let request = req;
  if (req.method === "POST") {
    // Sign-in forms are small: refuse a large body by Content-Length, or while it streams in.
    const body = await readBodyWithin(req, MAX_AUTH_BODY_BYTES);
    if (!body.ok)
      return Response.json(
        { error: { code: body.refusal.code, message: body.refusal.message } },
        { status: body.refusal.status },
      );
    request = new NextRequest(withBody(req, body.bytes));
  }
  const { nextauth } = await ctx.params;
  const options = await authOptionsForRoute(
    nextauth,
    cookiesOf(request),
    Object.fromEntries(request.headers),
  );
  return (NextAuth(options) as (req: Request, ctx: unknown) => Promise<Response>)(request, ctx);
};

export { handler as GET, handler as POST };
