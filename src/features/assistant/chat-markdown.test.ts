import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChatMarkdown } from "./chat-markdown";

const html = (text: string, onOpenItem?: (n: number) => void) =>
  renderToStaticMarkup(createElement(ChatMarkdown, { text, onOpenItem }));

describe("ChatMarkdown", () => {
  it("never renders model output as HTML", () => {
    const out = html('<script>alert(1)</script> <img src=x onerror="alert(2)"> **<b>bold</b>**');
    expect(out).not.toContain("<script");
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<b>");
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain("<strong");
  });

  it("links #N citations to the item opener and only safe URLs", () => {
    const out = html("See #12 and [x](javascript:alert(1)) or https://example.com/a", () => {});
    expect(out).toContain('aria-label="Open item 12"');
    expect(out).not.toContain("javascript:");
    expect(out).toContain('href="https://example.com/a"');
    expect(out).toContain('rel="noopener noreferrer nofollow"');
  });

  it("renders lists and code blocks", () => {
    const out = html("- #1 one\n- #2 two\n\n```\n<x>\n```");
    expect(out).toMatch(/<ul[^>]*><li>.*#1.*<\/li><li>/);
    expect(out).toContain("<pre");
    expect(out).toContain("&lt;x&gt;");
  });
});
