"use client";

import { Fragment, useMemo } from "react";
import { parseMarkdown, type Block, type Inline } from "@/lib/chat-markdown";

/**
 * Renders assistant answers from our safe Markdown subset as React elements
 * (never as HTML). `#N` citations become buttons that open the item.
 */
export function ChatMarkdown({ text, onOpenItem }: { text: string; onOpenItem?: (itemNum: number) => void }) {
  const blocks = useMemo(() => parseMarkdown(text), [text]);
  return (
    <div className="space-y-2 break-words">
      {blocks.map((b, i) => (
        <BlockView key={i} block={b} onOpenItem={onOpenItem} />
      ))}
    </div>
  );
}

function BlockView({ block, onOpenItem }: { block: Block; onOpenItem?: (n: number) => void }) {
  switch (block.t) {
    case "p":
      return (
        <p>
          {block.lines.map((line, i) => (
            <Fragment key={i}>
              {i > 0 && <br />}
              <Inlines nodes={line} onOpenItem={onOpenItem} />
            </Fragment>
          ))}
        </p>
      );
    case "h":
      return (
        <p className={block.level === 1 ? "text-base font-semibold" : "font-semibold"}>
          <Inlines nodes={block.c} onOpenItem={onOpenItem} />
        </p>
      );
    case "ul":
      return (
        <ul className="list-disc space-y-1 pl-5">
          {block.items.map((item, i) => (
            <li key={i}>
              <Inlines nodes={item} onOpenItem={onOpenItem} />
            </li>
          ))}
        </ul>
      );
    case "ol":
      return (
        <ol className="list-decimal space-y-1 pl-5" start={block.start}>
          {block.items.map((item, i) => (
            <li key={i}>
              <Inlines nodes={item} onOpenItem={onOpenItem} />
            </li>
          ))}
        </ol>
      );
    case "pre":
      return (
        <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
          <code>{block.v}</code>
        </pre>
      );
  }
}

function Inlines({ nodes, onOpenItem }: { nodes: Inline[]; onOpenItem?: (n: number) => void }) {
  return (
    <>
      {nodes.map((n, i) => {
        switch (n.t) {
          case "text":
            return <Fragment key={i}>{n.v}</Fragment>;
          case "code":
            return (
              <code
                key={i}
                className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800"
              >
                {n.v}
              </code>
            );
          case "strong":
            return (
              <strong key={i} className="font-semibold">
                <Inlines nodes={n.c} onOpenItem={onOpenItem} />
              </strong>
            );
          case "em":
            return (
              <em key={i}>
                <Inlines nodes={n.c} onOpenItem={onOpenItem} />
              </em>
            );
          case "link":
            return (
              <a
                key={i}
                href={n.href}
                target="_blank"
                rel="noopener noreferrer nofollow"
                className="font-medium break-all text-blue-700 underline underline-offset-2"
              >
                <Inlines nodes={n.c} onOpenItem={onOpenItem} />
              </a>
            );
          case "item":
            return onOpenItem ? (
              <button
                key={i}
                type="button"
                onClick={() => onOpenItem(n.n)}
                className="rounded px-0.5 font-medium text-blue-700 underline decoration-blue-300 underline-offset-2 hover:bg-blue-50 hover:decoration-blue-700 focus-visible:outline-2 focus-visible:outline-blue-600"
                aria-label={`Open item ${n.n}`}
              >
                #{n.n}
              </button>
            ) : (
              <span key={i} className="font-medium">
                #{n.n}
              </span>
            );
        }
      })}
    </>
  );
}
