/**
 * A fast seeder for organisation-scale data (issue #13.4): N projects with M
 * items each, plus notes and attachment records, written straight into an org
 * database with multi-row INSERT … SELECT FROM unnest(arrays) — 200,000 items
 * in seconds, where item-by-item creation would take an hour.
 *
 * Text is drawn from a fixed vocabulary with a skewed (Zipf-like) frequency,
 * so full-text search meets both common words (thousands of hits) and rare
 * ones (a handful), as in a real log. Deterministic for a given seed.
 *
 * The projects are created through the API (so roles and audit are real); only
 * the bulk rows bypass it. Used by `npm run bench` and by tests.
 */
import pg from "pg";
import { computeIndicator, severityRank } from "../../src/domain/indicators";
import { addDays } from "../../src/domain/dates";
import { ITEM_TYPES, type IsoDate } from "../../src/domain/types";

/** Common project words: each appears in a few percent of items. */
export const COMMON_WORDS = [
  "vendor",
  "delivery",
  "migration",
  "cutover",
  "permit",
  "design",
  "review",
  "load",
  "test",
  "schedule",
  "budget",
  "risk",
  "approval",
  "contract",
  "network",
  "server",
  "database",
  "training",
  "rollout",
  "support",
  "security",
  "audit",
  "license",
  "hardware",
  "software",
  "integration",
  "interface",
  "report",
  "dashboard",
  "backup",
  "recovery",
  "capacity",
  "latency",
  "outage",
  "upgrade",
  "patch",
  "firmware",
  "cabling",
  "switch",
  "router",
  "firewall",
  "storage",
  "archive",
  "compliance",
  "policy",
  "procurement",
  "invoice",
  "staffing",
  "handover",
  "acceptance",
  "pilot",
  "workshop",
  "stakeholder",
  "sponsor",
  "steering",
  "committee",
  "milestone",
  "baseline",
  "dependency",
  "resource",
] as const;

const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ne",
  "ru",
  "sa",
  "ti",
  "vo",
  "ze",
  "ba",
  "do",
  "fi",
  "gu",
  "ha",
  "je",
  "ko",
  "pu",
  "qi",
  "wa",
  "xo",
];

/** The long tail: 4,000 made-up words, each in only a few items. */
export function tailWord(k: number): string {
  const a = SYLLABLES[k % 20]!;
  const b = SYLLABLES[Math.floor(k / 20) % 20]!;
  const c = SYLLABLES[Math.floor(k / 400) % 20]!;
  return `${a}${b}${c}${k % 7}x`;
}
const TAIL = 4000;

/** Small, fast, seedable PRNG (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE = [
  "Ana Ruiz",
  "Bo Chen",
  "Chidi Okafor",
  "Dana Kowalski",
  "Eitan Levi",
  "Fatima Zahra",
  "Gus Berg",
  "Hana Sato",
];

export type ScaleSeedOptions = {
  /** The org database. */
  connectionString: string;
  /** Projects that already exist (created through the API); items are added to each. */
  projectIds: readonly string[];
  itemsPerProject: number;
  /** One note per this many items (0 = none). */
  noteEvery?: number;
  /** One attachment record per this many items (0 = none). */
  attachmentEvery?: number;
  today: IsoDate;
  seed?: number;
};

export type ScaleSeedResult = { items: number; notes: number; attachments: number; ms: number };

