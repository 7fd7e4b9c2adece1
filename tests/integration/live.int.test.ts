/**
 * Live updates: the per-instance LISTEN hub (src/server/live.ts) and the
 * `project.onChange` subscription on top of it, through the same middleware
 * chain as HTTP (a caller). Faults are real: connections are ended with
 * pg_terminate_backend, and a first connect fails because the database
 * refuses connections (ALLOW_CONNECTIONS false). A database restart is
 * played by ending every connection to the org database — the embedded
 * server is shared by all test files, so it is not itself restarted.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { getCentralDb } from "@/server/db/central";
import { configureLive, isListening, liveConnectionCount, subscribe, type LiveSignal } from "@/server/live";
import { endSessions } from "@/server/services/sign-in";
import { callerFor, makeUser, systemCaller } from "./helpers";
import {
  adminSql,
  orgRow,
  sleep,
  terminateAllBackends,
  terminateListeners,
  waitUntil,
  watchAs,
} from "./live-support";

const ORG = "live";
let projectId: string;
let other: string;

const RECHECK_MS = 400;

beforeAll(async () => {
  process.env.LIVE_RECHECK_MS = String(RECHECK_MS);
  resetEnvCache();
  configureLive({ reconnectBaseMs: 50, reconnectMaxMs: 400, healthCheckMs: 60_000 });
  await makeUser("live@l.test", "Live Owner");
  await makeUser("mia@l.test", "Mia Member");
  await makeUser("vera@l.test", "Vera Viewer");
  const sys = systemCaller();
  await sys.org.create({ name: "Live", slug: ORG, ownerEmail: "live@l.test" });
  projectId = (await sys.project.create({ orgSlug: ORG, name: "Watched" })).id;
  other = (await sys.project.create({ orgSlug: ORG, name: "Other" })).id;
  await sys.org.addMember({ orgSlug: ORG, email: "mia@l.test", role: "member" });
  await sys.project.setRole({ orgSlug: ORG, projectId, email: "mia@l.test", role: "team_member" });
});

afterAll(() => {
  configureLive({});
  delete process.env.LIVE_RECHECK_MS;
  resetEnvCache();
});

afterEach(async () => {
  // Every test leaves no channel open behind it.
  await waitUntil(() => liveConnectionCount() === 0, 5_000, "channels to close");
});

const signalsOf = (seen: LiveSignal[]) =>
  seen.map((s) => (s.type === "change" ? `${s.event.entityType}:${s.event.action}` : s.type));

describe("the LISTEN hub", () => {
  it("announces committed changes to the project's subscribers only", async () => {
    const org = await orgRow(ORG);
    const seen: LiveSignal[] = [];
    const sub = subscribe(org, projectId, (s) => seen.push(s));
    await sub.ready;
    const api = await callerFor("live@l.test");
    const item = await api.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "Watch me" });
    await api.item.create({ orgSlug: ORG, projectId: other, type: "Risk", title: "Elsewhere" });
    await api.item.update({
      orgSlug: ORG,
      projectId,
      itemNum: item.itemNum,
      version: item.version,
      percentComplete: 30,
    });
    await waitUntil(() => seen.length >= 3);
    expect(signalsOf(seen)).toEqual(["ready", "item:CREATE", "item:UPDATE"]);
    expect(seen.every((s) => s.type !== "change" || s.event.projectId === projectId)).toBe(true);
    sub.unsubscribe();
    expect(liveConnectionCount()).toBe(0);
  });

  it("never announces a change that was rolled back", async () => {
    const org = await orgRow(ORG);
    const seen: LiveSignal[] = [];
    const sub = subscribe(org, projectId, (s) => seen.push(s));
    await sub.ready;
    const api = await callerFor("live@l.test");
    await expect(
      api.item.setDependencies({ orgSlug: ORG, projectId, itemNum: 1, dependsOn: [999] }),
    ).rejects.toThrow();
    await sleep(300);
    expect(signalsOf(seen)).toEqual(["ready"]);
    sub.unsubscribe();
  });

  it("keeps assistant conversations off the project's channel", async () => {
    const org = await orgRow(ORG);
    const seen: LiveSignal[] = [];
    const sub = subscribe(org, projectId, (s) => seen.push(s));
    await sub.ready;
    const mia = await callerFor("mia@l.test");
    const session = await mia.chat.create({ orgSlug: ORG, projectId, title: "Mia's private question" });
    await mia.chat.rename({ orgSlug: ORG, sessionId: session.id, title: "Still private" });
    await mia.chat.delete({ orgSlug: ORG, sessionId: session.id });
    // A change made after them: once it arrives, anything announced before it has arrived too (commit order).
    await mia.item.create({ orgSlug: ORG, projectId, type: "Issue", title: "After the chat" });
    await waitUntil(() => seen.some((s) => s.type === "change"));
    expect(signalsOf(seen)).toEqual(["ready", "item:CREATE"]);
    sub.unsubscribe();
  });

  it("retries a failed first connect (nothing cached) and then delivers", async () => {
    const org = await orgRow(ORG);
    await adminSql(`ALTER DATABASE "${org.databaseName}" ALLOW_CONNECTIONS false`);
    const seen: LiveSignal[] = [];
    let sub: ReturnType<typeof subscribe> | undefined;
    try {
      sub = subscribe(org, projectId, (s) => seen.push(s));
      await sleep(600); // several attempts fail meanwhile
      expect(isListening(org.id)).toBe(false);
      expect(seen).toEqual([]);
    } finally {
      await adminSql(`ALTER DATABASE "${org.databaseName}" ALLOW_CONNECTIONS true`);
    }
    await waitUntil(() => isListening(org.id), 10_000, "the channel to listen");
    await sub!.ready;
    await (
      await callerFor("live@l.test")
    ).item.create({ orgSlug: ORG, projectId, type: "Risk", title: "After the outage" });
    await waitUntil(() => seen.some((s) => s.type === "change"));
    expect(signalsOf(seen)).toEqual(["ready", "item:CREATE"]);
    sub!.unsubscribe();
  });
});

describe("project.onChange", () => {
  it("starts with ready, then one tracked event per committed change of the project", async () => {
    const w = await watchAs("mia@l.test", { orgSlug: ORG, projectId });
    await w.until((e) => e.length === 1);
    const owner = await callerFor("live@l.test");
    const item = await owner.item.create({ orgSlug: ORG, projectId, type: "Decision", title: "Seen by Mia" });
    await owner.item.create({
      orgSlug: ORG,
      projectId: other,
      type: "Decision",
      title: "Not for Mia's stream",
    });
    await owner.item.addNote({ orgSlug: ORG, projectId, itemNum: item.itemNum, content: "A note" });
    await w.until((e) => e.length === 3);
    expect(w.events.map((e) => e.data.type)).toEqual(["ready", "change", "change"]);
    expect(w.changes()).toMatchObject([
      { entityType: "item", action: "CREATE", actorId: expect.any(String) },
      { entityType: "item_note", action: "CREATE" },
    ]);
    // Ids are unique (tRPC sends them as SSE ids; a reconnecting client sends the last one back).
    expect(new Set(w.events.map((e) => e.id)).size).toBe(3);
    w.stop();
    expect(await w.ended).toEqual({ error: null });
  });

  it("a client that reconnects with lastEventId is told to resync first", async () => {
    const w = await watchAs("mia@l.test", { orgSlug: ORG, projectId, lastEventId: "earlier-1" });
    await w.until((e) => e.length === 1);
    expect(w.events[0]!.data).toEqual({ type: "resync" });
    w.stop();
    await w.ended;
  });

  it("refuses at the start like any project procedure: foreign org, no project role, signed out", async () => {
    await makeUser("stranger@l.test", "Stranger");
    const codeOfStart = async (email: string, pid: string) => {
      const w = await watchAs(email, { orgSlug: ORG, projectId: pid }).catch((e: unknown) => e);
      if (w instanceof Error) return (w as { code?: string }).code;
      (w as Awaited<ReturnType<typeof watchAs>>).stop();
      return "OK";
    };
    expect(await codeOfStart("stranger@l.test", projectId)).toBe("NOT_FOUND");
    expect(await codeOfStart("mia@l.test", other)).toBe("NOT_FOUND"); // a member without a role on it
    expect(await codeOfStart("mia@l.test", projectId)).toBe("OK");
  });

  it("recovers after its LISTEN connection is terminated: resync, then new changes", async () => {
    const w = await watchAs("mia@l.test", { orgSlug: ORG, projectId });
    await w.until((e) => e.length === 1);
    expect(await terminateListeners(ORG)).toBe(1);
    await w.until((e) => e.some((x) => x.data.type === "resync"));
    await (
      await callerFor("live@l.test")
    ).item.create({ orgSlug: ORG, projectId, type: "Risk", title: "After the reconnect" });
    await w.until((e) => e.some((x) => x.data.type === "change"));
    expect(w.events.map((e) => e.data.type)).toEqual(["ready", "resync", "change"]);
    expect(w.isEnded()).toBe(false);
    w.stop();
    await w.ended;
  });

  it("survives every connection to the org database ending (a database restart): resync, then new changes", async () => {
    const w = await watchAs("mia@l.test", { orgSlug: ORG, projectId });
    await w.until((e) => e.length === 1);
    expect(await terminateAllBackends(ORG)).toBeGreaterThanOrEqual(1);
    await w.until((e) => e.some((x) => x.data.type === "resync"));
    // The app's own pool reconnects too: an edit made now is announced.
    await waitUntil(async () => {
      try {
        await (
          await callerFor("live@l.test")
        ).item.create({ orgSlug: ORG, projectId, type: "Risk", title: "After the restart" });
        return true;
      } catch {
        return false;
      }
    });
    await w.until((e) => e.some((x) => x.data.type === "change"));
    expect(w.events.map((e) => e.data.type).slice(0, 2)).toEqual(["ready", "resync"]);
    expect(w.isEnded()).toBe(false);
    w.stop();
    await w.ended;
  });

  it("ends (NOT_FOUND) within the re-check interval once the member is removed from the org", async () => {
    await makeUser("rita@l.test", "Rita Removed");
    const sys = systemCaller();
    await sys.org.addMember({ orgSlug: ORG, email: "rita@l.test", role: "member" });
    await sys.project.setRole({ orgSlug: ORG, projectId, email: "rita@l.test", role: "viewer" });
    const w = await watchAs("rita@l.test", { orgSlug: ORG, projectId });
    await w.until((e) => e.length === 1);
    const removedAt = Date.now();
    await (await callerFor("live@l.test")).org.removeMember({ orgSlug: ORG, email: "rita@l.test" });
    const { error } = await w.endedWithin(5_000);
    expect((error as { code?: string }).code).toBe("NOT_FOUND");
    expect(Date.now() - removedAt).toBeLessThan(RECHECK_MS * 2 + 1_000);
    expect(w.changes()).toEqual([]);
  });

  it("ends (NOT_FOUND) once the project role is taken away", async () => {
    await makeUser("paul@l.test", "Paul Project");
    const sys = systemCaller();
    await sys.org.addMember({ orgSlug: ORG, email: "paul@l.test", role: "member" });
    await sys.project.setRole({ orgSlug: ORG, projectId, email: "paul@l.test", role: "viewer" });
    const w = await watchAs("paul@l.test", { orgSlug: ORG, projectId });
    await w.until((e) => e.length === 1);
    await sys.project.setRole({ orgSlug: ORG, projectId, email: "paul@l.test", role: null });
    const { error } = await w.endedWithin(5_000);
    expect((error as { code?: string }).code).toBe("NOT_FOUND");
  });

  it("ends (UNAUTHORIZED) when the session is signed out (session version bumped)", async () => {
    await makeUser("sam@l.test", "Sam Signout");
    const sys = systemCaller();
    await sys.org.addMember({ orgSlug: ORG, email: "sam@l.test", role: "member" });
    await sys.project.setRole({ orgSlug: ORG, projectId, email: "sam@l.test", role: "viewer" });
    const w = await watchAs("sam@l.test", { orgSlug: ORG, projectId });
    await w.until((e) => e.length === 1);
    const sam = await getCentralDb().user.findUniqueOrThrow({ where: { email: "sam@l.test" } });
    await endSessions(
      getCentralDb(),
      { userId: sam.id, name: sam.name, correlationId: "test-signout" },
      sam.id,
      "logout",
    );
    const { error } = await w.endedWithin(5_000);
    expect((error as { code?: string }).code).toBe("UNAUTHORIZED");
  });

  it("re-checks before delivering: a change right after a removal never reaches the removed member", async () => {
    // A long interval, so only the check that comes with the event can stop it.
    process.env.LIVE_RECHECK_MS = "60000";
    resetEnvCache();
    try {
      await makeUser("eve@l.test", "Eve Evicted");
      const sys = systemCaller();
      await sys.org.addMember({ orgSlug: ORG, email: "eve@l.test", role: "member" });
      await sys.project.setRole({ orgSlug: ORG, projectId, email: "eve@l.test", role: "viewer" });
      const w = await watchAs("eve@l.test", { orgSlug: ORG, projectId });
      await w.until((e) => e.length === 1);
      await sleep(1_100); // past the "checked a moment ago" window
      const owner = await callerFor("live@l.test");
      await owner.org.removeMember({ orgSlug: ORG, email: "eve@l.test" });
      await owner.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "Eve must not hear of this" });
      const { error } = await w.endedWithin(5_000);
      expect((error as { code?: string }).code).toBe("NOT_FOUND");
      expect(w.changes()).toEqual([]);
    } finally {
      process.env.LIVE_RECHECK_MS = String(RECHECK_MS);
      resetEnvCache();
    }
  });

  it("never carries another user's assistant conversations", async () => {
    const w = await watchAs("live@l.test", { orgSlug: ORG, projectId });
    await w.until((e) => e.length === 1);
    const mia = await callerFor("mia@l.test");
    await mia.chat.create({ orgSlug: ORG, projectId, title: "Mia asks privately" });
    await mia.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "Public change" });
    await w.until((e) => e.some((x) => x.data.type === "change"));
    expect(w.changes().map((c) => c.entityType)).toEqual(["item"]);
    w.stop();
    await w.ended;
  });
});
