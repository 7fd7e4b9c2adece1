/**
 * The OpenAI-compatible provider: `POST {baseURL}/chat/completions`, as OpenAI, Ollama, vLLM and
 * others serve it — a small client on node:http rather than an SDK, so that an org admin's base URL
 * goes through the public-address guard of src/server/net/outbound.ts (unless
 * AI_ALLOW_PRIVATE_BASE_URLS). Streaming reads Server-Sent Events (`data: {chunk}` … `data: [DONE]`):
 * text deltas, tool calls whose `function.arguments` arrive in pieces, usage when the server sends
 * it (`stream_options.include_usage`; without it, tokens are estimated at ≈ 4 characters each).
 * 408/409/429/5xx answers and failed connections are retried with back-off (`retry-after(-ms)` wins)
 * before any of the answer arrived; a stream that ends without `[DONE]` or a finish reason is broken.
 */
import type { IncomingMessage } from "node:http";
import { env } from "@/env";
import { BlockedAddressError, InsecureUrlError, postStreaming } from "@/server/net/outbound";
import type { ModelSettings } from "./model";
import { chatCompletionsBody, type OaChoiceMessage, type OaUsage } from "./openai-wire";
import {
  isAbort,
  ModelHttpError,
  StreamBrokenError,
  type AssistantBlock,
  type ChatProvider,
  type RoundOptions,
  type RoundParams,
  type RoundResult,
} from "./provider";

const MAX_ERROR_BYTES = 64 * 1024;
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Whether this configuration may reach private addresses and plain http. */
export function allowsPrivate(s: Pick<ModelSettings, "publicOnly">): boolean {
  return !s.publicOnly || env().AI_ALLOW_PRIVATE_BASE_URLS;
}

export function completionsUrl(baseURL: string): string {
  return `${baseURL.replace(/\/+$/, "")}/chat/completions`;
}

function retryDelayMs(res: IncomingMessage | null, attempt: number): number {
  const ms = Number(res?.headers["retry-after-ms"]);
  if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, 60_000);
  const secs = Number(res?.headers["retry-after"]);
  if (Number.isFinite(secs) && secs >= 0) return Math.min(secs * 1000, 60_000);
  return Math.min(500 * 2 ** attempt, 8_000) * (0.75 + Math.random() * 0.25);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException("Aborted", "AbortError"));
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => (clearTimeout(t), reject(new DOMException("Aborted", "AbortError"))),
      {
        once: true,
      },
    );
  });
}

async function readText(res: IncomingMessage, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) {
      res.destroy();
      break;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function errorMessage(status: number, text: string): string {
  try {
    const j = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const m = typeof j.error === "string" ? j.error : (j.error?.message ?? j.message);
    if (typeof m === "string" && m) return `${status}: ${m.slice(0, 300)}`;
  } catch {
    /* not JSON */
  }
  return `${status}: the model API answered with an error`;
}

/** An idle timer that aborts `ac` when no data arrives for `ms`; `kick` restarts it. */
function idleTimer(ac: AbortController, ms: number) {
  let timedOut = false;
  let t: NodeJS.Timeout | undefined;
  const kick = () => {
    clearTimeout(t);
    t = setTimeout(() => {
      timedOut = true;
      ac.abort(new DOMException("The model API did not answer in time", "TimeoutError"));
    }, ms);
  };
  return { kick, stop: () => clearTimeout(t), timedOut: () => timedOut };
}

/** POSTs the request, retrying what may succeed on another try; resolves with a 2xx response. */
async function send(
  s: ModelSettings,
  body: string,
  signal: AbortSignal,
  timer: ReturnType<typeof idleTimer>,
  userSignal?: AbortSignal,
): Promise<IncomingMessage> {
  const allowPrivate = allowsPrivate(s);
  const url = completionsUrl(s.baseURL ?? "");
  for (let attempt = 0; ; attempt++) {
    timer.kick();
    let res: IncomingMessage;
    try {
      res = await postStreaming(url, body, {
        allowPrivate,
        httpsOnly: !allowPrivate,
        signal,
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          ...(s.apiKey ? { authorization: `Bearer ${s.apiKey}` } : {}),
        },
      });
    } catch (err) {
      if (userSignal?.aborted) throw err;
      if (err instanceof BlockedAddressError || err instanceof InsecureUrlError) throw err;
      if (attempt < s.maxRetries && !timer.timedOut()) {
        await sleep(retryDelayMs(null, attempt), signal);
        continue;
      }
      throw new ModelHttpError(undefined, "Could not reach the model API", err);
    }
    const status = res.statusCode ?? 0;
    if (status >= 200 && status < 300) return res;
    const text = await readText(res, MAX_ERROR_BYTES).catch(() => "");
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    if (retryable && attempt < s.maxRetries) {
      await sleep(retryDelayMs(res, attempt), signal);
      continue;
    }
    // Some servers echo (part of) the key in their error message; errors are logged.
    const message = errorMessage(status, text);
    throw new ModelHttpError(status, s.apiKey ? message.split(s.apiKey).join("[key]") : message);
  }
}

type PartialCall = { id: string; name: string; args: string };