export async function seedScale(o: ScaleSeedOptions): Promise<ScaleSeedResult> {
  const started = performance.now();
  const rnd = prng(o.seed ?? 42);
  // Zipf-ish pick over the common words: low indexes much more often.
  const common = () => COMMON_WORDS[Math.floor(COMMON_WORDS.length * rnd() ** 2.2)]!;
  const tail = () => tailWord(Math.floor(rnd() * TAIL));
  const phrase = (commonWords: number, tailWords: number) => {
    const words: string[] = [];
    for (let i = 0; i < commonWords; i++) words.push(common());
    for (let i = 0; i < tailWords; i++) words.push(tail());
    // Shuffle lightly so titles do not all start with a common word.
    for (let i = words.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [words[i], words[j]] = [words[j]!, words[i]!];
    }
    return words.join(" ");
  };

  const client = new pg.Client({ connectionString: o.connectionString });
  await client.connect();
  let items = 0;
  let notes = 0;
  let attachments = 0;
  try {
    await client.query("SET synchronous_commit = off");
    for (const projectId of o.projectIds) {
      const CHUNK = 5000;
      for (let from = 1; from <= o.itemsPerProject; from += CHUNK) {
        const n = Math.min(CHUNK, o.itemsPerProject - from + 1);
        const cols = {
          num: [] as number[],
          type: [] as string[],
          title: [] as string[],
          description: [] as (string | null)[],
          assignee: [] as string[],
          start: [] as string[],
          finish: [] as string[],
          deadline: [] as (string | null)[],
          duration: [] as number[],
          pct: [] as number[],
          indicator: [] as (string | null)[],
          rank: [] as number[],
        };
        for (let k = 0; k < n; k++) {
          const num = from + k;
          const start = addDays(o.today, Math.floor(rnd() * 400) - 250);
          const finish = addDays(start, 5 + Math.floor(rnd() * 80));
          const deadline = rnd() < 0.25 ? addDays(finish, Math.floor(rnd() * 30)) : null;
          const pct = rnd() < 0.3 ? 100 : Math.floor(rnd() * 100);
          const duration = 5 + Math.floor(rnd() * 40);
          const indicator = computeIndicator(
            { draft: false, percentComplete: pct, start, finish, deadline, duration },
            o.today,
          );
          cols.num.push(num);
          cols.type.push(ITEM_TYPES[num % ITEM_TYPES.length]!);
          cols.title.push(`${phrase(2, 3)}`);
          cols.description.push(rnd() < 0.8 ? phrase(4, 10) : null);
          cols.assignee.push(PEOPLE[Math.floor(rnd() * PEOPLE.length)]!);
          cols.start.push(start);
          cols.finish.push(finish);
          cols.deadline.push(deadline);
          cols.duration.push(duration);
          cols.pct.push(pct);
          cols.indicator.push(indicator);
          cols.rank.push(severityRank(indicator));
        }
        const { rows } = await client.query<{ id: string; item_num: number }>(
          `INSERT INTO items (id, project_id, item_num, type, title, description, assigned_to, start_date, finish_date,
                              deadline, duration, percent_complete, indicator, severity_rank, updated_at)
           SELECT gen_random_uuid(), $1::uuid, u.* , now()
             FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::date[], $9::date[],
                         $10::int[], $11::int[], $12::text[], $13::smallint[])
               AS u(item_num, type, title, description, assigned_to, start_date, finish_date, deadline, duration,
                    percent_complete, indicator, severity_rank)
           RETURNING id, item_num`,
          [
            projectId,
            cols.num,
            cols.type,
            cols.title,
            cols.description,
            cols.assignee,
            cols.start,
            cols.finish,
            cols.deadline,
            cols.duration,
            cols.pct,
            cols.indicator,
            cols.rank,
          ],
        );
        items += rows.length;
        const noteItems = o.noteEvery ? rows.filter((r) => r.item_num % o.noteEvery! === 0) : [];
        if (noteItems.length) {
          await client.query(
            `INSERT INTO item_notes (id, item_id, note_date, content, author_name)
             SELECT gen_random_uuid(), u.item_id, $3::date, u.content, 'Seeder'
               FROM unnest($1::uuid[], $2::text[]) AS u(item_id, content)`,
            [noteItems.map((r) => r.id), noteItems.map(() => phrase(3, 12)), o.today],
          );
          notes += noteItems.length;
        }
        const attachmentItems = o.attachmentEvery
          ? rows.filter((r) => r.item_num % o.attachmentEvery! === 0)
          : [];
        if (attachmentItems.length) {
          await client.query(
            `INSERT INTO attachments (id, item_id, file_name, content_type, size, storage_key)
             SELECT gen_random_uuid(), u.item_id, u.file_name, 'application/pdf', 1024, 'seed/' || gen_random_uuid()
               FROM unnest($1::uuid[], $2::text[]) AS u(item_id, file_name)`,
            [
              attachmentItems.map((r) => r.id),
              attachmentItems.map(() => `${common()}_${tail()}-v${Math.floor(rnd() * 9)}.pdf`),
            ],
          );
          attachments += attachmentItems.length;
        }
      }
      await client.query(
        "UPDATE projects SET next_item_num = GREATEST(next_item_num, $2::int + 1), indicators_as_of = $3::date WHERE id = $1::uuid",
        [projectId, o.itemsPerProject, o.today],
      );
    }
    await client.query("ANALYZE items; ANALYZE item_notes; ANALYZE attachments");
  } finally {
    await client.end();
  }
  return { items, notes, attachments, ms: performance.now() - started };
}
