/**
 * Text with http(s) links made clickable. Everything is rendered as React text
 * nodes (never as HTML), so markup in notes, titles or imported data shows as
 * the characters it is; only `http:`/`https:` URLs become links — `javascript:`,
 * `data:` and the like stay plain text.
 */
const URL_RE = /(https?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}])/gi;

/** The URL if it is a well-formed http(s) address, else null. */
export function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(URL_RE);
  return (
    <>
      {parts.map((part, i) => {
        const href = i % 2 === 1 ? safeHref(part) : null;
        return href ? (
          <a
            key={i}
            href={href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="rounded-sm font-medium break-all text-blue-700 underline underline-offset-2 hover:text-blue-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
          >
            {part}
          </a>
        ) : (
          <span key={i}>{part}</span>
        );
      })}
    </>
  );
}
