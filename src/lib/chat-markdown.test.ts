import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown, safeHref } from "./chat-markdown";

describe("parseInline", () => {
  it("turns #N into item citations, but not anchors, entities or words", () => {
    expect(parseInline("See #12, (#3) and x#4 &#39; a/#5")).toEqual([
      { t: "text", v: "See " },
      { t: "item", n: 12 },
      { t: "text", v: ", (" },
      { t: "item", n: 3 },
      { t: "text", v: ") and x#4 &#39; a/#5" },
    ]);
  });

  it("keeps HTML as text", () => {
    expect(parseInline("<script>alert(1)</script> #2")).toEqual([
      { t: "text", v: "<script>alert(1)</script> " },
      { t: "item", n: 2 },
    ]);
  });

  it("parses bold, italic, code and escapes", () => {
    expect(parseInline("**Late** and *soon* `x*y` \\*not\\* snake_case_name")).toEqual([
      { t: "strong", c: [{ t: "text", v: "Late" }] },
      { t: "text", v: " and " },
      { t: "em", c: [{ t: "text", v: "soon" }] },
      { t: "text", v: " " },
      { t: "code", v: "x*y" },
      { t: "text", v: " *not* snake_case_name" },
    ]);
  });

  it("leaves unclosed markers alone", () => {
    expect(parseInline("2 * 3 = 6 and **open")).toEqual([{ t: "text", v: "2 * 3 = 6 and **open" }]);
  });

  it("links only http(s) and mailto", () => {
    expect(parseInline("[docs](https://example.com/a) [bad](javascript:alert(1)) https://x.test/p.")).toEqual(
      [
        { t: "link", href: "https://example.com/a", c: [{ t: "text", v: "docs" }] },
        { t: "text", v: " bad) " },
        { t: "link", href: "https://x.test/p", c: [{ t: "text", v: "https://x.test/p" }] },
        { t: "text", v: "." },
      ],
    );
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("mailto:a@b.test")).toBe("mailto:a@b.test");
  });
});

describe("parseMarkdown", () => {
  it("splits paragraphs, headings, lists and code blocks", () => {
    const blocks = parseMarkdown(
      "**Offline mode** — hi\nsecond line\n\n## Risks\n- #1 one\n- #2 two\n\n1. first\n2. second\n\n```\n<b>raw</b>\n```",
    );
    expect(blocks.map((b) => b.t)).toEqual(["p", "h", "ul", "ol", "pre"]);
    expect(blocks[0]).toMatchObject({
      t: "p",
      lines: [[{ t: "strong" }, { t: "text", v: " — hi" }], [{ t: "text", v: "second line" }]],
    });
    expect(blocks[2]).toEqual({
      t: "ul",
      items: [
        [
          { t: "item", n: 1 },
          { t: "text", v: " one" },
        ],
        [
          { t: "item", n: 2 },
          { t: "text", v: " two" },
        ],
      ],
    });
    expect(blocks[4]).toEqual({ t: "pre", v: "<b>raw</b>" });
  });

  it("does not take a citation at the start of a line for a heading", () => {
    expect(parseMarkdown("#12 is late")).toEqual([
      {
        t: "p",
        lines: [
          [
            { t: "item", n: 12 },
            { t: "text", v: " is late" },
          ],
        ],
      },
    ]);
  });
});
