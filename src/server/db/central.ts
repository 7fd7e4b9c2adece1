/** The central database client (one per process). */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/central/client";
import { env } from "@/env";
import { TRANSACTION_OPTIONS } from "./transactions";

export type CentralDb = PrismaClient;
export type { Prisma as CentralPrisma } from "@/generated/central/client";

const g = globalThis as unknown as { __braidCentralDb?: CentralDb };

export function getCentralDb(): CentralDb {
  g.__braidCentralDb ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 }),
    transactionOptions: TRANSACTION_OPTIONS,
  });
  return g.__braidCentralDb;
}

export async function disconnectCentralDb(): Promise<void> {
  const db = g.__braidCentralDb;
  g.__braidCentralDb = undefined;
  await db?.$disconnect();
}
