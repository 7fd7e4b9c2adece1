/**
 * The assistant when things go wrong: retries on 429/529, giving up with a
 * friendly error, broken or unterminated streams, stop (here and on another
 * instance), the client going away, reconnects, and stop before start.
 */
import { describe, expect, it } from "vitest";
import { INTERRUPTED_MARKER, STOPPED_MARKER } from "@/domain/assistant";
import { reply } from "../support/fake-anthropic";
import { callerFor, codeOf } from "./helpers";
import { doneOf, textOf } from "./chat-stream";
import { ORG, fake, P, post, collect, type Ev, setUpChatWorld } from "./chat-world";

setUpChatWorld();

describe("failures: retries, broken streams, stop and cancel", () => {
  it("retries 429 and 529 (overloaded) with back-off, then answers", async () => {
    fake.enqueue(
      reply.error(429),
      reply.overloaded(),
      reply.error(500),
      reply.text("Recovered: #1 is open."),
    );
    const alice = await callerFor("alice@acme.test");
    const { message } = await alice.chat.send({ orgSlug: ORG, projectId: P, message: "Is #1 open?" });
    expect(message).toMatchObject({ status: "complete", content: "Recovered: #1 is open." });
    expect(fake.requests.map((r) => (r.response?.kind === "error" ? r.response.status : 200))).toEqual([
      429, 529, 500, 200,
    ]);
  });

  it("gives up after the retries and stores a friendly error, not internals", async () => {
    fake.enqueue(reply.overloaded(), reply.overloaded(), reply.overloaded(), reply.overloaded());
    const alice = await callerFor("alice@acme.test");
    const { message, sessionId } = await alice.chat.send({
      orgSlug: ORG,
      projectId: P,
      message: "Anything late?",
    });
    expect(fake.requests).toHaveLength(4); // 1 + ANTHROPIC_MAX_RETRIES
    expect(message.status).toBe("error");
    expect(message.content).toBe("The AI service is overloaded right now. Please try again in a minute.");
    // The failed answer is not sent back to the model next time.
    fake.reset();
    fake.enqueue(reply.text("Now it works."));
    await alice.chat.send({ orgSlug: ORG, sessionId, message: "Try again" });
    expect(fake.requests[0]!.body.messages).toEqual([
      { role: "user", content: "Anything late?\n\nTry again" },
    ]);
  });

  it("a broken stream leaves a well-formed conversation: the answer is stored as interrupted with a marker", async () => {
    fake.enqueue(
      reply.text(
        "Here is a partial answer about #1 that will never be finished because the connection drops",
        {
          breakAfter: 7,
          usage: { input_tokens: 60, output_tokens: 99 },
        },
      ),
    );
    const res = await post("alice@acme.test", { orgSlug: ORG, projectId: P, message: "Tell me about #1" });
    const evs = await collect(res);
    const partial = textOf(evs);
    expect(partial.length).toBeGreaterThan(0);
    expect("Here is a partial answer about #1 that will never be finished".startsWith(partial)).toBe(true);
    const msg = doneOf(evs);
    expect(msg.status).toBe("interrupted");
    expect(msg.contextRefs.marker).toBe("interrupted");
    expect(msg.content).toBe(`${partial.trimEnd()}\n\n${INTERRUPTED_MARKER}`);
    expect(msg.inputTokens).toBe(60);
    expect(msg.outputTokens).toBeGreaterThan(0);

    const alice = await callerFor("alice@acme.test");
    const sessionId = String(evs[0]!.data.sessionId);
    const { messages } = await alice.chat.history({ orgSlug: ORG, sessionId });
    expect(messages.map((m) => [m.role, m.status])).toEqual([
      ["user", "complete"],
      ["assistant", "interrupted"],
    ]);
    // The conversation continues normally.
    fake.enqueue(reply.text("Sorry about that: #1 is a supplier delay."));
    const next = await alice.chat.send({ orgSlug: ORG, sessionId, message: "Please finish" });
    expect(next.message.status).toBe("complete");
    expect(fake.requests[1]!.body.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
  });

  it("a stream that ends without message_stop is interrupted too", async () => {
    fake.enqueue(reply.text("Cut short", { endAfter: 4 }));
    const evs = await collect(
      await post("alice@acme.test", { orgSlug: ORG, projectId: P, message: "Short?" }),
    );
    expect(doneOf(evs)).toMatchObject({ status: "interrupted", contextRefs: { marker: "interrupted" } });
  });

  it("chat.stop by message id stops a streaming answer and keeps the partial text", async () => {
    fake.enqueue(
      reply.text("This answer streams slowly and will be stopped half way through the sentence", {
        holdAfter: 6,
      }),
    );
    const alice = await callerFor("alice@acme.test");
    const res = await post("alice@acme.test", { orgSlug: ORG, projectId: P, message: "Long answer please" });
    let assistantMessageId = "";
    let stopped = false;
    const evs = await collect(res, async (ev) => {
      if (ev.event === "start") assistantMessageId = String(ev.data.assistantMessageId);
      if (ev.event === "delta" && !stopped) {
        stopped = true;
        expect(await alice.chat.stop({ orgSlug: ORG, messageId: assistantMessageId })).toEqual({
          messageId: assistantMessageId,
          stopped: true,
        });
      }
    });
    const msg = doneOf(evs);
    expect(msg.status).toBe("interrupted");
    expect(msg.contextRefs.marker).toBe("stopped");
    expect(msg.content.endsWith(STOPPED_MARKER)).toBe(true);
    expect(msg.content.startsWith(textOf(evs).trimEnd())).toBe(true);
    await expect.poll(() => fake.requests[0]!.clientClosed).toBe(true); // the model request was aborted
    // Stopping a finished answer changes nothing.
    expect(await alice.chat.stop({ orgSlug: ORG, messageId: assistantMessageId })).toEqual({
      messageId: assistantMessageId,
      stopped: false,
    });
    const vic = await callerFor("vic@acme.test");
    expect(await codeOf(vic.chat.stop({ orgSlug: ORG, messageId: assistantMessageId }))).toBe("NOT_FOUND");
  });

  it("a stop requested while the answer runs elsewhere is picked up from the database", async () => {
    fake.enqueue(reply.text("Another slow answer that another instance will stop", { holdAfter: 5 }));
    const res = await post("alice@acme.test", { orgSlug: ORG, projectId: P, message: "Slow" });
    const evs = await collect(res, async (ev) => {
      if (ev.event === "start") {
        // What chat.stop does on an instance that is not running the answer.
        const { getCentralDb } = await import("@/server/db/central");
        const { getTenantDb } = await import("@/server/db/tenant");
        const org = await getCentralDb().organization.findUniqueOrThrow({ where: { slug: ORG } });
        await getTenantDb(org).chatMessage.update({
          where: { id: String(ev.data.assistantMessageId) },
          data: { status: "stopping" },
        });
      }
    });
    expect(doneOf(evs)).toMatchObject({ status: "interrupted", contextRefs: { marker: "stopped" } });
  });

  it("the client going away (stream closed) stops the answer and stores it as stopped", async () => {
    fake.enqueue(
      reply.text("The client will leave before this answer finishes streaming to it", { holdAfter: 6 }),
    );
    const ac = new AbortController();
    const res = await post(
      "alice@acme.test",
      { orgSlug: ORG, projectId: P, message: "Bye" },
      { signal: ac.signal },
    );
    const evs = await collect(res, (ev) => {
      if (ev.event === "delta") ac.abort();
    });
    expect(evs.some((e) => e.event === "done")).toBe(false); // gone before the end
    const alice = await callerFor("alice@acme.test");
    await expect
      .poll(async () => (await alice.chat.history({ orgSlug: ORG, sessionId: res.sessionId })).messages[1], {
        timeout: 5000,
      })
      .toMatchObject({ status: "interrupted", contextRefs: { marker: "stopped" } });
    await expect.poll(() => fake.requests[0]!.clientClosed).toBe(true); // the model request was aborted
  });

  it("a second stream for the same answer (a reconnect) follows it instead of asking the model again", async () => {
    fake.enqueue(reply.text("Written once, however many streams follow it", { holdAfter: 6 }));
    const res = await post("alice@acme.test", { orgSlug: ORG, projectId: P, message: "Once?" });
    let second: Promise<Ev[]> | undefined;
    const first = await collect(res, (ev) => {
      if (ev.event === "delta" && !second) {
        second = collect(res);
        // Let the second stream attach, then let the model finish.
        setTimeout(() => fake.release(), 300);
      }
    });
    const follower = await second!;
    expect(fake.requests).toHaveLength(1);
    expect(follower.map((e) => e.event)).toEqual(["start", "done"]);
    expect(follower[0]!.data).toMatchObject({ sessionId: res.sessionId, assistantMessageId: res.messageId });
    expect(doneOf(first)).toMatchObject({
      status: "complete",
      content: "Written once, however many streams follow it",
    });
    expect(doneOf(follower)).toEqual(doneOf(first));
    // Once written, a stream for it only hands over the stored answer.
    expect((await collect(res)).map((e) => e.event)).toEqual(["start", "done"]);
  });

  it("stopped before its stream starts, an answer is stored as stopped and never asks the model", async () => {
    const res = await post("alice@acme.test", { orgSlug: ORG, projectId: P, message: "Never mind" });
    const alice = await callerFor("alice@acme.test");
    expect(await alice.chat.stop({ orgSlug: ORG, messageId: res.messageId })).toEqual({
      messageId: res.messageId,
      stopped: true,
    });
    const evs = await collect(res);
    expect(evs.map((e) => e.event)).toEqual(["start", "done"]);
    expect(doneOf(evs)).toMatchObject({
      status: "interrupted",
      content: STOPPED_MARKER,
      contextRefs: { scope: "project" },
    });
    expect(fake.requests).toHaveLength(0);
  });
});
