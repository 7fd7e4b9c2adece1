import { describe, expect, it } from "vitest";
import { readSse, SseParser } from "./sse";

describe("SseParser", () => {
  it("parses events split across chunks, with CRLF and comments", () => {
    const p = new SseParser();
    expect(p.push("event: delta\r\ndata: {\"text\":\"He")).toEqual([]);
    expect(p.push("llo\"}\r\n\r\n: keep-alive\n\nevent: done\ndata: {}\n\n")).toEqual([
      { event: "delta", data: '{"text":"Hello"}' },
      { event: "done", data: "{}" },
    ]);
  });

  it("joins multi-line data and defaults the event name", () => {
    expect(new SseParser().push("data: a\ndata: b\n\n")).toEqual([{ event: "message", data: "a\nb" }]);
  });

  it("reads a byte stream, multi-byte characters split across chunks included", async () => {
    const bytes = new TextEncoder().encode('event: delta\ndata: {"text":"🚀 ok"}\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, 30));
        c.enqueue(bytes.slice(30));
        c.close();
      },
    });
    const got = [];
    for await (const ev of readSse(body)) got.push(ev);
    expect(got).toEqual([{ event: "delta", data: '{"text":"🚀 ok"}' }]);
  });
});
