/** The central database client (one per process). */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/central/client";
import { env } from "@/env";
import { invalidatingQuery } from "@/server/cache/access";
import { TRANSACTION_OPTIONS } from "./transactions";
import { DB_CONNECT_TIMEOUT_MS } from "./errors";

export type CentralDb = PrismaClient;
export { Prisma as CentralPrisma } from "@/generated/central/client";

const g = globalThis as unknown as { __braidCentralDb?: CentralDb };

export function getCentralDb(): CentralDb {
  g.__braidCentralDb ??= new PrismaClient({
    adapter: new PrismaPg({
      connectionString: env().DATABASE_URL,
      max: 10,
      connectionTimeoutMillis: DB_CONNECT_TIMEOUT_MS,
    }),
    transactionOptions: TRANSACTION_OPTIONS,
  }).$extends({
    // Writes to these models drop this process's cached access entries (src/server/cache/access.ts).
    query: {
      user: invalidatingQuery("User"),
      userSession: invalidatingQuery("UserSession"),
      orgMembership: invalidatingQuery("OrgMembership"),
      organization: invalidatingQuery("Organization"),
    },
  }) as unknown as CentralDb; // a query extension changes no types
  return g.__braidCentralDb;
}

export async function disconnectCentralDb(): Promise<void> {
  const db = g.__braidCentralDb;
  g.__braidCentralDb = undefined;
  await db?.$disconnect();
}
