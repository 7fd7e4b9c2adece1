/**
 * The assistant through the OpenAI-compatible provider (AI_PROVIDER=openai, as for Ollama or vLLM)
 * against a local fake of the chat-completions API (tests/support/fake-openai.ts, real HTTP):
 * streamed text over chat.ask + chat.stream (Server-Sent Events end to end), a tool-use round trip
 * whose arguments arrive in pieces, the whole-answer path (chat.send), retries, a broken stream,
 * servers that report no usage, and drafting from notes with a forced tool call.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { configureChat } from "@/server/services/chat/deps";
import { INTERRUPTED_MARKER } from "@/domain/assistant";
import { oaReply, startFakeOpenAI, type FakeOpenAI } from "../support/fake-openai";
import { startAuthHttpServer, type CookieJar } from "./auth-http-server";
import { callerFor, makeUser, systemCaller } from "./helpers";
import { doneOf, streamEvents, textOf, type StreamEvent } from "./chat-stream";
import { httpClient, signIn } from "./live-support";

const ORG = "oa";
const TODAY = "2025-03-14";
const KEY = "sk-env-openai-key";

const YAML = `metadata:
  project_name: Apollo
  next_item_num: 3
  workstreams: []
items:
- item_num: 1
  type: Risk
  title: Supplier delay
  start: '2025-02-01'
  finish: '2025-04-30'
  percent_complete: 20
  dep_item_num: []
- item_num: 2
  type: Action Item
  title: Order steel
  start: '2025-03-03'
  finish: '2025-03-20'
  percent_complete: 50
  dep_item_num: []
`;

let fake: FakeOpenAI;
let server: Awaited<ReturnType<typeof startAuthHttpServer>>;
let jar: CookieJar;
let P: string;

type Msg = {
  content: string;
  status: string;
  inputTokens: number;
  outputTokens: number;
  contextRefs: { mode: string; itemNums: number[]; tools: string[]; marker?: string };
};

/** chat.ask, then the chat.stream subscription's events over real HTTP. */
async function ask(message: string): Promise<StreamEvent<Msg>[]> {
  const client = httpClient(server.url, jar);
  const asked = await client.chat.ask.mutate({ orgSlug: ORG, projectId: P, message });
  return streamEvents<Msg>(client, { orgSlug: ORG, messageId: asked.assistantMessageId });
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY });
  server = await startAuthHttpServer();
  process.env.NEXTAUTH_URL = server.url;
  delete process.env.ANTHROPIC_API_KEY;
  Object.assign(process.env, {
    AI_PROVIDER: "openai",
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: KEY,
    OPENAI_MODEL: "llama-test",
    OPENAI_MAX_RETRIES: "2",
  });
  resetEnvCache();
  configureChat({ today: () => TODAY });
  await makeUser("alice@oa.test", "Alice Owner");
  const sys = systemCaller();
  await sys.org.create({ name: "OA", slug: ORG, ownerEmail: "alice@oa.test" });
  P = (await sys.project.importYaml({ orgSlug: ORG, raid: YAML })).projectId;
  jar = await signIn(server.url, "alice@oa.test");
});

afterAll(async () => {
  configureChat({});
  for (const k of ["AI_PROVIDER", "OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL", "OPENAI_MAX_RETRIES"])
    delete process.env[k];
  resetEnvCache();
  await server.close();
  await fake.close();
});

beforeEach(() => {
  fake.reset();
  configureChat({ today: () => TODAY });
});

