/**
 * Global search: PostgreSQL full-text search over item titles, descriptions,
 * notes and attachment names, across every project the caller can see, with
 * highlighted snippets grouped by project. Words match as prefixes ("migr"
 * finds "migration"); "#12" jumps to item 12.
 */
import type { TenantDb } from "@/server/db/tenant";
import { isIndicator, severityOf } from "@/domain/indicators";
import type { Indicator, ItemType, Severity } from "@/domain/types";

/** Highlight markers in snippets: the UI renders the text between them as a match (never as HTML). */
export const MATCH_START = "\u0002";
export const MATCH_END = "\u0003";

/** User text → a safe prefix tsquery: words of letters/digits only, ANDed. */
export function toPrefixQuery(q: string): string | null {
  const words = q
    .toLowerCase()
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : null;
}

type Hit = {
  project_id: string;
  project_name: string;
  item_num: number;
  title: string;
  type: string;
  indicator: string | null;
  matched_in: "title" | "description" | "note" | "attachment" | "number";
  snippet: string;
  rank: number;
};

export async function searchItems(db: TenantDb, q: string, visible: string[] | null, limit = 50) {
  const tsq = toPrefixQuery(q);
  const num = /^#?(\d{1,9})$/.exec(q.trim());
  if (!tsq && !num) return { query: q, total: 0, groups: [] as SearchGroup[] };
  const opts = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=18, MinWords=6, ShortWord=2, MaxFragments=1`;
  const all = visible === null;
  const ids = visible ?? [];
  const hits = await db.$queryRaw<Hit[]>`
    WITH q AS (SELECT to_tsquery('simple', ${tsq ?? "nomatch"}) AS query),
    visible_items AS (
      SELECT i.*, p.name AS project_name FROM items i JOIN projects p ON p.id = i.project_id
       WHERE i.deleted_at IS NULL AND p.deleted_at IS NULL AND (${all} OR i.project_id = ANY(${ids}::uuid[]))
    ),
    item_hits AS (
      SELECT v.project_id, v.project_name, v.item_num, v.title, v.type, v.indicator,
             CASE WHEN to_tsvector('simple', v.title) @@ q.query THEN 'title' ELSE 'description' END AS matched_in,
             ts_headline('simple', v.title || coalesce(' — ' || v.description, ''), q.query, ${opts}) AS snippet,
             ts_rank(to_tsvector('simple', coalesce(v.title, '') || ' ' || coalesce(v.description, '')), q.query) + 1 AS rank
        FROM visible_items v, q
       WHERE ${tsq !== null} AND to_tsvector('simple', coalesce(v.title, '') || ' ' || coalesce(v.description, '')) @@ q.query
    ),
    note_hits AS (
      SELECT DISTINCT ON (v.id) v.project_id, v.project_name, v.item_num, v.title, v.type, v.indicator, 'note' AS matched_in,
             ts_headline('simple', n.content, q.query, ${opts}) AS snippet,
             ts_rank(to_tsvector('simple', n.content), q.query) AS rank
        FROM visible_items v JOIN item_notes n ON n.item_id = v.id AND n.deleted_at IS NULL, q
       WHERE ${tsq !== null} AND to_tsvector('simple', n.content) @@ q.query
       ORDER BY v.id, rank DESC
    ),
    attachment_hits AS (
      SELECT DISTINCT ON (v.id) v.project_id, v.project_name, v.item_num, v.title, v.type, v.indicator, 'attachment' AS matched_in,
             a.file_name AS snippet, 0.5::real AS rank
        FROM visible_items v JOIN attachments a ON a.item_id = v.id AND a.deleted_at IS NULL, q
       WHERE ${tsq !== null} AND to_tsvector('simple', regexp_replace(a.file_name, '[._-]+', ' ', 'g')) @@ q.query
    ),
    number_hits AS (
      SELECT v.project_id, v.project_name, v.item_num, v.title, v.type, v.indicator, 'number' AS matched_in, v.title AS snippet, 10::real AS rank
        FROM visible_items v WHERE v.item_num = ${num ? Number(num[1]) : -1}
    )
    SELECT DISTINCT ON (project_id, item_num) * FROM (
      SELECT * FROM number_hits UNION ALL SELECT * FROM item_hits UNION ALL SELECT * FROM note_hits UNION ALL SELECT * FROM attachment_hits
    ) h
    ORDER BY project_id, item_num, rank DESC
    LIMIT 2000`;
  const sorted = hits.sort((x, y) => y.rank - x.rank || x.item_num - y.item_num).slice(0, limit);
  const groups = new Map<string, SearchGroup>();
  for (const h of sorted) {
    const g = groups.get(h.project_id) ?? { projectId: h.project_id, projectName: h.project_name, items: [] };
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
  return { query: q, total: hits.length, groups: [...groups.values()] };
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
