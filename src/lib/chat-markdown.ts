/**
 * A small, safe Markdown subset for assistant answers: paragraphs, line
 * breaks, headings, bullet and numbered lists, fenced and inline code, bold,
 * italic, http(s)/mailto links, bare URLs, backslash escapes, and `#N` item
 * citations. It parses to plain data; the React renderer turns that into
 * elements, so model output is never treated as HTML.
 */

export type Inline =
  | { t: "text"; v: string }
  | { t: "code"; v: string }
  | { t: "strong"; c: Inline[] }
  | { t: "em"; c: Inline[] }
  | { t: "link"; href: string; c: Inline[] }
  | { t: "item"; n: number };

export type Block =
  | { t: "p"; lines: Inline[][] }
  | { t: "h"; level: 1 | 2 | 3; c: Inline[] }
  | { t: "ul"; items: Inline[][] }
  | { t: "ol"; start: number; items: Inline[][] }
  | { t: "pre"; v: string };

const ESCAPABLE = "\\`*_[]<>#()!-.+{}|~";

/** Only these URL schemes become links. */
export function safeHref(url: string): string | null {
  const u = url.trim();
  return /^(https?:\/\/|mailto:)[^\s<>"']+$/i.test(u) ? u : null;
}

function pushText(out: Inline[], v: string) {
  if (!v) return;
  const last = out[out.length - 1];
  if (last?.t === "text") last.v += v;
  else out.push({ t: "text", v });
}

const URL_RE = /^https?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]]/i;

/** Inline Markdown → nodes. Unclosed markers stay literal text. */
export function parseInline(src: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let i = 0;
  let text = "";
  const flush = () => {
    pushText(out, text);
    text = "";
  };
  while (i < src.length) {
    const ch = src[i]!;
    const prev = i > 0 ? src[i - 1]! : "";
    // Backslash escapes.
    if (ch === "\\" && i + 1 < src.length && ESCAPABLE.includes(src[i + 1]!)) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    // Inline code.
    if (ch === "`") {
      const end = src.indexOf("`", i + 1);
      if (end > i + 1) {
        flush();
        out.push({ t: "code", v: src.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    // Item citations: #42 (not part of a word, an entity or an anchor).
    if (ch === "#" && !/[\w&#/]/.test(prev)) {
      const m = /^#(\d{1,7})(?!\w)/.exec(src.slice(i));
      if (m && Number(m[1]) > 0) {
        flush();
        out.push({ t: "item", n: Number(m[1]) });
        i += m[0].length;
        continue;
      }
    }
    if (depth < 4) {
      // Bold: **x** or __x__.
      if ((ch === "*" || ch === "_") && src[i + 1] === ch) {
        const marker = ch + ch;
        const end = src.indexOf(marker, i + 2);
        if (end > i + 2 && (ch === "*" || !/\w/.test(prev))) {
          flush();
          out.push({ t: "strong", c: parseInline(src.slice(i + 2, end), depth + 1) });
          i = end + 2;
          continue;
        }
      }
      // Italic: *x* or _x_ (underscores only at word edges, so snake_case stays text).
      if ((ch === "*" || ch === "_") && src[i + 1] !== ch && src[i + 1] !== " " && src[i + 1] !== undefined) {
        if (ch === "*" || !/\w/.test(prev)) {
          let end = i + 1;
          for (;;) {
            end = src.indexOf(ch, end);
            if (end === -1) break;
            if (
              src[end - 1] !== " " &&
              src[end - 1] !== "\\" &&
              (ch === "*" || !/\w/.test(src[end + 1] ?? ""))
            )
              break;
            end += 1;
          }
          if (end > i + 1) {
            flush();
            out.push({ t: "em", c: parseInline(src.slice(i + 1, end), depth + 1) });
            i = end + 1;
            continue;
          }
        }
      }
      // Links: [text](url).
      if (ch === "[") {
        const m = /^\[([^\]\n]+)\]\(([^)\s]+)\)/.exec(src.slice(i));
        if (m) {
          const href = safeHref(m[2]!);
          flush();
          if (href) out.push({ t: "link", href, c: parseInline(m[1]!, depth + 1) });
          else pushText(out, m[1]!); // unsafe scheme: keep the words only
          i += m[0].length;
          continue;
        }
      }
    }
    // Bare URLs.
    if ((ch === "h" || ch === "H") && !/\w/.test(prev)) {
      const m = URL_RE.exec(src.slice(i));
      if (m) {
        flush();
        out.push({ t: "link", href: m[0], c: [{ t: "text", v: m[0] }] });
        i += m[0].length;
        continue;
      }
    }
    text += ch;
    i += 1;
  }
  flush();
  return out;
}

/** Block structure → blocks with parsed inline content. */
export function parseMarkdown(src: string): Block[] {
  const lines = src.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { t: "ul" | "ol"; start: number; items: string[] } | null = null;

  const endPara = () => {
    if (para.length) blocks.push({ t: "p", lines: para.map((l) => parseInline(l)) });
    para = [];
  };
  const endList = () => {
    if (!list) return;
    const items = list.items.map((l) => parseInline(l));
    blocks.push(list.t === "ul" ? { t: "ul", items } : { t: "ol", start: list.start, items });
    list = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s*(```|~~~)/.exec(line);
    if (fence) {
      endPara();
      endList();
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!)) body.push(lines[i++]!);
      blocks.push({ t: "pre", v: body.join("\n") });
      continue;
    }
    if (!line.trim()) {
      endPara();
      endList();
      continue;
    }
    const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      endPara();
      endList();
      blocks.push({ t: "h", level: Math.min(3, h[1]!.length) as 1 | 2 | 3, c: parseInline(h[2]!) });
      continue;
    }
    const ul = /^\s*[-*•+]\s+(.*)$/.exec(line);
    const ol = /^\s*(\d{1,4})[.)]\s+(.*)$/.exec(line);
    if (ul || ol) {
      endPara();
      const kind = ul ? "ul" : "ol";
      const current = list as { t: "ul" | "ol"; start: number; items: string[] } | null;
      if (!current || current.t !== kind) {
        endList();
        list = { t: kind, start: ol ? Number(ol[1]) : 1, items: [] };
      }
      list!.items.push(ul ? ul[1]! : ol![2]!);
      continue;
    }
    if (list && /^\s{2,}\S/.test(line)) {
      // Continuation of a list item.
      const l = list as { items: string[] };
      l.items[l.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    endList();
    para.push(line);
  }
  endPara();
  endList();
  return blocks;
}
