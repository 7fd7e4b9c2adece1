/**
 * A local stand-in for the Anthropic Messages API, for tests that drive the
 * real `@anthropic-ai/sdk` against it (`baseURL`). Listens on 127.0.0.1 on a
 * free port and answers `POST /v1/messages` from a script:
 *
 *   const fake = await startFakeAnthropic();
 *   fake.enqueue(reply.toolUse("list_items", { open_only: true }), reply.text("See #3."));
 *   ...                       // run the code under test
 *   fake.requests[1].body     // what the SDK sent: messages, tools, tool_result blocks…
 *   fake.toolResults(1)       // the tool_result blocks of request 1, content parsed as JSON
 *
 * Each request takes the next scripted response. `stream: true` requests get
 * Server-Sent Events exactly like the real API (message_start,
 * content_block_start/delta/stop for text and tool_use with input_json_delta,
 * message_delta with usage, message_stop; pings in between); others get the
 * JSON message. Errors (429, 500, 529 overloaded, …) carry `retry-after-ms`
 * so the SDK's back-off stays short. A response can break the stream
 * (the socket is destroyed after N events), end it early without
 * `message_stop`, or hold it open until the client goes away or `release()`.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ScriptedBlock =
  | { type: "text"; text: string }
  | { type: "tool_use"; id?: string; name: string; input: Record<string, unknown> };

export type ScriptedMessage = {
  kind: "message";
  content: ScriptedBlock[];
  /** Defaults to "tool_use" when the content has a tool_use block, else "end_turn". */
  stopReason?: "end_turn" | "tool_use" | "max_tokens" | "stop_sequence";
  usage?: { input_tokens: number; output_tokens: number };
  /** Characters per text_delta (streaming). */
  chunkSize?: number;
  /** Pause between stream events, ms. */
  delayMs?: number;
  /** Destroy the socket after this many events (a broken stream). */
  breakAfter?: number;
  /** End the response cleanly after this many events, without message_stop. */
  endAfter?: number;
  /** Stop sending after this many events and wait until the client disconnects or `release()`. */
  holdAfter?: number;
};

export type ScriptedError = {
  kind: "error";
  status: number;
  type?: string;
  message?: string;
  /** Sent as retry-after-ms (default 5) so retries in tests are quick. */
  retryAfterMs?: number;
};

export type Scripted = ScriptedMessage | ScriptedError;

export type ReceivedRequest = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: {
    model?: string;
    stream?: boolean;
    system?: unknown;
    max_tokens?: number;
    tools?: { name: string; description?: string; input_schema?: unknown }[];
    tool_choice?: unknown;
    messages: { role: "user" | "assistant"; content: string | Record<string, unknown>[] }[];
  };
  /** What the fake answered with (null when nothing was scripted). */
  response: Scripted | null;
  /** True once the client went away before the response finished. */
  clientClosed: boolean;
};

export type ToolResult = { tool_use_id: string; is_error: boolean; content: unknown; raw: string };

export const reply = {
  text(text: string, opts: Partial<Omit<ScriptedMessage, "kind" | "content">> = {}): ScriptedMessage {
    return { kind: "message", content: [{ type: "text", text }], ...opts };
  },
  toolUse(
    name: string,
    input: Record<string, unknown>,
    opts: Partial<Omit<ScriptedMessage, "kind" | "content">> & { id?: string; preface?: string } = {},
  ): ScriptedMessage {
    const { id, preface, ...rest } = opts;
    const content: ScriptedBlock[] = [];
    if (preface) content.push({ type: "text", text: preface });
    content.push({ type: "tool_use", id, name, input });
    return { kind: "message", content, ...rest };
  },
  /** Several tool calls in one assistant turn. */
  tools(
    calls: { name: string; input: Record<string, unknown> }[],
    opts: Partial<Omit<ScriptedMessage, "kind" | "content">> = {},
  ): ScriptedMessage {
    return { kind: "message", content: calls.map((c) => ({ type: "tool_use" as const, ...c })), ...opts };
  },
  error(status: number, opts: Partial<Omit<ScriptedError, "kind" | "status">> = {}): ScriptedError {
    return { kind: "error", status, ...opts };
  },
  overloaded(): ScriptedError {
    return { kind: "error", status: 529, type: "overloaded_error", message: "Overloaded" };
  },
};

