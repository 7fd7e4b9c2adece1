/**
 * Live updates over real HTTP, between two app instances on one database:
 * instance A runs in this process, instance B in a process of its own
 * (tests/integration/instance-process.ts). Both are the real next-auth and
 * tRPC handlers; clients use tRPC's httpSubscriptionLink (Server-Sent Events)
 * with a session cookie from a credentials sign-in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { startAuthHttpServer } from "./auth-http-server";
import { makeUser, systemCaller } from "./helpers";
import { httpClient, signIn, startInstanceProcess, terminateListeners, watchHttp } from "./live-support";

const ORG = "duo";
const RECHECK_MS = 300;
let a: Awaited<ReturnType<typeof startAuthHttpServer>>;
let b: Awaited<ReturnType<typeof startInstanceProcess>>;
let projectId: string;

beforeAll(async () => {
  a = await startAuthHttpServer();
  process.env.NEXTAUTH_URL = a.url;
  process.env.LIVE_RECHECK_MS = String(RECHECK_MS);
  resetEnvCache();
  await makeUser("ana@duo.test", "Ana Owner");
  await makeUser("ben@duo.test", "Ben Member");
  await makeUser("cal@duo.test", "Cal Leaving");
  const sys = systemCaller();
  await sys.org.create({ name: "Duo", slug: ORG, ownerEmail: "ana@duo.test" });
  projectId = (await sys.project.create({ orgSlug: ORG, name: "Shared" })).id;
  for (const email of ["ben@duo.test", "cal@duo.test"]) {
    await sys.org.addMember({ orgSlug: ORG, email, role: "member" });
    await sys.project.setRole({ orgSlug: ORG, projectId, email, role: "team_member" });
  }
  // Instance B: same central database, its own process, its own LISTEN connections.
  b = await startInstanceProcess({ LIVE_RECHECK_MS: String(RECHECK_MS) });
}, 120_000);

afterAll(async () => {
  await b?.stop();
  await a?.close();
  delete process.env.LIVE_RECHECK_MS;
  resetEnvCache();
});

describe("two app instances on one database", () => {
  it("an edit made through instance A reaches a project.onChange subscriber on instance B, and back", async () => {
    const ana = await signIn(a.url, "ana@duo.test");
    const ben = await signIn(a.url, "ben@duo.test"); // the session cookie works on either instance
    const onB = watchHttp(httpClient(b.url, ben), { orgSlug: ORG, projectId });
    const onA = watchHttp(httpClient(a.url, ana), { orgSlug: ORG, projectId });
    await onB.until((e) => e.length === 1);
    await onA.until((e) => e.length === 1);
    expect(onB.events[0]!.data).toEqual({ type: "ready" });

    await httpClient(a.url, ana).item.create.mutate({
      orgSlug: ORG,
      projectId,
      type: "Risk",
      title: "Made on A",
    });
    await onB.until((e) => e.some((x) => x.data.type === "change"));
    expect(onB.changes()).toEqual([
      {
        type: "change",
        entityType: "item",
        entityId: expect.any(String),
        action: "CREATE",
        actorId: expect.any(String),
      },
    ]);

    const bens = await httpClient(b.url, ben).item.create.mutate({
      orgSlug: ORG,
      projectId,
      type: "Action Item",
      title: "Made on B",
    });
    await httpClient(b.url, ben).item.update.mutate({
      orgSlug: ORG,
      projectId,
      itemNum: bens.itemNum,
      version: bens.version,
      percentComplete: 40,
    });
    await onA.until((e) => e.filter((x) => x.data.type === "change").length === 3);
    expect(onA.changes().map((c) => `${c.entityType}:${c.action}`)).toEqual([
      "item:CREATE",
      "item:CREATE",
      "item:UPDATE",
    ]);
    onA.stop();
    onB.stop();
  });

  it("a subscriber on instance B recovers after B's LISTEN connection is terminated: resync, then new changes", async () => {
    const ana = await signIn(a.url, "ana@duo.test");
    const onB = watchHttp(httpClient(b.url, ana), { orgSlug: ORG, projectId });
    await onB.until((e) => e.length === 1);
    expect(await terminateListeners(ORG)).toBeGreaterThanOrEqual(1);
    await onB.until((e) => e.some((x) => x.data.type === "resync"));
    await httpClient(a.url, ana).item.create.mutate({
      orgSlug: ORG,
      projectId,
      type: "Issue",
      title: "After B reconnected",
    });
    await onB.until((e) => e.some((x) => x.data.type === "change"));
    expect(onB.events.map((e) => e.data.type)).toEqual(["ready", "resync", "change"]);
    onB.stop();
  });

  it("a removed member's stream on instance B ends (NOT_FOUND) and the client does not reconnect", async () => {
    const cal = await signIn(a.url, "cal@duo.test");
    const onB = watchHttp(httpClient(b.url, cal), { orgSlug: ORG, projectId });
    await onB.until((e) => e.length === 1);
    const ana = await signIn(a.url, "ana@duo.test");
    await httpClient(a.url, ana).org.removeMember.mutate({ orgSlug: ORG, email: "cal@duo.test" });
    const { error } = await onB.endedWithin(5_000);
    expect((error as { data?: { code?: string } }).data?.code).toBe("NOT_FOUND");
    await httpClient(a.url, ana).item.create.mutate({
      orgSlug: ORG,
      projectId,
      type: "Risk",
      title: "Cal must not see this",
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(onB.changes()).toEqual([]);
  });

  it("a signed-out session's stream on instance B ends (UNAUTHORIZED)", async () => {
    const ben = await signIn(a.url, "ben@duo.test");
    const onB = watchHttp(httpClient(b.url, ben), { orgSlug: ORG, projectId });
    await onB.until((e) => e.length === 1);
    // Sign out on A: next-auth's sign-out ends every session of the user (session version bumped).
    const csrf = await fetch(`${a.url}/api/auth/csrf`, { headers: { cookie: ben.header() } });
    ben.store(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookieBefore = ben.header();
    await fetch(`${a.url}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieBefore },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
    const { error } = await onB.endedWithin(5_000);
    expect((error as { data?: { code?: string } }).data?.code).toBe("UNAUTHORIZED");
  });
});
