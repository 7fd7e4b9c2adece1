/**
 * Realistic v1 files of any size, for the benchmark and the large-import tests:
 * a RAID log of N items, a Budget file of N timesheet rows, and a timesheet CSV
 * of N rows. Deterministic for a given seed, so a failure can be replayed.
 *
 * The RAID log mixes what real v1 files hold (see tests/fixtures/v1): every item
 * type, several workstreams and people, PyYAML-style single-quoted strings and
 * block scalars, dates quoted, unquoted and as MM/DD/YYYY, dated notes as text and
 * as lists with authors, report codes, drafts, budget amounts on Budget items,
 * unicode and HTML in titles, and dependencies on earlier items (never a cycle).
 *
 * Strings are built directly (not through the yaml library) so that 50,000 items
 * take well under a second to write.
 */

export type GeneratedRaid = {
  yaml: string;
  /** What the file holds, counted while writing it (for tests to compare against). */
  stats: { items: number; notes: number; dependencies: number; workstreams: string[]; maxItemNum: number };
};

export type RaidOptions = {
  items: number;
  seed?: number;
  /** Each item depends on the one before it: one dependency chain as long as the log. */
  chain?: boolean;
  projectName?: string;
  /** Calendar day the dates cluster around (YYYY-MM-DD). */
  around?: string;
};

const TYPES = [
  ["Action Item", 30],
  ["Risk", 18],
  ["Issue", 14],
  ["Plan Item", 14],
  ["Deliverable", 10],
  ["Decision", 8],
  ["Budget", 6],
] as const;
const WORKSTREAMS = ["Design", "Build", "Test", "Rollout", "Change Mgmt", "Data Migration", "Security"];
const PEOPLE = [
  "Ana Ruiz",
  "Bo Chen",
  "Chidi Okafor",
  "Dana Kowalski",
  "Eitan Levi",
  "Fatima Zahra",
  "Gus O'Neil",
  "Hana Sato",
  "Ivan Petrov",
  "Jo Müller",
  "Kofi Mensah",
  "Lena Berg",
];
const SUBJECTS = [
  "vendor delivery",
  "load test",
  "permit approval",
  "design review",
  "cutover plan",
  "data mapping",
  "access review",
  "training material",
  "steering committee",
  "go-live checklist",
  "performance baseline",
  "firewall change",
];
const ADJECTIVES = ["Late", "Revised", "Draft", "Final", "Second", "Urgent", "Phase 2", "Quarterly"];
const NOTE_TEXTS = [
  "Discussed with the vendor; waiting for a revised date",
  "Escalated to the steering committee",
  "Follow-up with https://example.com/ticket/{n}",
  "Blocked on access to the staging environment",
  "Moved the finish date after the design review",
  "Client confirmed the scope, cost impact $12,500",
  "Risk owner changed; see the minutes",
];
const RPT = ["SR", "CL", "EXEC", "PM"];
const PRIORITIES = ["High", "Medium", "Low", "Critical"];

/** mulberry32: small, fast, deterministic. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  const weighted = <T>(xs: readonly (readonly [T, number])[]) => {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [x, w] of xs) if ((r -= w) < 0) return x;
    return xs[xs.length - 1]![0];
  };
  return { next, int, pick, chance, weighted };
}

const DAY = 86_400_000;
const isoAt = (base: number, days: number) => new Date(base + days * DAY).toISOString().slice(0, 10);
const usDate = (iso: string) => `${+iso.slice(5, 7)}/${+iso.slice(8, 10)}/${iso.slice(0, 4)}`;

/** PyYAML's single-quoted style: quotes doubled. */
const sq = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A block literal, indented under a key at `indent` spaces. */
const block = (text: string, indent: string) =>
  `|-\n${text
    .split("\n")
    .map((l) => (l === "" ? "" : `${indent}  ${l}`))
    .join("\n")}`;

