import { defineConfig } from "prisma/config";

// `prisma migrate deploy --config prisma/tenant.config.ts` works wherever Prisma's
// native schema engine exists; offline we use `npm run db:migrate`.
export default defineConfig({
  schema: "tenant/schema.prisma",
  migrations: { path: "tenant/migrations" },
  datasource: { url: process.env.TENANT_DATABASE_URL ?? "" },
});