describe("AI_PROVIDER=openai", () => {
  it("streams a text answer (SSE chunks in, SSE events out), stored with the reported usage", async () => {
    const answer = "Apollo has one open risk and one action due on 2025-03-20.";
    fake.enqueue(
      oaReply.text(answer, { chunkSize: 3, usage: { prompt_tokens: 321, completion_tokens: 17 } }),
    );
    const evs = await ask("How is Apollo doing?");
    expect(evs[0]).toMatchObject({ event: "start", data: { mode: "online", scope: "project" } });
    expect(evs.filter((e) => e.event === "delta").length).toBeGreaterThan(10);
    expect(textOf(evs)).toBe(answer);
    expect(doneOf(evs)).toMatchObject({
      content: answer,
      status: "complete",
      inputTokens: 321,
      outputTokens: 17,
    });

    const req = fake.requests[0]!;
    expect(req.path).toBe("/v1/chat/completions");
    expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req.body).toMatchObject({
      model: "llama-test",
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(req.body.messages[0]!.role).toBe("system");
    expect(req.body.messages[0]!.content).toContain('"Apollo"');
    expect(req.body.messages.at(-1)).toEqual({ role: "user", content: "How is Apollo doing?" });
    expect(req.body.tools!.map((t) => [t.type, t.function.name])).toContainEqual(["function", "list_items"]);
    expect(req.body.tools!.find((t) => t.function.name === "get_item")!.function.parameters).toMatchObject({
      type: "object",
    });
  });

  it("tool use: arguments streamed in pieces → list_items runs → its result goes back as a tool message → #N cited", async () => {
    fake.enqueue(
      oaReply.toolCall(
        "list_items",
        { types: ["Risk"], open_only: true },
        { id: "call_abc", chunkSize: 2, usage: { prompt_tokens: 100, completion_tokens: 20 } },
      ),
      oaReply.text("The open risk is #1 (Supplier delay).", {
        usage: { prompt_tokens: 150, completion_tokens: 12 },
      }),
    );
    const evs = await ask("What are the open risks?");
    expect(evs.filter((e) => e.event === "tool").map((e) => e.data.name)).toEqual(["list_items"]);
    const msg = doneOf(evs);
    expect(msg).toMatchObject({ status: "complete", inputTokens: 250, outputTokens: 32 });
    expect(msg.contextRefs).toMatchObject({ mode: "online", itemNums: [1], tools: ["list_items"] });

    expect(fake.requests).toHaveLength(2);
    const second = fake.requests[1]!.body.messages;
    const assistant = second.find((m) => m.role === "assistant" && m.tool_calls)!;
    expect(assistant.tool_calls).toEqual([
      { id: "call_abc", type: "function", function: { name: "list_items", arguments: expect.any(String) } },
    ]);
    expect(JSON.parse(assistant.tool_calls![0]!.function.arguments)).toEqual({
      types: ["Risk"],
      open_only: true,
    });
    const [result] = fake.toolMessages(1);
    expect(result!.tool_call_id).toBe("call_abc");
    expect(result!.content).toMatchObject({
      asOf: TODAY,
      projects: [{ projectId: P, items: [{ itemNum: 1, type: "Risk", title: "Supplier delay" }] }],
    });
  });

  it("chat.send: non-streaming JSON completions with a tool call, after a 429 and a 503 are retried", async () => {
    const alice = await callerFor("alice@oa.test");
    fake.enqueue(
      oaReply.error(429, { retryAfterMs: 10 }),
      oaReply.error(503),
      oaReply.toolCall("get_item", { item_num: 2 }, { usage: { prompt_tokens: 50, completion_tokens: 5 } }),
      oaReply.text("#2 (Order steel) is half done.", { usage: { prompt_tokens: 60, completion_tokens: 8 } }),
    );
    const res = await alice.chat.send({ orgSlug: ORG, projectId: P, message: "How far is the steel order?" });
    expect(res.message).toMatchObject({
      content: "#2 (Order steel) is half done.",
      status: "complete",
      inputTokens: 110,
      outputTokens: 13,
    });
    expect(fake.requests).toHaveLength(4);
    expect(fake.requests.every((r) => r.body.stream === false)).toBe(true);
    expect(fake.toolMessages(3)[0]!.content).toMatchObject({ item: { itemNum: 2, title: "Order steel" } });
  });

  it("a refused key is an error answer that says so (no retry on 401)", async () => {
    process.env.OPENAI_API_KEY = "sk-wrong";
    resetEnvCache();
    try {
      const alice = await callerFor("alice@oa.test");
      const res = await alice.chat.send({ orgSlug: ORG, projectId: P, message: "Hello?" });
      expect(res.message.status).toBe("error");
      expect(res.message.content).toContain("refused the configured API key");
      expect(fake.requests).toHaveLength(1);
    } finally {
      process.env.OPENAI_API_KEY = KEY;
      resetEnvCache();
    }
  });

  it("a stream broken mid-answer keeps the partial text, marked interrupted", async () => {
    fake.enqueue(
      oaReply.text("Apollo is on track so far, but the supplier", { chunkSize: 5, breakAfter: 4 }),
    );
    const evs = await ask("Status?");
    const msg = doneOf(evs);
    expect(msg.status).toBe("interrupted");
    expect(msg.content).toContain(INTERRUPTED_MARKER);
    expect(msg.content.startsWith(textOf(evs))).toBe(true);
    expect(msg.outputTokens).toBeGreaterThan(0);
  });

  it("a server that reports no usage: tokens are estimated, so budgets still count", async () => {
    fake.enqueue(oaReply.text("All fine.", { usage: null }));
    const msg = doneOf(await ask("Anything urgent?"));
    expect(msg.status).toBe("complete");
    expect(msg.inputTokens).toBeGreaterThan(100); // the system prompt and tools alone
    expect(msg.outputTokens).toBeGreaterThan(0);
  });

  it("drafting from notes: one forced propose_changes call; proposals validated by the contract's schema", async () => {
    const alice = await callerFor("alice@oa.test");
    fake.enqueue(
      oaReply.toolCall("propose_changes", {
        proposals: [
          { kind: "create", type: "Risk", title: "Crane hire may slip", assignedTo: null },
          { kind: "create", type: "Bogus", title: "Dropped: not a type" },
          { kind: "note", itemNum: 1, content: "Supplier now says three weeks" },
        ],
      }),
    );
    const res = await alice.chat.proposeFromNotes({
      orgSlug: ORG,
      projectId: P,
      text: "- Risk: crane hire may slip\n- #1: supplier now says three weeks",
    });
    expect(res.mode).toBe("model");
    expect(res.proposals).toEqual([
      { kind: "create", type: "Risk", title: "Crane hire may slip" },
      { kind: "note", itemNum: 1, content: "Supplier now says three weeks", itemTitle: "Supplier delay" },
    ]);
    const body = fake.requests[0]!.body;
    expect(body.stream).toBe(false);
    expect(body.tool_choice).toEqual({ type: "function", function: { name: "propose_changes" } });
    expect(body.tools!.map((t) => t.function.name)).toEqual(["propose_changes"]);
    expect(JSON.stringify(body.messages)).toContain("#1 [Risk] Supplier delay");
  });

  it("chat.info names the openai model", async () => {
    const alice = await callerFor("alice@oa.test");
    expect(await alice.chat.info({ orgSlug: ORG })).toMatchObject({ mode: "online", model: "llama-test" });
  });
});
