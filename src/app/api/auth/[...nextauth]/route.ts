import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptionsForRoute } from "@/server/auth/config";
import { MAX_AUTH_BODY_BYTES, readBodyWithin, withBody } from "@/server/http/guard";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options per request: an org's SSO connection (sso-<orgSlug>) is loaded only when this request needs it.
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
  return (NextAuth(await authOptionsForRoute(nextauth)) as (req: Request, ctx: unknown) => Promise<Response>)(
    request,
    ctx,
  );
};

export { handler as GET, handler as POST };
