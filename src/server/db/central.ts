/** The central database client (one per process). */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/central/client";
import { env } from "@/env";
import { invalidateForWrite } from "@/server/cache/access";
import { TRANSACTION_OPTIONS } from "./transactions";
import { DB_CONNECT_TIMEOUT_MS } from "./errors";

export type CentralDb = PrismaClient;
export type { Prisma as CentralPrisma } from "@/generated/central/client";

const g = globalThis as unknown as { __braidCentralDb?: CentralDb };

/** Writes to these models drop this process's cached access entries (src/server/cache/access.ts). */
const invalidating = (model: string) => ({
  async $allOperations({
    operation,
    args,
    query,
  }: {
    operation: string;
    args: unknown;
    query: (a: unknown) => Promise<unknown>;
  }) {
    const result = await query(args);
    invalidateForWrite(model, operation, args);
    return result;
  },
});

export function getCentralDb(): CentralDb {
  g.__braidCentralDb ??= new PrismaClient({
    adapter: new PrismaPg({
      connectionString: env().DATABASE_URL,
      max: 10,
      connectionTimeoutMillis: DB_CONNECT_TIMEOUT_MS,
    }),
    transactionOptions: TRANSACTION_OPTIONS,
  }).$extends({
    query: {
      user: invalidating("User"),
      userSession: invalidating("UserSession"),
      orgMembership: invalidating("OrgMembership"),
      organization: invalidating("Organization"),
    },
  }) as unknown as CentralDb; // a query extension changes no types
  return g.__braidCentralDb;
}

export async function disconnectCentralDb(): Promise<void> {
  const db = g.__braidCentralDb;
  g.__braidCentralDb = undefined;
  await db?.$disconnect();
}
