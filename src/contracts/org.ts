/** Organization field schemas, shared by the server and the forms (pure: zod only). */
import { z } from "zod";

export const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

export const ZSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SLUG_RE, "Use 1–40 lower-case letters, digits and hyphens (not at either end)");

export const ZOrgName = z.string().trim().min(1, "Enter a name").max(200);

/** A database cluster key (DATABASE_CLUSTERS, or "default"); only operators choose one. */
export const ZClusterKey = z.string().trim().min(1, "Name a cluster").max(64);
