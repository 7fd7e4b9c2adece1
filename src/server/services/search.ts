/**
 * Global search: PostgreSQL full-text search over item titles, descriptions,
 * notes and attachment names, across every project the caller can see, with
 * highlighted snippets grouped by project. Words match as prefixes ("migr"
 * finds "migration"); "#12" jumps to item 12.
 */
import { TenantPrisma, type TenantDb } from "@/server/db/tenant";
import { MAX_SEARCH_TERMS, searchWordsOf } from "@/domain/item-filter";
import { isIndicator, severityOf } from "@/domain/indicators";
import type { Indicator, ItemType, Severity } from "@/domain/types";

/** Highlight markers in snippets: the UI renders the text between them as a match (never as HTML). */
export const MATCH_START = "\u0002";
export const MATCH_END = "\u0003";

const { sql } = TenantPrisma;

/** User text → a safe prefix tsquery: words of letters/digits only, ANDed; `weight` limits matches to that weight. */
export function toPrefixQuery(q: string, weight = ""): string | null {
  const words = searchWordsOf(q).slice(0, MAX_SEARCH_TERMS);
  return words.length ? words.map((w) => `${w}:*${weight}`).join(" & ") : null;
}

/**
 * At most this many matching items are ranked, and `total` stops here: a
 * one-letter query over 200,000 items costs about what a precise one does,
 * and the best matches of a broad query are no more useful than others.
 */
const MAX_CANDIDATES = 1000;

type MatchedIn = "title" | "description" | "note" | "attachment" | "number";

type Candidate = {
  id: string;
  project_id: string;
  item_num: number;
  rank: number;
  matched_in: MatchedIn;
  note_id: string | null;
  file_name: string | null;
};

type Shown = {
  id: string;
  title: string;
  type: string;
  indicator: string | null;
  snippet: string;
};

/**
 * Matches come from the stored `search_vector` columns through their GIN
 * indexes (items: title weighted A, description B; notes; attachment names);
 * nothing is converted to a tsvector at query time.
 *
 * In stages, each cheap: (1) item numbers and item text; (2) notes and
 * attachment names, only when the items did not already fill the candidate
 * list — an item-text match (rank ≥ 1) always outranks a note or attachment
 * match (rank < 1), so a broad query never needs them; (3) titles and
 * highlighted snippets for the best `limit` items only.
 */
