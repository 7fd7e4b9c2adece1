-- CreateEnum
CREATE TYPE "DomainVerification" AS ENUM ('dns', 'owner_confirmed');

-- AlterTable
ALTER TABLE "invitations" ADD COLUMN     "declined_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "org_domains" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "domain" VARCHAR(253) NOT NULL,
    "verification_token" VARCHAR(64) NOT NULL,
    "verified_at" TIMESTAMPTZ(3),
    "verified_by" "DomainVerification",
    "verified_by_id" UUID,
    "last_checked_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "org_domains_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sso_link_intents" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sso_link_intents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_counters" (
    "bucket" VARCHAR(200) NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("bucket")
);

-- CreateIndex
CREATE INDEX "org_domains_domain_idx" ON "org_domains"("domain");

-- CreateIndex
CREATE UNIQUE INDEX "org_domains_org_id_domain_key" ON "org_domains"("org_id", "domain");

-- CreateIndex
CREATE INDEX "sso_link_intents_user_id_org_id_idx" ON "sso_link_intents"("user_id", "org_id");

-- CreateIndex
CREATE INDEX "rate_limit_counters_window_start_idx" ON "rate_limit_counters"("window_start");

-- AddForeignKey
ALTER TABLE "org_domains" ADD CONSTRAINT "org_domains_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_link_intents" ADD CONSTRAINT "sso_link_intents_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Org SSO identities are keyed by the org id from now on ("sso-<org id>"): a slug is freed when its
-- org is deleted and could be taken by another org, which would inherit the old org's linked logins.
UPDATE "accounts" AS a
SET "provider" = 'sso-' || o."id"::text
FROM "organizations" AS o
WHERE a."provider" = 'sso-' || o."slug" AND o."deleted_at" IS NULL;

-- SSO identities of deleted orgs (or of no org) can never sign in again.
DELETE FROM "accounts"
WHERE "provider" LIKE 'sso-%'
  AND "provider" NOT IN (SELECT 'sso-' || "id"::text FROM "organizations" WHERE "deleted_at" IS NULL);
