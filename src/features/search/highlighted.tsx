/** Renders a snippet whose matches sit between \u0002 and \u0003 markers: matches in <mark>, all as text. */
export function Highlighted({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let rest = text;
  let key = 0;
  while (rest.length) {
    const start = rest.indexOf("\u0002");
    if (start < 0) {
      parts.push(rest);
      break;
    }
    if (start > 0) parts.push(rest.slice(0, start));
    const end = rest.indexOf("\u0003", start + 1);
    const match = rest.slice(start + 1, end < 0 ? undefined : end);
    if (match)
      parts.push(
        <mark key={key++} className="rounded-sm bg-yellow-200 px-0.5 text-slate-900">
          {match}
        </mark>,
      );
    rest = end < 0 ? "" : rest.slice(end + 1);
  }
  // Strip any stray markers left in plain parts.
  return (
    <>{parts.map((p) => (typeof p === "string" ? p.split("\u0002").join("").split("\u0003").join("") : p))}</>
  );
}