export async function searchItems(db: TenantDb, q: string, visible: string[] | null, limit = 50) {
  const tsq = toPrefixQuery(q);
  const num = /^#?(\d{1,9})$/.exec(q.trim());
  if (!tsq && !num) return { query: q, total: 0, groups: [] as SearchGroup[] };
  // The projects searched, as a plain list (a join would hide from the planner how many rows match);
  // no filter at all when that is every project in the org.
  const projects = await db.project.findMany({ select: { id: true, name: true, deletedAt: true } });
  const allowed = visible === null ? null : new Set(visible);
  const live = projects.filter((p) => !p.deletedAt && (!allowed || allowed.has(p.id)));
  if (!live.length) return { query: q, total: 0, groups: [] as SearchGroup[] };
  const liveIds = live.map((p) => p.id);
  const projectName = new Map(live.map((p) => [p.id, p.name]));
  const everyProject = live.length === projects.length;
  const text = tsq !== null;
  // The tsqueries are written inline (not in a CTE) so the planner sees them and can estimate how
  // many rows match: an index scan for a rare word, a plain scan that stops early for a common one.
  const query = tsq ?? "nomatch";
  const titleQuery = toPrefixQuery(q, "A") ?? "nomatch";
  const inProjects = sql`(${everyProject} OR i.project_id = ANY(${liveIds}::uuid[]))`;

  const itemText = sql`
    (SELECT i.id, i.project_id, i.item_num, 1 + ts_rank(i.search_vector, to_tsquery('simple', ${query})) AS rank,
            CASE WHEN i.search_vector @@ to_tsquery('simple', ${titleQuery}) THEN 'title' ELSE 'description' END AS matched_in,
            NULL::uuid AS note_id, NULL::text AS file_name
       FROM items i
      WHERE ${text} AND i.search_vector @@ to_tsquery('simple', ${query}) AND i.deleted_at IS NULL AND ${inProjects}
      LIMIT ${MAX_CANDIDATES})
    UNION ALL
    SELECT i.id, i.project_id, i.item_num, 10::real, 'number', NULL, NULL
      FROM items i
     WHERE ${num !== null} AND i.item_num = ${num ? Number(num[1]) : -1} AND i.deleted_at IS NULL AND ${inProjects}`;
  // Notes and attachment names of items not already found by their number or text (those rank higher).
  const notYetFound = sql`NOT (i.search_vector @@ to_tsquery('simple', ${query}))
    AND NOT (${num !== null} AND i.item_num = ${num ? Number(num[1]) : -1})`;
  const notesAndFiles = sql`
    (SELECT i.id, i.project_id, i.item_num, ts_rank(n.search_vector, to_tsquery('simple', ${query})) AS rank,
            'note' AS matched_in, n.id AS note_id, NULL::text AS file_name
       FROM item_notes n JOIN items i ON i.id = n.item_id
      WHERE n.search_vector @@ to_tsquery('simple', ${query}) AND n.deleted_at IS NULL
        AND i.deleted_at IS NULL AND ${inProjects} AND ${notYetFound}
      LIMIT ${MAX_CANDIDATES})
    UNION ALL
    (SELECT i.id, i.project_id, i.item_num, 0.5::real, 'attachment', NULL, a.file_name
       FROM attachments a JOIN items i ON i.id = a.item_id
      WHERE a.search_vector @@ to_tsquery('simple', ${query}) AND a.deleted_at IS NULL
        AND i.deleted_at IS NULL AND ${inProjects} AND ${notYetFound}
      LIMIT ${MAX_CANDIDATES})`;
  /** The best match of each item, the best `limit` items (item number breaks ties), and how many there were. */
  const ranked = (sources: TenantPrisma.Sql) => db.$queryRaw<(Candidate & { total: number })[]>`
    WITH candidates AS (${sources}),
    best AS (SELECT DISTINCT ON (id) * FROM candidates ORDER BY id, rank DESC)
    SELECT *, (count(*) OVER ())::int AS total FROM best ORDER BY rank DESC, item_num, project_id LIMIT ${limit}`;
  const found = await ranked(itemText);
  let total = found[0]?.total ?? 0;
  let top: Candidate[] = found;
  // Fewer items than the cap means every item-text match is in: add the others, which all rank lower.
  if (text && total < MAX_CANDIDATES) {
    const others = await ranked(notesAndFiles);
    total += others[0]?.total ?? 0;
    top = [...found, ...others].slice(0, limit);
  }
  total = Math.min(total, MAX_CANDIDATES);
  if (!top.length) return { query: q, total, groups: [] as SearchGroup[] };

  const opts = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=18, MinWords=6, ShortWord=2, MaxFragments=1`;
  const shown = await db.$queryRaw<Shown[]>`
    SELECT i.id, i.title, i.type, i.indicator,
           CASE WHEN t.kind = 'attachment' THEN t.file_name
                WHEN t.kind = 'number' OR ${!text} THEN i.title
                WHEN t.kind = 'note' THEN ts_headline('simple', n.content, to_tsquery('simple', ${query}), ${opts})
                ELSE ts_headline('simple', i.title || coalesce(' — ' || i.description, ''), to_tsquery('simple', ${query}), ${opts})
           END AS snippet
      FROM unnest(${top.map((t) => t.id)}::uuid[], ${top.map((t) => t.matched_in)}::text[],
                  ${top.map((t) => t.note_id)}::uuid[], ${top.map((t) => t.file_name)}::text[]) AS t(id, kind, note_id, file_name)
      JOIN items i ON i.id = t.id
      LEFT JOIN item_notes n ON n.id = t.note_id`;
  const byId = new Map(shown.map((r) => [r.id, r]));

  const groups = new Map<string, SearchGroup>();
  for (const h of top) {
    const r = byId.get(h.id);
    if (!r) continue; // deleted in between
    const g = groups.get(h.project_id) ?? {
      projectId: h.project_id,
      projectName: projectName.get(h.project_id)!,
      items: [],
    };
    const indicator = isIndicator(r.indicator) ? r.indicator : null;
    g.items.push({
      itemNum: h.item_num,
      title: r.title,
      type: r.type as ItemType,
      indicator,
      severity: severityOf(indicator),
      matchedIn: h.matched_in,
      snippet: r.snippet,
    });
    groups.set(h.project_id, g);
  }
  return { query: q, total, groups: [...groups.values()] };
}

export type SearchGroup = {
  projectId: string;
  projectName: string;
  items: {
    itemNum: number;
    title: string;
    type: ItemType;
    indicator: Indicator | null;
    severity: Severity | null;
    matchedIn: MatchedIn;
    snippet: string;
  }[];
};
