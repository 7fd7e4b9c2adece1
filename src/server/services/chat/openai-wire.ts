/**
 * The provider-neutral round (provider.ts) as an OpenAI chat-completions request: the system prompt
 * as a `system` message, assistant tool calls as `tool_calls` (arguments as a JSON string), tool
 * results as `tool` role messages, tools as `{type: "function", function: {name, description,
 * parameters}}`.
 */
import type { ModelSettings } from "./model";
import type { ChatToolChoice, ChatTurnMessage, RoundParams } from "./provider";

export type OaToolCall = {
  index?: number;
  id?: string;
  type?: "function";
  function?: { name?: string; arguments?: string };
};

export type OaMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string | null; tool_calls?: OaToolCall[] }
  | { role: "tool"; tool_call_id: string; content: string };

/** A message (non-streaming) or a delta (streaming) of a choice. */
export type OaChoiceMessage = { role?: string; content?: string | null; tool_calls?: OaToolCall[] };

export type OaUsage = { prompt_tokens?: number; completion_tokens?: number };

export function toOpenAiMessages(system: string, messages: readonly ChatTurnMessage[]): OaMessage[] {
  const out: OaMessage[] = [{ role: "system", content: system }];
  for (const m of messages) {
    if (typeof m.content === "string") {
      out.push({ role: m.role, content: m.content });
      continue;
    }
    if (m.role === "assistant") {
      const text = m.content
        .filter((b) => b.type === "text")
        .map((b) => b.text)
        .join("");
      const calls = m.content.flatMap((b) =>
        b.type === "tool_use"
          ? [
              {
                id: b.id,
                type: "function" as const,
                function: { name: b.name, arguments: JSON.stringify(b.input) },
              },
            ]
          : [],
      );
      out.push({ role: "assistant", content: text || null, ...(calls.length ? { tool_calls: calls } : {}) });
      continue;
    }
    const texts: string[] = [];
    for (const b of m.content) {
      if (b.type === "tool_result")
        out.push({ role: "tool", tool_call_id: b.tool_use_id, content: b.content });
      else texts.push(b.text);
    }
    if (texts.length) out.push({ role: "user", content: texts.join("\n\n") });
  }
  return out;
}

function toolChoice(c: ChatToolChoice | undefined) {
  if (!c || c.type === "auto") return undefined;
  if (c.type === "none") return "none";
  return { type: "function", function: { name: c.name } };
}

export function chatCompletionsBody(s: ModelSettings, p: RoundParams, stream: boolean) {
  const choice = toolChoice(p.toolChoice);
  return {
    model: s.model,
    max_tokens: s.maxOutputTokens,
    messages: toOpenAiMessages(p.system, p.messages),
    ...(p.tools.length
      ? {
          tools: p.tools.map((t) => ({
            type: "function",
            function: { name: t.name, description: t.description, parameters: t.input_schema },
          })),
        }
      : {}),
    ...(choice ? { tool_choice: choice } : {}),
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : { stream: false }),
  };
}
