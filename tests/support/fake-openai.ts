/**
 * A local stand-in for an OpenAI-compatible chat-completions API (OpenAI, Ollama, vLLM), for tests
 * of the OpenAI provider. Real HTTP on 127.0.0.1 on a free port; answers
 * `POST /v1/chat/completions` from a script:
 *
 *   const fake = await startFakeOpenAI();
 *   fake.enqueue(oaReply.toolCall("list_items", { open_only: true }), oaReply.text("See #3."));
 *   fake.requests[1].body      // what was sent: messages (tool role results), tools, tool_choice…
 *   fake.toolMessages(1)       // the `tool` role messages of request 1, content parsed as JSON
 *
 * `stream: true` requests get Server-Sent Events as OpenAI sends them: `data: {chunk}` lines with
 * a role delta, text deltas, tool calls whose `function.arguments` arrive in small pieces over
 * several chunks (id and name in the first), a finish chunk, a usage chunk when
 * `stream_options.include_usage` asked for it, then `data: [DONE]`. Other requests get the JSON
 * completion. Errors carry `retry-after-ms`. A stream can be broken (socket destroyed) after N
 * chunks. With `apiKey`, requests without `Authorization: Bearer <apiKey>` get 401.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type OaScriptedCall = { id?: string; name: string; arguments: Record<string, unknown> | string };

export type OaScriptedMessage = {
  kind: "message";
  text?: string;
  toolCalls?: OaScriptedCall[];
  /** Default: "tool_calls" with tool calls, else "stop". */
  finishReason?: string;
  /** null: no usage at all (servers that do not report it). */
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  /** Characters per text delta and per arguments piece (streaming). */
  chunkSize?: number;
  /** Destroy the socket after this many chunks (a broken stream). */
  breakAfter?: number;
};

export type OaScriptedError = { kind: "error"; status: number; message?: string; retryAfterMs?: number };
export type OaScripted = OaScriptedMessage | OaScriptedError;

export type OaRequest = {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: {
    model?: string;
    stream?: boolean;
    stream_options?: { include_usage?: boolean };
    max_tokens?: number;
    tools?: { type: string; function: { name: string; description?: string; parameters?: unknown } }[];
    tool_choice?: unknown;
    messages: {
      role: string;
      content: string | null;
      tool_call_id?: string;
      tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[];
    }[];
  };
  response: OaScripted | null;
};

export const oaReply = {
  text(text: string, opts: Partial<Omit<OaScriptedMessage, "kind" | "text">> = {}): OaScriptedMessage {
    return { kind: "message", text, ...opts };
  },
  toolCall(
    name: string,
    args: Record<string, unknown>,
    opts: Partial<Omit<OaScriptedMessage, "kind" | "toolCalls">> & { id?: string } = {},
  ): OaScriptedMessage {
    const { id, ...rest } = opts;
    return { kind: "message", toolCalls: [{ id, name, arguments: args }], ...rest };
  },
  tools(calls: OaScriptedCall[], opts: Partial<Omit<OaScriptedMessage, "kind" | "toolCalls">> = {}) {
    return { kind: "message" as const, toolCalls: calls, ...opts };
  },
  error(status: number, opts: Partial<Omit<OaScriptedError, "kind" | "status">> = {}): OaScriptedError {
    return { kind: "error", status, ...opts };
  },
};

export type FakeOpenAI = {
  /** Base URL as configured (`…/v1`). */
  url: string;
  requests: OaRequest[];
  enqueue(...responses: OaScripted[]): void;
  pending(): number;
  /** The `tool` role messages of request `i` (default: the last), content parsed as JSON when it is. */
  toolMessages(i?: number): { tool_call_id: string; content: unknown }[];
  reset(): void;
  close(): Promise<void>;
};

const pieces = (s: string, n: number) => {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += n) out.push(s.slice(i, i + n));
  return out;
};