export function generateRaidYaml(opts: RaidOptions): GeneratedRaid {
  const rnd = random(opts.seed ?? 1);
  const base = Date.parse(`${opts.around ?? "2025-03-14"}T00:00:00Z`);
  const workstreams = WORKSTREAMS.slice(0, 5);
  const out: string[] = [];
  let notes = 0;
  let dependencies = 0;
  const usedWorkstreams = new Set<string>(workstreams);

  out.push(
    "metadata:",
    `  project_name: ${sq(opts.projectName ?? `Generated Programme ${opts.items}`)}`,
    "  client_name: Port Authority",
    `  next_item_num: ${opts.items + 1}`,
    `  project_start: '${isoAt(base, -200)}'`,
    `  project_end: '${isoAt(base, 300)}'`,
    "  workstreams:",
    ...workstreams.map((w) => `  - ${w}`),
    "items:",
  );

  for (let n = 1; n <= opts.items; n++) {
    const type = rnd.weighted(TYPES);
    const subject = rnd.pick(SUBJECTS);
    let title = `${rnd.pick(ADJECTIVES)} ${subject} #${n}`;
    if (n % 97 === 0) title = `<b>${title}</b> — “quoted”, commas, and ✓`;
    if (n % 211 === 0) title = `${title}: O'Brien's sign-off`;
    // Now and then a workstream that metadata does not list (v1 allowed it).
    const workstream = rnd.chance(0.9)
      ? rnd.pick(workstreams)
      : rnd.chance(0.5)
        ? rnd.pick(WORKSTREAMS)
        : null;
    if (workstream) usedWorkstreams.add(workstream);
    const startDay = rnd.int(-180, 240);
    const length = rnd.int(1, 60);
    const dated = rnd.chance(0.85);
    const dateStyle = rnd.next();
    const date = (iso: string) => (dateStyle < 0.7 ? sq(iso) : dateStyle < 0.9 ? iso : sq(usDate(iso)));
    const pct = startDay > 0 ? 0 : rnd.pick([0, 10, 25, 50, 75, 90, 100]);

    out.push(`- item_num: ${n}`, `  type: ${type}`, `  title: ${sq(title)}`);
    out.push(`  workstream: ${workstream ?? "null"}`);
    out.push(`  assigned_to: ${rnd.chance(0.92) ? sq(rnd.pick(PEOPLE)) : "null"}`);
    out.push(`  start: ${dated ? date(isoAt(base, startDay)) : "null"}`);
    out.push(`  finish: ${dated ? date(isoAt(base, startDay + length)) : "null"}`);
    out.push(
      `  deadline: ${rnd.chance(0.3) ? date(isoAt(base, startDay + length + rnd.int(0, 20))) : "null"}`,
    );
    if (rnd.chance(0.4)) out.push(`  duration: ${Math.max(1, Math.round((length * 5) / 7))}`);
    out.push(`  percent_complete: ${rnd.chance(0.05) ? `'${pct}%'` : pct}`);
    out.push(`  priority: ${rnd.pick(PRIORITIES)}`);
    out.push(`  draft: ${rnd.chance(0.03)}`, `  client_visible: ${rnd.chance(0.8)}`);
    const codes = RPT.filter(() => rnd.chance(0.3));
    out.push(codes.length ? `  rpt_out:\n${codes.map((c) => `  - ${c}`).join("\n")}` : "  rpt_out: []");

    const d = rnd.next();
    if (d < 0.35) out.push("  description: null");
    else if (d < 0.75)
      out.push(`  description: ${sq(`Details of the ${subject} for item ${n}, agreed with the client.`)}`);
    else
      out.push(
        `  description: ${block(
          `The ${subject} needs sign-off from ${rnd.pick(PEOPLE)}.\n\nSteps:\n- confirm scope\n- book the window (see #${Math.max(1, n - 1)})`,
          "  ",
        )}`,
      );

    const noteCount = rnd.chance(0.55) ? rnd.int(1, 4) : 0;
    notes += noteCount;
    const noteDays = Array.from({ length: noteCount }, (_, i) => isoAt(base, startDay + i * 3));
    const noteText = (i: number) => rnd.pick(NOTE_TEXTS).replace("{n}", String(n + i));
    if (noteCount === 0) out.push("  notes: null");
    else if (rnd.chance(0.8))
      out.push(`  notes: ${block(noteDays.map((day, i) => `${day}: ${noteText(i)}`).join("\n"), "  ")}`);
    else {
      out.push("  notes:");
      noteDays.forEach((day, i) => {
        out.push(`  - date: '${day}'`, `    content: ${sq(noteText(i))}`);
        if (i % 2 === 0) out.push(`    author: ${sq(rnd.pick(PEOPLE))}`);
      });
    }

    if (type === "Budget") out.push(`  budget_amount: ${rnd.int(1, 500) * 250}.00`);

    let deps: number[] = [];
    if (opts.chain) deps = n > 1 ? [n - 1] : [];
    else if (n > 1 && rnd.chance(0.25)) {
      const count = rnd.int(1, Math.min(3, n - 1));
      deps = [...new Set(Array.from({ length: count }, () => rnd.int(Math.max(1, n - 200), n - 1)))];
    }
    dependencies += deps.length;
    out.push(
      deps.length === 0
        ? "  dep_item_num: []"
        : rnd.chance(0.2)
          ? `  dep_item_num: [${deps.map((x) => `'${x}'`).join(", ")}]`
          : `  dep_item_num:\n${deps.map((x) => `  - ${x}`).join("\n")}`,
    );
    if (rnd.chance(0.1)) out.push(`  indicator: ${sq("In Progress")}`);
  }

  return {
    yaml: `${out.join("\n")}\n`,
    stats: {
      items: opts.items,
      notes,
      dependencies,
      workstreams: [...usedWorkstreams],
      maxItemNum: opts.items,
    },
  };
}

export type GeneratedBudget = {
  yaml: string;
  stats: { rateCard: number; allocations: number; timesheets: number };
};

const RESOURCES = (count: number) =>
  Array.from({ length: count }, (_, i) => (i < PEOPLE.length ? PEOPLE[i]! : `Contractor ${i + 1}`));

/** Weeks ending on Fridays, counted back from `around`. */
function weekEndings(around: string, weeks: number): string[] {
  let t = Date.parse(`${around}T00:00:00Z`);
  while (new Date(t).getUTCDay() !== 5) t -= DAY;
  return Array.from({ length: weeks }, (_, i) =>
    new Date(t - (weeks - 1 - i) * 7 * DAY).toISOString().slice(0, 10),
  );
}

/** A Budget file with `timesheets` rows: one row per resource per week, as many resources as needed. */
export function generateBudgetYaml(opts: {
  timesheets: number;
  seed?: number;
  around?: string;
  projectName?: string;
}): GeneratedBudget {
  const rnd = random(opts.seed ?? 2);
  const weeks = weekEndings(opts.around ?? "2025-03-14", 52);
  const resources = RESOURCES(Math.max(1, Math.ceil(opts.timesheets / weeks.length)));
  const rates = resources.map(() => rnd.int(60, 220));
  const out: string[] = [
    "metadata:",
    `  project_name: ${sq(opts.projectName ?? "Generated Programme")}`,
    "  client: Port Authority",
    "  created: '2024-03-01'",
    "  last_updated: '2025-03-14'",
    "  data_source: timesheets",
    "rate_card:",
  ];
  resources.forEach((r, i) =>
    out.push(
      `- name: ${sq(r)}`,
      `  geography: ${rnd.pick(["US", "Poland", "Nigeria", "India"])}`,
      `  rate: ${rates[i]}.0`,
    ),
  );
  out.push(
    "budget_ledger:",
    "- amount: 5350000.0",
    "  date: '2024-03-01'",
    "  note: Initial SOW",
    "- amount: 150000.0",
    "  date: '2024-09-12'",
    "  note: Change request",
    "  workstream: Build",
    "timesheet_data:",
  );
  for (let k = 0; k < opts.timesheets; k++) {
    const week = weeks[k % weeks.length]!;
    const r = Math.floor(k / weeks.length);
    const hours = rnd.pick([8, 16, 24, 32, 36, 40, 40, 40, 37.5]);
    out.push(
      `- week_ending: '${week}'`,
      `  resource: ${sq(resources[r]!)}`,
      `  hours: ${hours}`,
      `  rate: ${rates[r]}.0`,
      `  cost: ${(hours * rates[r]!).toFixed(1)}`,
      `  complete_week: ${k % weeks.length !== weeks.length - 1}`,
    );
  }
  return {
    yaml: `${out.join("\n")}\n`,
    stats: { rateCard: resources.length, allocations: 2, timesheets: opts.timesheets },
  };
}

/** A timesheet CSV with `rows` data rows (a heading row first), as spreadsheets export it. */
export function generateTimesheetCsv(opts: { rows: number; seed?: number; around?: string }): {
  csv: string;
  stats: { rows: number; hours: number };
} {
  const rnd = random(opts.seed ?? 3);
  const weeks = weekEndings(opts.around ?? "2025-03-14", 52);
  const resources = RESOURCES(Math.max(1, Math.ceil(opts.rows / weeks.length)));
  const lines = ["Week Ending,Resource,Hours,Rate,Complete Week"];
  let hoursTotal = 0;
  for (let k = 0; k < opts.rows; k++) {
    const r = Math.floor(k / weeks.length);
    const hours = rnd.pick([8, 16, 24, 32, 40, 37.5]);
    hoursTotal += hours;
    const name = resources[r]!;
    lines.push(
      `${weeks[k % weeks.length]},${name.includes(",") ? `"${name}"` : name},${hours},${100 + (r % 90)}.00,yes`,
    );
  }
  return { csv: `${lines.join("\r\n")}\r\n`, stats: { rows: opts.rows, hours: hoursTotal } };
}
