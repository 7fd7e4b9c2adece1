import { describe, expect, it } from "vitest";
import { chatCompletionsBody, toOpenAiMessages } from "./openai-wire";
import type { ModelSettings } from "./model";

const S: ModelSettings = {
  provider: "openai",
  apiKey: "",
  baseURL: "http://x/v1",
  model: "m",
  maxRetries: 0,
  timeoutMs: 1000,
  maxOutputTokens: 100,
  maxToolRounds: 3,
};

describe("toOpenAiMessages", () => {
  it.each([
    {
      name: "plain turns",
      messages: [
        { role: "user" as const, content: "Hi" },
        { role: "assistant" as const, content: "Hello" },
      ],
      want: [
        { role: "system", content: "SYS" },
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello" },
      ],
    },
    {
      name: "tool calls and their results (tool role, in order), text after them as a user message",
      messages: [
        {
          role: "assistant" as const,
          content: [
            { type: "text" as const, text: "Checking." },
            { type: "tool_use" as const, id: "c1", name: "list_items", input: { open_only: true } },
            { type: "tool_use" as const, id: "c2", name: "get_item", input: { item_num: 3 } },
          ],
        },
        {
          role: "user" as const,
          content: [
            { type: "tool_result" as const, tool_use_id: "c1", content: '{"a":1}' },
            { type: "tool_result" as const, tool_use_id: "c2", content: '{"error":"x"}', is_error: true },
            { type: "text" as const, text: "And?" },
          ],
        },
      ],
      want: [
        { role: "system", content: "SYS" },
        {
          role: "assistant",
          content: "Checking.",
          tool_calls: [
            { id: "c1", type: "function", function: { name: "list_items", arguments: '{"open_only":true}' } },
            { id: "c2", type: "function", function: { name: "get_item", arguments: '{"item_num":3}' } },
          ],
        },
        { role: "tool", tool_call_id: "c1", content: '{"a":1}' },
        { role: "tool", tool_call_id: "c2", content: '{"error":"x"}' },
        { role: "user", content: "And?" },
      ],
    },
    {
      name: "an assistant turn with only a tool call has null content",
      messages: [
        {
          role: "assistant" as const,
          content: [{ type: "tool_use" as const, id: "c", name: "t", input: {} }],
        },
      ],
      want: [
        { role: "system", content: "SYS" },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "c", type: "function", function: { name: "t", arguments: "{}" } }],
        },
      ],
    },
  ])("$name", ({ messages, want }) => {
    expect(toOpenAiMessages("SYS", messages)).toEqual(want);
  });
});

describe("chatCompletionsBody", () => {
  const tools = [{ name: "t", description: "d", input_schema: { type: "object" as const, properties: {} } }];
  it.each([
    [undefined, undefined],
    [{ type: "auto" as const }, undefined],
    [{ type: "none" as const }, "none"],
    [
      { type: "tool" as const, name: "t" },
      { type: "function", function: { name: "t" } },
    ],
  ])("tool choice %j → %j", (choice, want) => {
    const body = chatCompletionsBody(S, { system: "s", messages: [], tools, toolChoice: choice }, false);
    expect(body).toMatchObject({ model: "m", max_tokens: 100, stream: false });
    expect((body as { tool_choice?: unknown }).tool_choice).toEqual(want);
    expect(body.tools).toEqual([
      { type: "function", function: { name: "t", description: "d", parameters: tools[0]!.input_schema } },
    ]);
  });
  it("streaming asks for usage; no tools → no tools field", () => {
    const body = chatCompletionsBody(S, { system: "s", messages: [], tools: [] }, true);
    expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect("tools" in body).toBe(false);
  });
});
