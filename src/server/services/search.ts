/**
 * Global search: PostgreSQL full-text search over item titles, descriptions,
 * notes and attachment names, across every project the caller can see, with
 * highlighted snippets grouped by project. Words match as prefixes ("migr"
 * finds "migration"); "#12" jumps to item 12.
 */
import type { TenantDb } from "@/server/db/tenant";
import { searchWordsOf } from "@/domain/filters";
import { isIndicator, severityOf } from "@/domain/indicators";
import type { Indicator, ItemType, Severity } from "@/domain/types";

/** Highlight markers in snippets: the UI renders the text between them as a match (never as HTML). */
export const MATCH_START = "\u0002";
export const MATCH_END = "\u0003";

/** User text → a safe prefix tsquery: words of letters/digits only, ANDed; `weight` limits matches to that weight. */
export function toPrefixQuery(q: string, weight = ""): string | null {
  const words = searchWordsOf(q).slice(0, 8);
  return words.length ? words.map((w) => `${w}:*${weight}`).join(" & ") : null;
}

/**
 * At most this many matching items are ranked per source (item text, notes,
 * attachments), and `total` stops here: a one-letter query over 200,000 items
 * costs the same as a precise one, and the best matches of a broad query are
 * not more useful than any others.
 */
const MAX_CANDIDATES = 1000;

type Hit = {
  project_id: string;
  item_num: number;
  title: string;
  type: string;
  indicator: string | null;
  matched_in: "title" | "description" | "note" | "attachment" | "number";
  snippet: string;
  rank: number;
  total: number;
};

/**
 * Matches come from the stored `search_vector` columns through their GIN
 * indexes (items: title weighted A, description B; notes; attachment names);
 * nothing is converted to a tsvector at query time. Only the best `limit`
 * items get a highlighted snippet.
 */
export async function searchItems(db: TenantDb, q: string, visible: string[] | null, limit = 50) {
  const tsq = toPrefixQuery(q);
  const num = /^#?(\d{1,9})$/.exec(q.trim());
  if (!tsq && !num) return { query: q, total: 0, groups: [] as SearchGroup[] };
  const opts = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=18, MinWords=6, ShortWord=2, MaxFragments=1`;
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
  // Each candidate carries what its result row needs, so nothing is joined after ranking.
  const query = tsq ?? "nomatch";
  const titleQuery = toPrefixQuery(q, "A") ?? "nomatch";
  const hits = await db.$queryRaw<Hit[]>`
    WITH candidates AS (
      (SELECT i.id, i.project_id, i.item_num, i.title, i.type, i.indicator,
              1 + ts_rank(i.search_vector, to_tsquery('simple', ${query})) AS rank,
              CASE WHEN i.search_vector @@ to_tsquery('simple', ${titleQuery}) THEN 'title' ELSE 'description' END AS matched_in,
              i.title || coalesce(' — ' || i.description, '') AS body
         FROM items i
        WHERE ${text} AND i.search_vector @@ to_tsquery('simple', ${query}) AND i.deleted_at IS NULL
          AND (${everyProject} OR i.project_id = ANY(${liveIds}::uuid[]))
        LIMIT ${MAX_CANDIDATES})
      UNION ALL
      (SELECT i.id, i.project_id, i.item_num, i.title, i.type, i.indicator,
              ts_rank(n.search_vector, to_tsquery('simple', ${query})), 'note', n.content
         FROM item_notes n JOIN items i ON i.id = n.item_id
        WHERE ${text} AND n.search_vector @@ to_tsquery('simple', ${query}) AND n.deleted_at IS NULL
          AND i.deleted_at IS NULL AND (${everyProject} OR i.project_id = ANY(${liveIds}::uuid[]))
        LIMIT ${MAX_CANDIDATES / 4})
      UNION ALL
      (SELECT i.id, i.project_id, i.item_num, i.title, i.type, i.indicator, 0.5::real, 'attachment', a.file_name
         FROM attachments a JOIN items i ON i.id = a.item_id
        WHERE ${text} AND a.search_vector @@ to_tsquery('simple', ${query}) AND a.deleted_at IS NULL
          AND i.deleted_at IS NULL AND (${everyProject} OR i.project_id = ANY(${liveIds}::uuid[]))
        LIMIT ${MAX_CANDIDATES / 4})
      UNION ALL
      SELECT i.id, i.project_id, i.item_num, i.title, i.type, i.indicator, 10::real, 'number', i.title
        FROM items i
       WHERE ${num !== null} AND i.item_num = ${num ? Number(num[1]) : -1} AND i.deleted_at IS NULL
         AND (${everyProject} OR i.project_id = ANY(${liveIds}::uuid[]))
    ),
    best AS (SELECT DISTINCT ON (id) * FROM candidates ORDER BY id, rank DESC)
    SELECT t.project_id, t.item_num, t.title, t.type, t.indicator, t.matched_in, t.rank,
           CASE WHEN t.matched_in IN ('attachment', 'number') THEN t.body
                ELSE ts_headline('simple', t.body, to_tsquery('simple', ${query}), ${opts}) END AS snippet,
           least((SELECT count(*) FROM best), ${MAX_CANDIDATES})::int AS total
      FROM (SELECT * FROM best ORDER BY rank DESC, item_num, project_id LIMIT ${limit}) t
     ORDER BY t.rank DESC, t.item_num, t.project_id`;
  const total = hits[0]?.total ?? 0;
  const groups = new Map<string, SearchGroup>();
  for (const h of hits) {
    const g = groups.get(h.project_id) ?? {
      projectId: h.project_id,
      projectName: projectName.get(h.project_id)!,
      items: [],
    };
    const indicator = isIndicator(h.indicator) ? h.indicator : null;
    g.items.push({
      itemNum: h.item_num,
      title: h.title,
      type: h.type as ItemType,
      indicator,
      severity: severityOf(indicator),
      matchedIn: h.matched_in,
      snippet: h.snippet,
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
    matchedIn: Hit["matched_in"];
    snippet: string;
  }[];
};
