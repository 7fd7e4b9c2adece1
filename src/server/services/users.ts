/** Users in the central database: creation, password hashing and checks. */
import { hash, verify } from "@node-rs/argon2";
import type { CentralDb } from "@/server/db/central";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { writeCentralAudit } from "./audit";

// algorithm 2 = Argon2id (the enum is an ambient const enum, unusable with isolatedModules)
const ARGON = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON);
}

// A fixed hash to verify against when the user does not exist, so the time
// taken does not reveal whether an e-mail is registered.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword("not-a-real-password-Aa1");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

export type PublicUser = {
  id: string;
  email: string;
  name: string;
  avatarUrl: string | null;
  createdAt: Date;
};

const PUBLIC_USER = { id: true, email: true, name: true, avatarUrl: true, createdAt: true } as const;

export async function createUser(
  central: CentralDb,
  actor: AuditActor,
  input: { email: string; name: string; password?: string | null },
): Promise<PublicUser> {
  const email = input.email.trim().toLowerCase();
  const existing = await central.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    throw new DomainError("CONFLICT", "A user with that e-mail already exists", {
      fieldErrors: { email: ["A user with that e-mail already exists"] },
    });
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return central.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email, name: input.name.trim(), passwordHash },
      select: PUBLIC_USER,
    });
    await writeCentralAudit(tx, actor, {
      action: "CREATE",
      entityType: "user",
      entityId: user.id,
      after: user,
    });
    return user;
  });
}

export async function findUserByEmail(central: CentralDb, email: string) {
  return central.user.findFirst({
    where: { email: email.trim().toLowerCase(), deletedAt: null },
    select: { ...PUBLIC_USER, deactivatedAt: true, sessionVersion: true },
  });
}
