/**
 * First-run demo data: a demo user who owns the "demo" organization with one
 * project. Runs only when the central database has no organization yet.
 * The login is kept in .data/demo-login.json so every start can print it.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createCaller } from "../../src/server/api/root";
import { createInnerContext } from "../../src/server/api/trpc";
import { getCentralDb } from "../../src/server/db/central";
import { DATA_DIR } from "./local-env";
import { seedDemoProject } from "./demo-project";

export type DemoLogin = { email: string; password: string; org: string };

const LOGIN_FILE = path.join(DATA_DIR, "demo-login.json");

export async function seedDemoIfEmpty(): Promise<DemoLogin | null> {
  const orgs = await getCentralDb().organization.count();
  if (orgs > 0)
    return existsSync(LOGIN_FILE) ? (JSON.parse(readFileSync(LOGIN_FILE, "utf8")) as DemoLogin) : null;
  const login: DemoLogin = {
    email: "demo@braidmgr.local",
    password: `Demo-${randomBytes(6).toString("base64url")}9`,
    org: "demo",
  };
  const sys = createCaller(createInnerContext({ session: null, system: true }));
  await sys.user.create({ email: login.email, name: "Dana Demo", password: login.password });
  await sys.org.create({ name: "Demo Organization", slug: login.org, ownerEmail: login.email });
  await seedDemoProject(sys, login);
  writeFileSync(LOGIN_FILE, JSON.stringify(login, null, 2), { mode: 0o600 });
  console.error("seeded the demo organization and project");
  return login;
}
