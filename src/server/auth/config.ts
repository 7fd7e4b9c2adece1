/**
 * Auth.js (next-auth v4) with the JWT strategy. Credentials sign-in checks an
 * argon2id hash; the token carries the user id, the current org and the
 * user's session version, which the protected tRPC middleware compares with
 * the database on every request.
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/env";
import { getCentralDb } from "@/server/db/central";
import { verifyPassword } from "@/server/services/users";
import type { AppSession } from "./session";

const ZCredentials = z.object({ email: z.string().trim().toLowerCase().max(320), password: z.string().max(200) });

type Token = { uid?: string; sv?: number; org?: string | null; name?: string | null; email?: string | null };

async function defaultOrgSlug(userId: string): Promise<string | null> {
  const m = await getCentralDb().orgMembership.findFirst({
    where: { userId, deactivatedAt: null, org: { deletedAt: null, status: "active" } },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: { org: { select: { slug: true } } },
  });
  return m?.org.slug ?? null;
}

export function authOptions(): NextAuthOptions {
  const e = env();
  return {
    secret: e.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 7 * 24 * 3600, updateAge: 15 * 60 },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw) {
          const parsed = ZCredentials.safeParse(raw);
          if (!parsed.success) return null;
          const user = await getCentralDb().user.findFirst({
            where: { email: parsed.data.email, deletedAt: null },
            select: { id: true, email: true, name: true, passwordHash: true, deactivatedAt: true },
          });
          // Same answer (and similar time) whether the e-mail exists or not.
          const ok = await verifyPassword(user?.passwordHash ?? null, parsed.data.password);
          if (!user || !ok || user.deactivatedAt) return null;
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user, trigger, session }) {
        const t = token as typeof token & Token;
        if (user) {
          const row = await getCentralDb().user.findUnique({ where: { id: user.id }, select: { sessionVersion: true } });
          t.uid = user.id;
          t.sv = row?.sessionVersion ?? 0;
          t.org = await defaultOrgSlug(user.id);
        }
        // Switching org re-issues the token, after checking membership.
        if (trigger === "update" && t.uid) {
          const wanted = (session as { orgSlug?: unknown } | undefined)?.orgSlug;
          if (typeof wanted === "string") {
            const m = await getCentralDb().orgMembership.findFirst({
              where: { userId: t.uid, deactivatedAt: null, org: { slug: wanted, deletedAt: null, status: "active" } },
              select: { id: true },
            });
            if (m) t.org = wanted;
          }
        }
        return t;
      },
      async session({ session, token }) {
        const t = token as Token;
        const s = session as unknown as AppSession & { user: AppSession["user"] };
        s.user = { id: t.uid ?? "", email: t.email ?? "", name: t.name ?? "" };
        s.orgSlug = t.org ?? null;
        s.sessionVersion = t.sv ?? 0;
        return s;
      },
    },
  };
}
