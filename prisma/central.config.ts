import { defineConfig } from "prisma/config";

// `prisma migrate deploy --config prisma/central.config.ts` works wherever Prisma's
// native schema engine exists; offline we use `npm run db:migrate`.
export default defineConfig({
  schema: "central/schema.prisma",
  migrations: { path: "central/migrations" },
  datasource: { url: process.env.CENTRAL_DATABASE_URL ?? "" },
});
