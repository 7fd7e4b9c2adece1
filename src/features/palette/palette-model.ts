/**
 * Pure parts of the ⌘K palette: what the typed text means and which static
 * entries (pages, projects, commands) it matches. The component adds server
 * search results and runs the chosen entry.
 */

export type PaletteGroup = "Ask AI" | "Commands" | "Items" | "Pages" | "Projects";

/** Order of the groups in the list. */
export const GROUP_ORDER: readonly PaletteGroup[] = ["Ask AI", "Items", "Commands", "Pages", "Projects"];

export type PaletteEntry<A = unknown> = {
  id: string;
  group: PaletteGroup;
  label: string;
  /** Secondary text (org name, item type…); also searched. */
  hint?: string;
  keywords?: readonly string[];
  action: A;
};

/** "#12", "# 12" or "12" (digits only) → 12; anything else → null. */
export function parseItemRef(q: string): number | null {
  const m = /^#?\s*(\d{1,7})$/.exec(q.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 ? n : null;
}

const fold = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/**
 * How well `q` matches an entry: 0 = no match. Every word of the query must
 * start a word of the label, hint or keywords (prefix match, accents and case
 * ignored); a label that starts with the whole query ranks highest.
 */
export function matchScore(entry: Pick<PaletteEntry, "label" | "hint" | "keywords">, q: string): number {
  const query = fold(q.trim());
  if (!query) return 1;
  const label = fold(entry.label);
  const haystack = [label, fold(entry.hint ?? ""), ...(entry.keywords ?? []).map(fold)].join(" ");
  const words = haystack.split(/[^\p{L}\p{N}#]+/u).filter(Boolean);
  const terms = query.split(/[^\p{L}\p{N}#]+/u).filter(Boolean);
  if (!terms.length) return 0;
  if (!terms.every((t) => words.some((w) => w.startsWith(t)))) return 0;
  if (label.startsWith(query)) return 3;
  if (label.split(/\s+/).some((w) => w.startsWith(terms[0]!))) return 2;
  return 1;
}

/**
 * Static entries that match `q`, best first within each group, groups in
 * {@link GROUP_ORDER}; at most `perGroup` of each group (all when empty query
 * would be too long: the list stays scannable).
 */
export function filterEntries<A>(
  entries: readonly PaletteEntry<A>[],
  q: string,
  perGroup = 8,
): PaletteEntry<A>[] {
  const scored = entries
    .map((e, i) => ({ e, i, s: matchScore(e, q) }))
    .filter((x) => x.s > 0)
    .sort(
      (a, b) => GROUP_ORDER.indexOf(a.e.group) - GROUP_ORDER.indexOf(b.e.group) || b.s - a.s || a.i - b.i,
    );
  const counts = new Map<PaletteGroup, number>();
  const out: PaletteEntry<A>[] = [];
  for (const { e } of scored) {
    const c = counts.get(e.group) ?? 0;
    if (c >= perGroup) continue;
    counts.set(e.group, c + 1);
    out.push(e);
  }
  return out;
}

/** "?question" or a question typed in Ask mode → the question; otherwise the trimmed text. */
export function questionOf(q: string): string {
  return (q.startsWith("?") ? q.slice(1) : q).trim();
}

/** Server search runs for at least two characters that are not an item number. */
export function shouldSearch(q: string): boolean {
  const t = q.trim();
  return t.length >= 2 && !t.startsWith("?") && parseItemRef(t) === null;
}
