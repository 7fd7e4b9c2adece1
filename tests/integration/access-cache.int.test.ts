/**
 * The per-instance access cache (issue #13.3): no instance may serve a revoked
 * session, a removed member or a changed project role for more than a few
 * seconds. "Another instance" is a second, separate set of caches with its own
 * LISTEN connections (and, in the last case, a separate process: the admin
 * CLI). Its TTL is set far beyond the test's patience, so only the NOTIFY the
 * database triggers send can explain a change showing up in time; one case
 * switches the listener off to show the TTL alone still bounds staleness.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { accessCaches, createAccessCaches, type AccessCaches } from "@/server/cache/access";
import { getCentralDb } from "@/server/db/central";
import { endSessions } from "@/server/services/sign-in";
import { endSession, startSession } from "@/server/services/sessions";
import { codeOf, makeUser, sessionFor, systemCaller } from "./helpers";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

const ORG = "cache";
const sys = systemCaller();
let projectId: string;
const others: AccessCaches[] = [];

/** A second app instance: its own caches and listeners. */
function otherInstance(ttlMs = 600_000): AccessCaches {
  const c = createAccessCaches({ ttlMs });
  others.push(c);
  return c;
}

async function callerOn(caches: AccessCaches, email: string) {
  return createCaller(createInnerContext({ session: await sessionFor(email), caches }));
}

/** A new device session of the user (as a sign-in makes), and a caller for it on `caches`. */
async function deviceOn(caches: AccessCaches, email: string) {
  const session = await sessionFor(email);
  const sessionId = await startSession(getCentralDb(), session.user.id, {
    userAgent: "test",
    ip: null,
    method: "credentials",
  });
  return {
    sessionId,
    userId: session.user.id,
    caller: createCaller(createInnerContext({ session: { ...session, sessionId }, caches })),
  };
}

/**
 * Calls `probe` (which must succeed) until `cache` holds an entry: an instance
 * caches only once it listens for invalidations, so the change that follows
 * meets a cached entry rather than a read-through.
 */
async function cachedIn(cache: { size: number }, probe: () => Promise<string>): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    expect(await probe()).toBe("OK");
    if (cache.size > 0) return;
    if (Date.now() > until) throw new Error("the instance never started caching");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Polls until `check` resolves to `want`, for at most `ms`; returns how long it took. */
async function within(ms: number, check: () => Promise<string>, want: string): Promise<number> {
  const started = Date.now();
  let last = "";
  while (Date.now() - started < ms) {
    last = await check();
    if (last === want) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`still ${last} after ${ms} ms (wanted ${want})`);
}

beforeAll(async () => {
  await makeUser("olga@c.test", "Olga Owner");
  await makeUser("sam@c.test", "Sam Session");
  await makeUser("mia@c.test", "Mia Member");
  await makeUser("tim@c.test", "Tim Team");
  await makeUser("dev@c.test", "Dee Device");
  await sys.org.create({ name: "Cache", slug: ORG, ownerEmail: "olga@c.test" });
  for (const email of ["sam@c.test", "mia@c.test", "tim@c.test"])
    await sys.org.addMember({ orgSlug: ORG, email, role: "member" });
  projectId = (await sys.project.create({ orgSlug: ORG, name: "Cached" })).id;
  await sys.project.setRole({ orgSlug: ORG, projectId, email: "tim@c.test", role: "team_member" });
});

afterAll(async () => {
  await Promise.all(others.map((c) => c.bus?.stop()));
});

