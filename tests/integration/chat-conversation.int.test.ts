/**
 * The assistant over the fake Anthropic API: a tool-using conversation streamed
 * through chat.ask + the chat.stream subscription, chat.send, follow-ups and
 * regenerate; then the daily message/token budgets and chat.usage (which count
 * what the conversations above used).
 */
import { describe, expect, it } from "vitest";
import { reply } from "../support/fake-anthropic";
import { callerFor, codeOf } from "./helpers";
import { doneOf, textOf } from "./chat-stream";
import { ORG, OTHER, TODAY, fake, P, B, setDeps, post, collect, refusal, setUpChatWorld } from "./chat-world";

setUpChatWorld();

describe("model conversation with tools", () => {
  it("streams a list_items → get_item conversation citing #N, stored with token counts", async () => {
    const answer =
      "The main open risk is #1 (Supplier delay): the supplier confirmed a two-week slip, which also holds up #3.";
    fake.enqueue(
      reply.toolUse(
        "list_items",
        { types: ["Risk"], open_only: true },
        { preface: "Let me check the risks.", usage: { input_tokens: 100, output_tokens: 20 } },
      ),
      reply.toolUse("get_item", { item_num: 1 }, { usage: { input_tokens: 150, output_tokens: 15 } }),
      reply.text(answer, { usage: { input_tokens: 200, output_tokens: 40 } }),
    );
    const res = await post("alice@acme.test", {
      orgSlug: ORG,
      projectId: P,
      message: "What are the open risks?",
    });
    const evs = await collect(res);

    expect(evs[0]!.event).toBe("start");
    expect(evs[0]!.data).toMatchObject({
      scope: "project",
      mode: "online",
      projects: [{ id: P, name: "Apollo" }],
    });
    expect(evs.filter((e) => e.event === "tool").map((e) => e.data.name)).toEqual(["list_items", "get_item"]);
    expect(evs.filter((e) => e.event === "delta").length).toBeGreaterThan(5); // streamed in pieces
    expect(evs.at(-1)!.event).toBe("done");
    const msg = doneOf(evs);
    expect(textOf(evs)).toBe(`Let me check the risks.\n\n${answer}`);
    expect(msg).toMatchObject({
      content: textOf(evs),
      status: "complete",
      inputTokens: 450,
      outputTokens: 75,
    });
    expect(msg.contextRefs).toEqual({
      scope: "project",
      mode: "online",
      itemNums: [1, 3],
      projectIds: [P],
      tools: ["list_items", "get_item"],
    });

    // What the model was sent: streaming requests, our tools, the scope in the system prompt, real tool results.
    expect(fake.requests).toHaveLength(3);
    const first = fake.requests[0]!.body;
    expect(first.stream).toBe(true);
    expect(first.model).toBe("claude-test");
    expect(first.tools!.map((t) => t.name)).toEqual([
      "list_projects",
      "list_items",
      "get_item",
      "project_dashboard",
      "budget_metrics",
      "risk_register",
      "risk_exposure",
      "critical_path",
      "schedule_forecast",
      "status_report",
      "changes_since",
    ]);
    expect(String(first.system)).toContain('"Apollo"');
    expect(String(first.system)).toContain("#N");
    expect(fake.requests[0]!.headers.authorization).toBe("Bearer sk-test-key");
    const [list] = fake.toolResults(1);
    expect(list!.is_error).toBe(false);
    expect(list!.content).toMatchObject({
      asOf: TODAY,
      projects: [{ projectId: P, total: 1, items: [{ itemNum: 1, type: "Risk", title: "Supplier delay" }] }],
    });
    const [item] = fake.toolResults(2);
    expect(item!.content).toMatchObject({
      item: { itemNum: 1, title: "Supplier delay", indicator: "In Progress" },
      notes: [{ date: "2025-03-10" }, { date: "2025-03-01", content: "Supplier confirmed a two-week slip" }],
      dependents: [{ itemNum: 3 }],
    });

    // Stored: the user's question and the answer, resumable.
    const alice = await callerFor("alice@acme.test");
    const { session, messages } = await alice.chat.history({
      orgSlug: ORG,
      sessionId: String(evs[0]!.data.sessionId),
    });
    expect(session).toMatchObject({ projectId: P, projectName: "Apollo", title: "What are the open risks?" });
    expect(messages.map((m) => [m.role, m.status])).toEqual([
      ["user", "complete"],
      ["assistant", "complete"],
    ]);
    expect(messages[1]).toMatchObject({
      id: msg.id,
      content: msg.content,
      inputTokens: 450,
      outputTokens: 75,
    });
    expect(messages[0]!.contextRefs).toMatchObject({ scope: "project", projectIds: [P] });
  });

  it("chat.send gets the whole answer (JSON, not streamed) and a follow-up resumes the conversation", async () => {
    const alice = await callerFor("alice@acme.test");
    fake.enqueue(
      reply.text("Two items are open: #1 and #3.", { usage: { input_tokens: 30, output_tokens: 12 } }),
    );
    const first = await alice.chat.send({ orgSlug: ORG, projectId: P, message: "How many items are open?" });
    expect(first.message).toMatchObject({
      content: "Two items are open: #1 and #3.",
      status: "complete",
      inputTokens: 30,
      outputTokens: 12,
    });
    expect(fake.requests[0]!.body.stream).toBeFalsy();
    // The model cited items no tool returned: they are not recorded as context.
    expect(first.message.contextRefs.itemNums).toEqual([]);

    fake.enqueue(reply.text("#1 is owned by Vic Viewer."));
    const second = await alice.chat.send({
      orgSlug: ORG,
      sessionId: first.sessionId,
      message: "Who owns the first one?",
    });
    expect(second.sessionId).toBe(first.sessionId);
    expect(fake.requests[1]!.body.messages).toEqual([
      { role: "user", content: "How many items are open?" },
      { role: "assistant", content: "Two items are open: #1 and #3." },
      { role: "user", content: "Who owns the first one?" },
    ]);
  });

  it("regenerate answers the last question again and replaces the previous answer", async () => {
    const alice = await callerFor("alice@acme.test");
    fake.enqueue(reply.text("First try."), reply.text("Second try, citing #1."));
    const { sessionId } = await alice.chat.send({ orgSlug: ORG, projectId: P, message: "Status of #1?" });
    const again = await alice.chat.regenerate({ orgSlug: ORG, sessionId });
    expect(again.message.content).toBe("Second try, citing #1.");
    const { messages } = await alice.chat.history({ orgSlug: ORG, sessionId });
    expect(messages.map((m) => m.content)).toEqual(["Status of #1?", "Second try, citing #1."]);
    expect(fake.requests[1]!.body.messages).toEqual([{ role: "user", content: "Status of #1?" }]);
  });
});

