/**
 * Assistant conversations: create, list, rename, history, delete; chat.ask and
 * chat.stream refuse like every chat procedure over HTTP; the answer travels as
 * Server-Sent Events on /api/trpc.
 */
import { describe, expect, it } from "vitest";
import type { TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { callerFor, codeOf } from "./helpers";
import { doneOf } from "./chat-stream";
import {
  ORG,
  P,
  Q,
  setDeps,
  server,
  jars,
  clientFor,
  post,
  collect,
  refusal,
  setUpChatWorld,
} from "./chat-world";

setUpChatWorld();

describe("sessions", () => {
  it("create, list (by project or org-wide), rename, history and delete", async () => {
    setDeps({ model: () => null });
    const vic = await callerFor("vic@acme.test");
    const s1 = await vic.chat.create({ orgSlug: ORG, projectId: P, title: "Risks" });
    const s2 = await vic.chat.create({ orgSlug: ORG, projectId: null });
    expect(s1).toMatchObject({ projectId: P, projectName: "Apollo", title: "Risks" });
    expect(s2).toMatchObject({ projectId: null, title: "New conversation" });
    const inP = await vic.chat.sessions({ orgSlug: ORG, projectId: P });
    expect(inP.map((s) => s.id)).toContain(s1.id);
    expect(inP.map((s) => s.id)).not.toContain(s2.id);
    expect((await vic.chat.sessions({ orgSlug: ORG, projectId: null })).map((s) => s.id)).toEqual([s2.id]);
    // A conversation started empty takes its title from the first question.
    await vic.chat.send({ orgSlug: ORG, sessionId: s2.id, message: "What is due this week?" });
    expect((await vic.chat.history({ orgSlug: ORG, sessionId: s2.id })).session.title).toBe(
      "What is due this week?",
    );

    await vic.chat.send({ orgSlug: ORG, sessionId: s1.id, message: "What are the open risks?" });
    const listed = await vic.chat.sessions({ orgSlug: ORG });
    expect(listed[0]).toMatchObject({ id: s1.id, messageCount: 2 });

    expect(
      await vic.chat.rename({ orgSlug: ORG, sessionId: s1.id, title: "  Supplier risks " }),
    ).toMatchObject({ title: "Supplier risks" });
    expect(await codeOf(vic.chat.rename({ orgSlug: ORG, sessionId: s1.id, title: "" }))).toBe("BAD_REQUEST");

    const alice = await callerFor("alice@acme.test");
    expect(await codeOf(alice.chat.delete({ orgSlug: ORG, sessionId: s1.id }))).toBe("NOT_FOUND");
    expect(await vic.chat.delete({ orgSlug: ORG, sessionId: s1.id })).toEqual({ id: s1.id, deleted: true });
    expect(await codeOf(vic.chat.history({ orgSlug: ORG, sessionId: s1.id }))).toBe("NOT_FOUND");
    expect((await vic.chat.sessions({ orgSlug: ORG })).map((s) => s.id)).not.toContain(s1.id);
  });

  it("chat.ask and chat.stream check like every chat procedure, over HTTP", async () => {
    expect(await refusal(post(null, { orgSlug: ORG, projectId: P, message: "hi" }))).toMatchObject({
      code: "UNAUTHORIZED",
      status: 401,
    });
    expect(await refusal(post("bob@beta.test", { orgSlug: ORG, projectId: P, message: "hi" }))).toMatchObject(
      { code: "NOT_FOUND", status: 404 },
    );
    expect(await refusal(post("vic@acme.test", { orgSlug: ORG, projectId: Q, message: "hi" }))).toMatchObject(
      { code: "NOT_FOUND", status: 404 },
    );
    const bad = await post("vic@acme.test", { orgSlug: ORG, projectId: P, message: "" }).catch(
      (e: unknown) => e as TRPCClientError<never>,
    );
    expect((bad as TRPCClientError<never>).data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { message: ["Type a question"] },
    });

    // Only its owner may follow an answer; signed out, nobody.
    setDeps({ model: () => null });
    const mine = await post("alice@acme.test", { orgSlug: ORG, projectId: P, message: "What is overdue?" });
    const asVic = { ...mine, client: await clientFor("vic@acme.test") };
    expect(await refusal(collect(asVic))).toMatchObject({ code: "NOT_FOUND" });
    const asNobody = { ...mine, client: await clientFor(null) };
    expect(await refusal(collect(asNobody))).toMatchObject({ code: "UNAUTHORIZED" });
    expect(doneOf(await collect(mine))).toMatchObject({ status: "complete" });
  });

  it("the answer travels as Server-Sent Events on /api/trpc (superjson data, tRPC framing)", async () => {
    setDeps({ model: () => null });
    const asked = await post("alice@acme.test", { orgSlug: ORG, projectId: P, message: "What is overdue?" });
    const input = encodeURIComponent(
      JSON.stringify(superjson.serialize({ orgSlug: ORG, messageId: asked.messageId })),
    );
    const res = await fetch(`${server.url}/api/trpc/chat.stream?input=${input}`, {
      headers: { cookie: jars.get("alice@acme.test")!.header() },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const body = await res.text(); // the stream ends after `done`
    expect(body).toMatch(/^event: connected$/m);
    expect(body).toMatch(/^event: return$/m);
    const data = [...body.matchAll(/^data: (\{.*\})$/gm)].map(
      (m) =>
        superjson.deserialize(JSON.parse(m[1]!) as never) as {
          type?: string;
          message?: { createdAt: unknown };
        },
    );
    const events = data.filter((d) => d?.type);
    expect(events.map((d) => d.type)).toEqual(["start", "delta", "done"]);
    expect(events[2]!.message!.createdAt).toBeInstanceOf(Date);
  });
});
