import NextAuth from "next-auth";
import { authOptionsForRoute } from "@/server/auth/config";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options per request: an org's SSO connection (sso-<orgSlug>) is loaded only when this request needs it.
const handler = async (req: Request, ctx: Ctx) => {
  const { nextauth } = await ctx.params;
  return (NextAuth(await authOptionsForRoute(nextauth)) as (req: Request, ctx: unknown) => Promise<Response>)(req, ctx);
};

export { handler as GET, handler as POST };