export type FakeAnthropic = {
  /** Base URL for the SDK (`baseURL`). */
  url: string;
  requests: ReceivedRequest[];
  enqueue(...responses: Scripted[]): void;
  /** Scripted responses not used yet. */
  pending(): number;
  /** The tool_result blocks in the last message of request `i` (default: the last request). */
  toolResults(i?: number): ToolResult[];
  /** Lets held streams continue (to their end). */
  release(): void;
  /** Resolves when `n` requests have arrived. */
  waitForRequests(n: number, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
};

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

const id = (prefix: string) => `${prefix}_${randomBytes(8).toString("hex")}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function chunks(s: string, size: number): string[] {
  const out: string[] = [];
  const chars = [...s];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(""));
  return out.length ? out : [""];
}

/** The SSE events of a scripted message, as the real API sends them. */
function streamEvents(m: ScriptedMessage, model: string, msgId: string): { event: string; data: unknown }[] {
  const usage = m.usage ?? { input_tokens: 10, output_tokens: 10 };
  const hasTool = m.content.some((b) => b.type === "tool_use");
  const stop = m.stopReason ?? (hasTool ? "tool_use" : "end_turn");
  const evs: { event: string; data: unknown }[] = [
    {
      event: "message_start",
      data: {
        type: "message_start",
        message: {
          id: msgId,
          type: "message",
          role: "assistant",
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: {
            input_tokens: usage.input_tokens,
            output_tokens: 1,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
          },
        },
      },
    },
    { event: "ping", data: { type: "ping" } },
  ];
  m.content.forEach((b, index) => {
    if (b.type === "text") {
      evs.push({
        event: "content_block_start",
        data: { type: "content_block_start", index, content_block: { type: "text", text: "" } },
      });
      for (const part of chunks(b.text, m.chunkSize ?? 8)) {
        evs.push({
          event: "content_block_delta",
          data: { type: "content_block_delta", index, delta: { type: "text_delta", text: part } },
        });
      }
    } else {
      evs.push({
        event: "content_block_start",
        data: {
          type: "content_block_start",
          index,
          content_block: { type: "tool_use", id: b.id ?? id("toolu"), name: b.name, input: {} },
        },
      });
      const json = JSON.stringify(b.input);
      const cut = Math.max(1, Math.floor(json.length / 2));
      for (const part of [json.slice(0, cut), json.slice(cut)]) {
        evs.push({
          event: "content_block_delta",
          data: {
            type: "content_block_delta",
            index,
            delta: { type: "input_json_delta", partial_json: part },
          },
        });
      }
    }
    evs.push({ event: "content_block_stop", data: { type: "content_block_stop", index } });
  });
  evs.push({
    event: "message_delta",
    data: {
      type: "message_delta",
      delta: { stop_reason: stop, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    },
  });
  evs.push({ event: "message_stop", data: { type: "message_stop" } });
  return evs;
}

function jsonMessage(m: ScriptedMessage, model: string, msgId: string) {
  const usage = m.usage ?? { input_tokens: 10, output_tokens: 10 };
  const hasTool = m.content.some((b) => b.type === "tool_use");
  return {
    id: msgId,
    type: "message",
    role: "assistant",
    model,
    content: m.content.map((b) =>
      b.type === "text"
        ? { type: "text", text: b.text }
        : { type: "tool_use", id: b.id ?? id("toolu"), name: b.name, input: b.input },
    ),
    stop_reason: m.stopReason ?? (hasTool ? "tool_use" : "end_turn"),
    stop_sequence: null,
    usage: { ...usage, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}

export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const queue: Scripted[] = [];
  const requests: ReceivedRequest[] = [];
  let releaseHeld: (() => void)[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];

  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => void handle(req, res, Buffer.concat(parts).toString("utf8")));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    const path = (req.url ?? "").split("?")[0] ?? "";
    let body: ReceivedRequest["body"];
    try {
      body = JSON.parse(raw || "{}");
    } catch {
      body = { messages: [] };
    }
    const next = req.method === "POST" && path === "/v1/messages" ? (queue.shift() ?? null) : null;
    const record: ReceivedRequest = {
      method: req.method ?? "",
      path,
      headers: req.headers,
      body,
      response: next,
      clientClosed: false,
    };
    requests.push(record);
    res.on("close", () => {
      if (!res.writableFinished) record.clientClosed = true;
    });
    for (const w of waiters.filter((w) => requests.length >= w.n)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }

    const reqId = id("req");
    if (!next) {
      const message =
        req.method === "POST" && path === "/v1/messages"
          ? "fake-anthropic: no scripted response left"
          : `fake-anthropic: unknown route ${req.method} ${path}`;
      res.writeHead(400, {
        "content-type": "application/json",
        "request-id": reqId,
        "x-should-retry": "false",
      });
      res.end(
        JSON.stringify({
          type: "error",
          error: { type: "invalid_request_error", message },
          request_id: reqId,
        }),
      );
      return;
    }
    if (next.kind === "error") {
      res.writeHead(next.status, {
        "content-type": "application/json",
        "request-id": reqId,
        "retry-after-ms": String(next.retryAfterMs ?? 5),
      });
      res.end(
        JSON.stringify({
          type: "error",
          error: {
            type: next.type ?? ERROR_TYPES[next.status] ?? "api_error",
            message: next.message ?? `Scripted ${next.status}`,
          },
          request_id: reqId,
        }),
      );
      return;
    }

    const model = body.model ?? "claude-test";
    const msgId = id("msg");
    if (!body.stream) {
      res.writeHead(200, { "content-type": "application/json", "request-id": reqId });
      res.end(JSON.stringify(jsonMessage(next, model, msgId)));
      return;
    }

    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      "request-id": reqId,
    });
    res.flushHeaders();
    const events = streamEvents(next, model, msgId);
    for (let i = 0; i < events.length; i++) {
      if (res.destroyed) return;
      if (next.breakAfter !== undefined && i >= next.breakAfter) {
        await sleep(30); // let what was written reach the client first
        res.socket?.destroy();
        return;
      }
      if (next.endAfter !== undefined && i >= next.endAfter) {
        res.end();
        return;
      }
      if (next.holdAfter !== undefined && i === next.holdAfter) {
        await new Promise<void>((resolve) => {
          releaseHeld.push(resolve);
          res.on("close", () => resolve());
        });
        if (res.destroyed || res.writableEnded) return;
      }
      const ev = events[i]!;
      res.write(`event: ${ev.event}\ndata: ${JSON.stringify(ev.data)}\n\n`);
      if (next.delayMs) await sleep(next.delayMs);
    }
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const release = () => {
    const held = releaseHeld;
    releaseHeld = [];
    for (const r of held) r();
  };

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...r) => void queue.push(...r),
    pending: () => queue.length,
    toolResults(i = requests.length - 1) {
      const msgs = requests[i]?.body.messages ?? [];
      const last = msgs[msgs.length - 1];
      if (!last || typeof last.content === "string") return [];
      return last.content
        .filter((b) => b.type === "tool_result")
        .map((b) => {
          const raw = typeof b.content === "string" ? b.content : JSON.stringify(b.content);
          let content: unknown = raw;
          try {
            content = JSON.parse(raw);
          } catch {
            /* plain text */
          }
          return { tool_use_id: String(b.tool_use_id), is_error: b.is_error === true, content, raw };
        });
    },
    release,
    waitForRequests(n, timeoutMs = 10_000) {
      if (requests.length >= n) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`fake-anthropic: waited for ${n} requests, got ${requests.length}`)),
          timeoutMs,
        );
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(t);
            resolve();
          },
        });
      });
    },
    reset() {
      queue.length = 0;
      requests.length = 0;
      release();
    },
    close() {
      release();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
