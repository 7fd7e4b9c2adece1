/** Inputs of the account procedures (pure: zod and domain only; the forms reuse them). */
import { z } from "zod";
import { ORG_ROLES, PROJECT_ROLES } from "@/domain/permissions";
import { ZPassword } from "@/domain/password";

export const ZAccountEmail = z
  .string()
  .trim()
  .min(1, "Enter your e-mail address")
  .max(320, "Use at most 320 characters")
  .pipe(z.email({ error: "Enter a valid e-mail address" }))
  .transform((e) => e.toLowerCase());

/** An e-mail address as operators and admin procedures give it (user.create, org.create's owner). */
export const ZEmail = z
  .email({ error: "Enter a valid e-mail address" })
  .max(320)
  .transform((e) => e.trim().toLowerCase());

export const ZPersonName = z.string().trim().min(1, "Enter a name").max(200);

export const ZDisplayName = z
  .string()
  .trim()
  .min(1, "Enter your name")
  .max(200, "Use at most 200 characters");

/** A token from an e-mailed link. */
export const ZLinkToken = z
  .string()
  .trim()
  .min(20, "This link is incomplete")
  .max(200, "This link is not valid");

export const ZRegister = z.object({ name: ZDisplayName, email: ZAccountEmail, password: ZPassword });
export type TRegister = z.infer<typeof ZRegister>;

export const ZRequestReset = z.object({ email: ZAccountEmail });

export const ZResetPassword = z.object({ token: ZLinkToken, password: ZPassword });

export const ZVerifyEmail = z.object({ token: ZLinkToken });

export const ZAvatarUrl = z
  .url({ protocol: /^https$/, error: "Use an https:// image address" })
  .max(2000, "Use at most 2000 characters");

export const ZUpdateProfile = z.object({
  name: ZDisplayName.optional(),
  email: ZAccountEmail.optional(),
  /** null or "" removes the avatar. */
  avatarUrl: z
    .union([ZAvatarUrl, z.literal(""), z.null()])
    .optional()
    .transform((v) => (v === "" ? null : v)),
  /** Needed to change the e-mail of an account that has a password. */
  currentPassword: z.string().max(200).optional(),
});
export type TUpdateProfile = z.input<typeof ZUpdateProfile>;

export const ZChangePassword = z.object({
  currentPassword: z.string().max(200).optional(),
  newPassword: ZPassword,
});

/** A member named by user id or by e-mail. */
export const ZMemberRef = z
  .object({ userId: z.uuid({ error: "Not a user id" }).optional(), email: ZAccountEmail.optional() })
  .refine((r) => !!r.userId !== !!r.email, {
    error: "Name the member by userId or by email",
    path: ["userId"],
  });

export const ZSetMemberRole = z
  .object({
    userId: z.uuid({ error: "Not a user id" }).optional(),
    email: ZAccountEmail.optional(),
    role: z.enum(ORG_ROLES),
  })
  .refine((r) => !!r.userId !== !!r.email, {
    error: "Name the member by userId or by email",
    path: ["userId"],
  });

export const INVITE_ROLES = ["admin", "member"] as const;

export const ZInvite = z.object({
  email: ZAccountEmail,
  role: z.enum(INVITE_ROLES, { error: "Choose admin or member" }),
  projectRoles: z
    .array(z.object({ projectId: z.uuid({ error: "Not a project id" }), role: z.enum(PROJECT_ROLES) }))
    .max(200)
    .refine((g) => new Set(g.map((x) => x.projectId)).size === g.length, {
      error: "Each project can be listed once",
    })
    .default([]),
});
export type TInvite = z.input<typeof ZInvite>;

export const ZAcceptInvitation = z.object({
  token: ZLinkToken,
  /** Needed when not signed in (a new account is created). */
  name: ZDisplayName.optional(),
  password: ZPassword.optional(),
});
