import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LinkifiedText, safeHref } from "./linkified-text";

const render = (text: string) => renderToStaticMarkup(createElement(LinkifiedText, { text }));

describe("LinkifiedText (notes, titles, imported text)", () => {
  it("renders markup as inert text", () => {
    const html = render(
      `<img src=x onerror=alert(1)> <script>alert(2)</script> <a href="javascript:alert(3)">x</a>`,
    );
    expect(html).not.toMatch(/<img|<script|<a /i);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(html).not.toMatch(/href="javascript:/i);
  });

  it("never links javascript:, data: or other schemes", () => {
    const html = render(
      "see javascript:alert(1) and data:text/html,<b>x</b> or ftp://host/file or vbscript:msgbox",
    );
    expect(html).not.toContain("<a");
    expect(html).toContain("javascript:alert(1)");
  });

  it("links http(s) URLs with noopener noreferrer, leaving trailing punctuation out", () => {
    const html = render("Spec at https://example.com/spec?a=1&b=2. Also (http://intranet.local/x)!");
    expect(html).toContain(
      '<a href="https://example.com/spec?a=1&amp;b=2" target="_blank" rel="noopener noreferrer nofollow"',
    );
    expect(html).toContain('href="http://intranet.local/x"');
    expect(html).toContain("</a><span>. Also (</span>");
    expect(html.match(/<a /g)).toHaveLength(2);
  });

  it("cannot be tricked into an attribute break-out", () => {
    const html = render(`https://example.com/"onmouseover="alert(1) https://example.com/a'b`);
    expect(html).not.toMatch(/onmouseover="alert/);
    expect(html).not.toMatch(/<a[^>]+'/);
  });

  it("keeps line breaks and plain text as is", () => {
    expect(render("line 1\nline 2")).toBe("<span>line 1\nline 2</span>");
  });
});

describe("safeHref", () => {
  it("accepts only http and https", () => {
    expect(safeHref("https://example.com")).toBe("https://example.com/");
    expect(safeHref("HTTP://EXAMPLE.com/A")).toBe("http://example.com/A");
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("data:text/html,x")).toBeNull();
    expect(safeHref("not a url")).toBeNull();
  });
});