describe("access cache across instances", () => {
  it("serves repeated calls from the cache", async () => {
    const b = otherInstance();
    const tim = await callerOn(b, "tim@c.test");
    await cachedIn(b.projectAccess, () => codeOf(tim.project.get({ orgSlug: ORG, projectId })));
    // A listener that (re)connects meanwhile drops everything once (messages may have been missed),
    // so on a loaded machine one call may still miss: within a few tries one must hit all three.
    const hitsOf = () => [b.users.hits, b.orgAccess.hits, b.projectAccess.hits];
    let served = false;
    for (let attempt = 0; attempt < 5 && !served; attempt++) {
      const before = hitsOf();
      await tim.project.get({ orgSlug: ORG, projectId });
      served = hitsOf().every((h, i) => h === before[i]! + 1);
    }
    expect(served).toBe(true);
  });

  it("a session ended on one instance is refused by the other within a few seconds", async () => {
    const b = otherInstance();
    const sam = await callerOn(b, "sam@c.test");
    await cachedIn(b.users, () => codeOf(sam.org.list()));
    const user = await getCentralDb().user.findUniqueOrThrow({ where: { email: "sam@c.test" } });
    await endSessions(
      getCentralDb(),
      { userId: user.id, name: "Sam", correlationId: "test-cache-1" },
      user.id,
      "logout",
    );
    const ms = await within(3_000, () => codeOf(sam.org.list()), "UNAUTHORIZED");
    expect(ms).toBeLessThan(3_000);
  });

  it("a device session revoked on one instance is refused by the other within a few seconds; other devices go on", async () => {
    const b = otherInstance();
    const phone = await deviceOn(b, "dev@c.test");
    const laptop = await deviceOn(b, "dev@c.test");
    await cachedIn(b.users, () => codeOf(phone.caller.org.list()));
    expect(await codeOf(laptop.caller.org.list())).toBe("OK");
    const hitsBefore = b.users.hits;
    expect(await codeOf(phone.caller.org.list())).toBe("OK");
    expect(b.users.hits).toBe(hitsBefore + 1); // the phone's session is served from the cache
    await endSession(
      getCentralDb(),
      { userId: laptop.userId, name: "Dee", correlationId: "test-cache-device" },
      laptop.userId,
      phone.sessionId,
      "revoked",
    );
    await within(3_000, () => codeOf(phone.caller.org.list()), "UNAUTHORIZED");
    expect(await codeOf(laptop.caller.org.list())).toBe("OK");
  });

  it("a device session ended in this instance is refused at its next call", async () => {
    const a = accessCaches();
    const tablet = await deviceOn(a, "dev@c.test");
    await cachedIn(a.users, () => codeOf(tablet.caller.org.list()));
    await endSession(
      getCentralDb(),
      { userId: tablet.userId, name: "Dee", correlationId: "test-cache-device-2" },
      tablet.userId,
      tablet.sessionId,
      "logout",
    );
    expect(await codeOf(tablet.caller.org.list())).toBe("UNAUTHORIZED");
  });

  it("a member removed on one instance gets NOT_FOUND from the other within a few seconds", async () => {
    const b = otherInstance();
    const mia = await callerOn(b, "mia@c.test");
    await cachedIn(b.orgAccess, () => codeOf(mia.project.list({ orgSlug: ORG })));
    await sys.org.removeMember({ orgSlug: ORG, email: "mia@c.test" });
    await within(3_000, () => codeOf(mia.project.list({ orgSlug: ORG })), "NOT_FOUND");
  });

  it("a project role changed on one instance applies on the other within a few seconds", async () => {
    const b = otherInstance();
    const tim = await callerOn(b, "tim@c.test");
    await cachedIn(b.projectAccess, () =>
      codeOf(tim.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "as a team member" })),
    );
    await sys.project.setRole({ orgSlug: ORG, projectId, email: "tim@c.test", role: "viewer" });
    await within(
      3_000,
      () => codeOf(tim.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "as a viewer" })),
      "FORBIDDEN",
    );
    await sys.project.setRole({ orgSlug: ORG, projectId, email: "tim@c.test", role: "team_member" });
    await within(
      3_000,
      () => codeOf(tim.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "again" })),
      "OK",
    );
  });

  it("an instance that misses the message still stops serving a changed role when the TTL runs out", async () => {
    const b = otherInstance(1_500);
    const tim = await callerOn(b, "tim@c.test");
    const probe = () => codeOf(tim.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "probe" }));
    await cachedIn(b.projectAccess, probe);
    b.bus!.deliver = () => undefined; // the message is lost: only the TTL can end the stale entry
    const cachedAt = Date.now();
    await sys.project.setRole({ orgSlug: ORG, projectId, email: "tim@c.test", role: "viewer" });
    expect(await probe()).toBe("OK"); // served from the cache: the entry is real
    await within(4_000, probe, "FORBIDDEN");
    expect(Date.now() - cachedAt).toBeLessThan(1_500 + 1_000);
    await sys.project.setRole({ orgSlug: ORG, projectId, email: "tim@c.test", role: "team_member" });
  });

  it("a change made in this instance applies to its next call at once", async () => {
    const a = accessCaches();
    const tim = await callerOn(a, "tim@c.test");
    await cachedIn(a.projectAccess, () =>
      codeOf(tim.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "before" })),
    );
    await sys.project.setRole({ orgSlug: ORG, projectId, email: "tim@c.test", role: "viewer" });
    expect(await codeOf(tim.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "after" }))).toBe(
      "FORBIDDEN",
    );
    await sys.project.setRole({ orgSlug: ORG, projectId, email: "tim@c.test", role: "team_member" });
    expect(await codeOf(tim.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "back" }))).toBe(
      "OK",
    );
  });

  it(
    "a role changed by another process (the admin CLI) reaches this one within a few seconds",
    { timeout: 240_000 },
    async () => {
      const b = otherInstance();
      const tim = await callerOn(b, "tim@c.test");
      const probe = () =>
        codeOf(tim.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "cross-process" }));
      await cachedIn(b.projectAccess, probe);
      await run(
        process.execPath,
        [
          path.join(root, "node_modules/tsx/dist/cli.mjs"),
          "scripts/admin.ts",
          "set-project-role",
          "--org",
          ORG,
          "--project",
          projectId,
          "--email",
          "tim@c.test",
          "--role",
          "viewer",
        ],
        { cwd: root, env: { ...process.env, LOG_LEVEL: "silent" }, timeout: 200_000 },
      );
      await within(3_000, probe, "FORBIDDEN");
    },
  );
});
