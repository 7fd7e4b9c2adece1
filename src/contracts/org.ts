/** Organization field schemas, shared by the server and the forms (pure: zod only). */
import { z } from "zod";
import { ZEmail } from "./account";

export const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

export const ZSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SLUG_RE, "Use 1–40 lower-case letters, digits and hyphens (not at either end)");

export const ZOrgName = z.string().trim().min(1, "Enter a name").max(200);

/** A database cluster key (DATABASE_CLUSTERS, or "default"); only operators choose one. */
export const ZClusterKey = z.string().trim().min(1, "Name a cluster").max(64);

/** org.create: the caller (or, for operators, `ownerEmail`) becomes the owner. */
export const ZCreateOrg = z.object({
  name: ZOrgName,
  slug: ZSlug.optional(),
  ownerEmail: ZEmail.optional(),
  clusterKey: ZClusterKey.optional(),
});

/** The "Create an organization" form: an empty slug is made from the name. */
export const ZCreateOrgForm = z.object({
  name: ZOrgName,
  slug: z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(ZSlug.optional()),
});