export async function startFakeOpenAI(opts: { apiKey?: string } = {}): Promise<FakeOpenAI> {
  const queue: OaScripted[] = [];
  const requests: OaRequest[] = [];
  let seq = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        res.writeHead(404, { "content-type": "application/json" });
        return res.end(JSON.stringify({ error: { message: "Not found" } }));
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as OaRequest["body"];
      const entry: OaRequest = { path: req.url, headers: req.headers, body, response: null };
      requests.push(entry);
      if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
        res.writeHead(401, { "content-type": "application/json" });
        return res.end(JSON.stringify({ error: { message: "Incorrect API key provided" } }));
      }
      const scripted = queue.shift() ?? null;
      entry.response = scripted;
      if (!scripted) {
        res.writeHead(500, { "content-type": "application/json" });
        return res.end(JSON.stringify({ error: { message: "fake-openai: nothing scripted" } }));
      }
      if (scripted.kind === "error") {
        res.writeHead(scripted.status, {
          "content-type": "application/json",
          "retry-after-ms": String(scripted.retryAfterMs ?? 5),
        });
        return res.end(
          JSON.stringify({ error: { message: scripted.message ?? `Error ${scripted.status}` } }),
        );
      }
      const id = `chatcmpl-${++seq}`;
      const calls = (scripted.toolCalls ?? []).map((c, i) => ({
        id: c.id ?? `call_${seq}_${i}`,
        name: c.name,
        args: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments),
      }));
      const finish = scripted.finishReason ?? (calls.length ? "tool_calls" : "stop");
      const usage =
        scripted.usage === undefined ? { prompt_tokens: 10, completion_tokens: 5 } : scripted.usage;
      const head = { id, created: 1_700_000_000, model: body.model ?? "fake" };
      if (!body.stream) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(
          JSON.stringify({
            ...head,
            object: "chat.completion",
            choices: [
              {
                index: 0,
                message: {
                  role: "assistant",
                  content: scripted.text ?? null,
                  ...(calls.length
                    ? {
                        tool_calls: calls.map((c) => ({
                          id: c.id,
                          type: "function",
                          function: { name: c.name, arguments: c.args },
                        })),
                      }
                    : {}),
                },
                finish_reason: finish,
              },
            ],
            ...(usage
              ? { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }
              : {}),
          }),
        );
      }
      const n = scripted.chunkSize ?? 4;
      const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
        ...head,
        object: "chat.completion.chunk",
        choices: [{ index: 0, delta, finish_reason: finishReason }],
      });
      const events: unknown[] = [chunk({ role: "assistant", content: "" })];
      for (const p of pieces(scripted.text ?? "", n)) events.push(chunk({ content: p }));
      calls.forEach((c, index) => {
        events.push(
          chunk({
            tool_calls: [{ index, id: c.id, type: "function", function: { name: c.name, arguments: "" } }],
          }),
        );
        for (const p of pieces(c.args, n))
          events.push(chunk({ tool_calls: [{ index, function: { arguments: p } }] }));
      });
      events.push(chunk({}, finish));
      if (body.stream_options?.include_usage && usage)
        events.push({ ...head, object: "chat.completion.chunk", choices: [], usage });
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      events.forEach((ev, i) => {
        if (scripted.breakAfter !== undefined && i >= scripted.breakAfter) return;
        res.write(`data: ${JSON.stringify(ev)}\n\n`);
      });
      if (scripted.breakAfter !== undefined) {
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      res.end("data: [DONE]\n\n");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...r) => void queue.push(...r),
    pending: () => queue.length,
    toolMessages(i = requests.length - 1) {
      return (requests[i]?.body.messages ?? [])
        .filter((m) => m.role === "tool")
        .map((m) => {
          let content: unknown = m.content;
          try {
            content = JSON.parse(String(m.content));
          } catch {
            /* text */
          }
          return { tool_call_id: m.tool_call_id ?? "", content };
        });
    },
    reset() {
      queue.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
