/**
 * The Anthropic provider: the Messages API through `@anthropic-ai/sdk`, one model round
 * (request → text and tool calls), streamed or not. The SDK retries 429, 5xx
 * and 529 (overloaded) with exponential back-off (`ANTHROPIC_MAX_RETRIES`;
 * a `retry-after(-ms)` header from the server wins). A stream that ends
 * without `message_stop` is reported as broken, with the usage seen so far.
 */
import Anthropic, { APIUserAbortError } from "@anthropic-ai/sdk";
import type {
  MessageParam,
  RawMessageStreamEvent,
  Tool,
  ToolChoice,
} from "@anthropic-ai/sdk/resources/messages";
import { logger } from "@/server/logger";
import type { ModelSettings } from "./model";
import {
  isAbort,
  StreamBrokenError,
  type AssistantBlock,
  type ChatProvider,
  type RoundOptions,
  type RoundParams,
  type RoundResult,
  type TextBlock,
} from "./provider";

const sdkLog = logger.child({ component: "anthropic-sdk" });
const sdkLogger = {
  error: (msg: string, ...rest: unknown[]) => sdkLog.error({ detail: rest }, msg),
  warn: (msg: string, ...rest: unknown[]) => sdkLog.warn({ detail: rest }, msg),
  info: (msg: string, ...rest: unknown[]) => sdkLog.info({ detail: rest }, msg),
  debug: (msg: string, ...rest: unknown[]) => sdkLog.debug({ detail: rest }, msg),
};

const g = globalThis as unknown as { __braidAnthropic?: Map<string, Anthropic> };

/** One client per configuration (clients are cheap, but keep-alive connections are worth reusing). */
export function anthropicFor(s: ModelSettings): Anthropic {
  g.__braidAnthropic ??= new Map();
  const key = JSON.stringify([s.apiKey, s.baseURL ?? "", s.maxRetries, s.timeoutMs]);
  let client = g.__braidAnthropic.get(key);
  if (!client) {
    client = new Anthropic({
      apiKey: s.apiKey, // explicit: the SDK then reads no other credential source
      baseURL: s.baseURL ?? "https://api.anthropic.com",
      maxRetries: s.maxRetries,
      timeout: s.timeoutMs,
      logger: sdkLogger,
      logLevel: "warn",
    });
    if (g.__braidAnthropic.size > 8) g.__braidAnthropic.clear();
    g.__braidAnthropic.set(key, client);
  }
  return client;
}

function blockToParam(b: { type: string } & Record<string, unknown>): AssistantBlock | null {
  if (b.type === "text") return typeof b.text === "string" && b.text ? { type: "text", text: b.text } : null;
  if (b.type === "tool_use") {
    return {
      type: "tool_use",
      id: String(b.id),
      name: String(b.name),
      input: (b.input ?? {}) as Record<string, unknown>,
    };
  }
  return null;
}

/**
 * One request to the model. Yields text as it arrives (streaming) or all at
 * once (non-streaming) and returns the round's content, stop reason and usage.
 */
async function* anthropicRound(
  s: ModelSettings,
  p: RoundParams,
  opts: RoundOptions,
): AsyncGenerator<string, RoundResult> {
  const client = anthropicFor(s);
  // The neutral shapes of provider.ts are Anthropic's own (blocks, input_schema, tool_choice).
  const body = {
    model: s.model,
    max_tokens: s.maxOutputTokens,
    system: p.system,
    messages: p.messages as MessageParam[],
    tools: p.tools as Tool[],
    ...(p.toolChoice ? { tool_choice: p.toolChoice as ToolChoice } : {}),
  };

  if (!opts.stream) {
    const msg = await client.messages.create(body, { signal: opts.signal });
    const content = msg.content
      .map((b) => blockToParam(b as unknown as { type: string } & Record<string, unknown>))
      .filter((b): b is AssistantBlock => b !== null);
    const text = content
      .filter((b): b is TextBlock => b.type === "text")
      .map((b) => b.text)
      .join("");
    if (text) yield text;
    return {
      content,
      stopReason: msg.stop_reason,
      inputTokens:
        msg.usage.input_tokens +
        (msg.usage.cache_read_input_tokens ?? 0) +
        (msg.usage.cache_creation_input_tokens ?? 0),
      outputTokens: msg.usage.output_tokens,
    };
  }

  const stream = await client.messages.create({ ...body, stream: true }, { signal: opts.signal });
  const blocks: ({ type: string } & Record<string, unknown>)[] = [];
  const json: string[] = [];
  let inputTokens = 0;
  let outputTokens = 0;
  let stopReason: string | null = null;
  let finished = false;
  try {
    for await (const ev of stream as AsyncIterable<RawMessageStreamEvent>) {
      switch (ev.type) {
        case "message_start": {
          const u = ev.message.usage;
          inputTokens =
            u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0);
          outputTokens = u.output_tokens;
          break;
        }
        case "content_block_start":
          blocks[ev.index] = {
            ...(ev.content_block as unknown as Record<string, unknown>),
            type: ev.content_block.type,
          };
          if (ev.content_block.type === "text") {
            blocks[ev.index]!.text = "";
            if (ev.content_block.text) {
              blocks[ev.index]!.text = ev.content_block.text;
              yield ev.content_block.text;
            }
          }
          if (ev.content_block.type === "tool_use") json[ev.index] = "";
          break;
        case "content_block_delta": {
          const b = blocks[ev.index];
          if (!b) break;
          if (ev.delta.type === "text_delta") {
            b.text = `${String(b.text ?? "")}${ev.delta.text}`;
            yield ev.delta.text;
          } else if (ev.delta.type === "input_json_delta") {
            json[ev.index] = `${json[ev.index] ?? ""}${ev.delta.partial_json}`;
          }
          break;
        }
        case "content_block_stop": {
          const b = blocks[ev.index];
          if (b?.type === "tool_use") {
            const raw = json[ev.index] ?? "";
            try {
              b.input = raw.trim() ? JSON.parse(raw) : {};
            } catch {
              b.input = {};
            }
          }
          break;
        }
        case "message_delta":
          stopReason = ev.delta.stop_reason ?? stopReason;
          if (ev.usage?.output_tokens != null) outputTokens = ev.usage.output_tokens;
          if (ev.usage?.input_tokens != null && ev.usage.input_tokens > inputTokens)
            inputTokens = ev.usage.input_tokens;
          break;
        case "message_stop":
          finished = true;
          break;
      }
    }
  } catch (err) {
    if (isAbort(err) || opts.signal?.aborted) throw err;
    throw new StreamBrokenError(inputTokens, outputTokens, err);
  }
  if (!finished) {
    if (opts.signal?.aborted) throw new APIUserAbortError();
    throw new StreamBrokenError(inputTokens, outputTokens);
  }
  return {
    content: blocks.map((b) => (b ? blockToParam(b) : null)).filter((b): b is AssistantBlock => b !== null),
    stopReason,
    inputTokens,
    outputTokens,
  };
}

export const anthropicProvider: ChatProvider = { round: anthropicRound };
