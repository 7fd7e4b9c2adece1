/**
 * The one interface the assistant talks to a model through: a round (system prompt, messages,
 * tools → text as it arrives, then the round's content with tool calls, stop reason and usage),
 * streamed or whole. Two implementations: Anthropic's Messages API (provider-anthropic.ts) and any
 * OpenAI-compatible chat-completions endpoint such as Ollama or vLLM (provider-openai.ts).
 *
 * Messages and tools are in a provider-neutral shape (text, tool_use and tool_result blocks; tools
 * with a JSON-schema `input_schema`) which each provider translates to its wire format.
 */
import { APIError, APIUserAbortError } from "@anthropic-ai/sdk";
import { BlockedAddressError, InsecureUrlError } from "@/server/net/outbound";
import type { ModelSettings } from "./model";

export type TextBlock = { type: "text"; text: string };
export type ToolUseBlock = { type: "tool_use"; id: string; name: string; input: Record<string, unknown> };
export type ToolResultBlock = {
  type: "tool_result";
  tool_use_id: string;
  content: string;
  is_error?: boolean;
};
export type AssistantBlock = TextBlock | ToolUseBlock;

export type ChatTurnMessage =
  | { role: "user"; content: string | (TextBlock | ToolResultBlock)[] }
  | { role: "assistant"; content: string | AssistantBlock[] };

export type ChatTool = {
  name: string;
  description: string;
  input_schema: { type: "object"; properties?: unknown; required?: string[] | null } & Record<
    string,
    unknown
  >;
};

/** auto (default), none (answer in text), or one named tool. */
export type ChatToolChoice = { type: "auto" } | { type: "none" } | { type: "tool"; name: string };

export type RoundParams = {
  system: string;
  messages: ChatTurnMessage[];
  tools: ChatTool[];
  toolChoice?: ChatToolChoice;
};

export type RoundResult = {
  /** The assistant's content as it must be sent back in the next request. */
  content: AssistantBlock[];
  /** "tool_use" when the model wants tool results; "end_turn", "max_tokens"… otherwise. */
  stopReason: string | null;
  inputTokens: number;
  outputTokens: number;
};

export type RoundOptions = { stream: boolean; signal?: AbortSignal };

export interface ChatProvider {
  round(s: ModelSettings, p: RoundParams, opts: RoundOptions): AsyncGenerator<string, RoundResult>;
}

/** The stream stopped before its end (connection lost, server closed it). */
export class StreamBrokenError extends Error {
  constructor(
    readonly inputTokens: number,
    readonly outputTokens: number,
    cause?: unknown,
  ) {
    super("The model's answer stream broke off", { cause });
    this.name = "StreamBrokenError";
  }
}

/** An HTTP error answer from a model API (status undefined: no answer at all). */
export class ModelHttpError extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = "ModelHttpError";
  }
}

export function isAbort(err: unknown): boolean {
  return err instanceof APIUserAbortError || (err instanceof Error && err.name === "AbortError");
}

/** The HTTP status of a model API error (undefined: no answer at all); null: not an API error. */
function statusOf(err: unknown): number | undefined | null {
  if (err instanceof ModelHttpError || err instanceof APIError) return err.status;
  return null;
}

/** A message for the user (no internals) about a failed model call. */
export function describeModelError(err: unknown): string {
  const cause = err instanceof Error ? err.cause : undefined;
  if (err instanceof BlockedAddressError || cause instanceof BlockedAddressError)
    return "The AI service's address is not on the public internet. Ask an administrator to check the AI settings.";
  if (err instanceof InsecureUrlError || cause instanceof InsecureUrlError)
    return "The AI service's address must use https://. Ask an administrator to check the AI settings.";
  const status = statusOf(err);
  if (status !== null) {
    if (status === 429)
      return "The AI service is rate-limiting requests right now. Please try again in a minute.";
    if (status === 529) return "The AI service is overloaded right now. Please try again in a minute.";
    if (status === 401 || status === 403)
      return "The AI service refused the configured API key. Ask an administrator to check it.";
    if (typeof status === "number" && status >= 500)
      return "The AI service had a problem answering. Please try again.";
    if (status === undefined) return "Could not reach the AI service. Please try again.";
  }
  return "The assistant could not answer this time. Please try again.";
}