function finishContent(text: string, calls: PartialCall[]): AssistantBlock[] {
  const content: AssistantBlock[] = text ? [{ type: "text", text }] : [];
  calls.forEach((c, i) => {
    if (!c?.name) return;
    let input: Record<string, unknown> = {};
    try {
      const parsed: unknown = c.args.trim() ? JSON.parse(c.args) : {};
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
        input = parsed as Record<string, unknown>;
    } catch {
      input = {};
    }
    content.push({ type: "tool_use", id: c.id || `call_${i}`, name: c.name, input });
  });
  return content;
}

function stopReasonOf(finish: string | null, hasCalls: boolean): string | null {
  if (hasCalls) return "tool_use";
  if (finish === "stop") return "end_turn";
  if (finish === "length") return "max_tokens";
  return finish;
}

const estimate = (chars: number) => Math.ceil(chars / 4);

async function* openaiRound(
  s: ModelSettings,
  p: RoundParams,
  opts: RoundOptions,
): AsyncGenerator<string, RoundResult> {
  const body = JSON.stringify(chatCompletionsBody(s, p, opts.stream));
  const ac = new AbortController();
  const onAbort = () => ac.abort(opts.signal?.reason);
  if (opts.signal?.aborted) ac.abort();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  const timer = idleTimer(ac, s.timeoutMs);
  const usage = { input: 0, output: 0, given: false };
  const take = (u: OaUsage | null | undefined) => {
    if (!u) return;
    usage.given = true;
    usage.input = u.prompt_tokens ?? usage.input;
    usage.output = u.completion_tokens ?? usage.output;
  };
  let text = "";
  const calls: PartialCall[] = [];
  const tokens = () =>
    usage.given
      ? { inputTokens: usage.input, outputTokens: usage.output }
      : {
          inputTokens: estimate(body.length),
          outputTokens: estimate(text.length + JSON.stringify(calls).length),
        };
  try {
    let res: IncomingMessage;
    try {
      res = await send(s, body, ac.signal, timer, opts.signal);
    } catch (err) {
      if (opts.signal?.aborted) throw new DOMException("Stopped", "AbortError");
      if (timer.timedOut()) throw new ModelHttpError(undefined, "The model API did not answer in time", err);
      throw err;
    }

    if (!opts.stream) {
      const raw = await readText(res, MAX_BODY_BYTES).catch((err: unknown) => {
        if (opts.signal?.aborted) throw new DOMException("Stopped", "AbortError");
        throw new ModelHttpError(undefined, "The model API's answer broke off", err);
      });
      const json = JSON.parse(raw) as {
        choices?: { message?: OaChoiceMessage; finish_reason?: string }[];
        usage?: OaUsage;
      };
      const choice = json.choices?.[0];
      text = choice?.message?.content ?? "";
      for (const [i, tc] of (choice?.message?.tool_calls ?? []).entries())
        calls[i] = { id: tc.id ?? "", name: tc.function?.name ?? "", args: tc.function?.arguments ?? "" };
      take(json.usage);
      if (text) yield text;
      const content = finishContent(text, calls);
      return {
        content,
        stopReason: stopReasonOf(
          choice?.finish_reason ?? null,
          content.some((b) => b.type === "tool_use"),
        ),
        ...tokens(),
      };
    }

    let finish: string | null = null;
    let done = false;
    let buf = "";
    try {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        timer.kick();
        buf += chunk.toString("utf8");
        const lines = buf.split(/\r?\n/);
        buf = lines.pop() ?? "";
        for (const line of lines) {
          if (!line.startsWith("data:")) continue;
          const data = line.slice(5).trim();
          if (data === "[DONE]") {
            done = true;
            continue;
          }
          if (!data) continue;
          const ev = JSON.parse(data) as {
            choices?: { delta?: OaChoiceMessage; finish_reason?: string | null }[];
            usage?: OaUsage | null;
            error?: { message?: string } | string;
          };
          if (ev.error) throw new ModelHttpError(500, errorMessage(500, data));
          take(ev.usage);
          const choice = ev.choices?.[0];
          if (!choice) continue;
          if (choice.finish_reason) finish = choice.finish_reason;
          const delta = choice.delta;
          if (delta?.content) {
            text += delta.content;
            yield delta.content;
          }
          for (const tc of delta?.tool_calls ?? []) {
            const i = tc.index ?? calls.length;
            const c = (calls[i] ??= { id: "", name: "", args: "" });
            if (tc.id) c.id = tc.id;
            if (tc.function?.name) c.name += tc.function.name;
            if (tc.function?.arguments) c.args += tc.function.arguments;
          }
        }
      }
    } catch (err) {
      if (isAbort(err) && opts.signal?.aborted) throw err;
      if (opts.signal?.aborted) throw new DOMException("Stopped", "AbortError");
      if (err instanceof ModelHttpError && !text) throw err;
      const t = tokens();
      throw new StreamBrokenError(t.inputTokens, t.outputTokens, err);
    }
    if (opts.signal?.aborted) throw new DOMException("Stopped", "AbortError");
    if (!done && !finish) {
      const t = tokens();
      throw new StreamBrokenError(t.inputTokens, t.outputTokens);
    }
    const content = finishContent(text, calls);
    return {
      content,
      stopReason: stopReasonOf(
        finish,
        content.some((b) => b.type === "tool_use"),
      ),
      ...tokens(),
    };
  } finally {
    timer.stop();
    opts.signal?.removeEventListener("abort", onAbort);
  }
}

export const openaiProvider: ChatProvider = { round: openaiRound };