describe("daily budgets and usage", () => {
  const limits = {
    userDailyMessages: 100,
    userDailyTokens: 1_000_000,
    orgDailyMessages: 10_000,
    orgDailyTokens: 100_000_000,
  };

  it("over the per-user message budget → TOO_MANY_REQUESTS, atomically under concurrency", async () => {
    setDeps({ model: () => null, limits: () => ({ ...limits, userDailyMessages: 3 }) });
    const max = await callerFor("max@acme.test");
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        codeOf(max.chat.send({ orgSlug: ORG, projectId: P, message: "What is overdue?" })),
      ),
    );
    expect(results.filter((c) => c === "OK")).toHaveLength(3);
    expect(results.filter((c) => c === "TOO_MANY_REQUESTS")).toHaveLength(3);
    const before = (await max.chat.sessions({ orgSlug: ORG })).length;
    const err = await max.chat
      .send({ orgSlug: ORG, projectId: P, message: "again" })
      .catch((e: unknown) => e as Error);
    expect((err as Error).message).toContain("today's limit of 3 assistant messages");
    expect(await max.chat.sessions({ orgSlug: ORG })).toHaveLength(before); // no empty conversation left behind
    // The streaming route answers 429 with the same message, before any stream starts.
    expect(
      await refusal(post("max@acme.test", { orgSlug: ORG, projectId: P, message: "again" })),
    ).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      status: 429,
      message: expect.stringContaining("today's limit"),
    });
    expect((await max.chat.info({ orgSlug: ORG })).usage).toMatchObject({ messages: 3, messagesLeft: 0 });
  });

  it("over the per-user token budget → TOO_MANY_REQUESTS; tokens are counted per message", async () => {
    setDeps({ limits: () => ({ ...limits, userDailyTokens: 100 }) });
    fake.enqueue(reply.text("A long answer about #1.", { usage: { input_tokens: 80, output_tokens: 30 } }));
    const tess = await callerFor("tess@acme.test");
    const first = await tess.chat.send({ orgSlug: ORG, projectId: P, message: "Tell me everything" });
    expect(first.message).toMatchObject({ inputTokens: 80, outputTokens: 30 });
    expect(await codeOf(tess.chat.send({ orgSlug: ORG, projectId: P, message: "More" }))).toBe(
      "TOO_MANY_REQUESTS",
    );
    expect(fake.requests).toHaveLength(1);
  });

  it("over the org's token or message budget → TOO_MANY_REQUESTS for everyone in the org", async () => {
    const alice = await callerFor("alice@acme.test");
    const usage = await alice.chat.usage({ orgSlug: ORG });
    setDeps({ limits: () => ({ ...limits, orgDailyTokens: usage.today.totals.totalTokens }) });
    const err = await alice.chat
      .send({ orgSlug: ORG, projectId: P, message: "hi" })
      .catch((e: unknown) => e as Error);
    expect((err as Error).message).toContain("Your organization has used today's AI allowance");
    setDeps({ limits: () => ({ ...limits, orgDailyMessages: usage.today.totals.messages }) });
    expect(await codeOf(alice.chat.send({ orgSlug: ORG, projectId: P, message: "hi" }))).toBe(
      "TOO_MANY_REQUESTS",
    );
    // Another org is not affected.
    setDeps({
      model: () => null,
      limits: () => ({ ...limits, orgDailyMessages: usage.today.totals.messages }),
    });
    const bob = await callerFor("bob@beta.test");
    expect(await codeOf(bob.chat.send({ orgSlug: OTHER, projectId: B, message: "What is overdue?" }))).toBe(
      "OK",
    );
  });

  it("chat.usage gives org admins totals per user for today and the last 30 days; members get FORBIDDEN", async () => {
    const alice = await callerFor("alice@acme.test");
    const usage = await alice.chat.usage({ orgSlug: ORG });
    expect(usage.today.from).toBe(TODAY);
    expect(usage.last30Days).toMatchObject({ from: "2025-02-13", to: TODAY });
    const tess = usage.today.users.find((u) => u.email === "tess@acme.test");
    expect(tess).toMatchObject({
      name: "Tess Tokens",
      messages: 1,
      inputTokens: 80,
      outputTokens: 30,
      totalTokens: 110,
    });
    expect(usage.today.users.find((u) => u.email === "max@acme.test")).toMatchObject({
      messages: 3,
      totalTokens: 0,
    });
    const sum = usage.today.users.reduce((n, u) => n + u.totalTokens, 0);
    expect(usage.today.totals.totalTokens).toBe(sum);
    expect(usage.last30Days.totals.totalTokens).toBeGreaterThanOrEqual(sum);
    // Stored per-message token counts add up to the daily totals (regenerate replaced one
    // answer, whose tokens stay counted: they were used).
    const aliceRow = usage.today.users.find((u) => u.email === "alice@acme.test")!;
    const sessions = await alice.chat.sessions({ orgSlug: ORG });
    let stored = 0;
    for (const s of sessions) {
      for (const m of (await alice.chat.history({ orgSlug: ORG, sessionId: s.id })).messages)
        stored += m.inputTokens + m.outputTokens;
    }
    expect(stored).toBeGreaterThan(0);
    expect(aliceRow.totalTokens - stored).toBe(20); // "First try." (10 in + 10 out), replaced by regenerate

    const vic = await callerFor("vic@acme.test");
    expect(await codeOf(vic.chat.usage({ orgSlug: ORG }))).toBe("FORBIDDEN");
  });
});
