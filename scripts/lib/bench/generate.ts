/**
 * Realistic RAID items for the HTTP benchmark, generated deterministically
 * (a seeded PRNG): every run gets the same data. Words follow a Zipf-like
 * distribution, so searches range from very common words to rare ones, as
 * in a real log.
 */
import { randomUUID } from "node:crypto";
import { addDays } from "../../../src/domain/dates";
import { computeIndicator, severityRank } from "../../../src/domain/indicators";
import type { IsoDate, ItemType } from "../../../src/domain/types";

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

/** Draws index k with probability ∝ 1/(k+1)^s. */
function zipf(list: readonly string[], s = 1.05): (r: Rand) => string {
  const cum: number[] = [];
  let total = 0;
  for (let k = 0; k < list.length; k++) cum.push((total += 1 / Math.pow(k + 1, s)));
  return (r) => {
    const x = r() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return list[lo]!;
  };
}

export const SYSTEMS = [
  "ERP",
  "payroll",
  "CRM",
  "billing",
  "data warehouse",
  "HR portal",
  "intranet",
  "mobile app",
  "general ledger",
  "identity provider",
  "customer portal",
  "warehouse scanners",
  "POS terminals",
  "reporting cube",
  "API gateway",
  "service desk",
  "document archive",
  "call centre",
  "field service",
  "procurement",
  "treasury",
  "e-commerce site",
  "loyalty platform",
  "tax engine",
  "fleet telematics",
  "print cluster",
  "VPN",
  "email relay",
  "backup vault",
  "disaster-recovery site",
  "Kestrel",
  "Osprey",
  "Heron",
  "Lapwing",
  "Merlin",
  "Ptarmigan",
  "Quetzal",
  "Wryneck",
];
const VERBS = [
  "Confirm",
  "Review",
  "Migrate",
  "Test",
  "Configure",
  "Approve",
  "Document",
  "Schedule",
  "Escalate",
  "Validate",
  "Decommission",
  "Upgrade",
  "Procure",
  "Train users on",
  "Load-test",
  "Reconcile",
  "Patch",
  "Harden",
  "Baseline",
  "Archive",
];
const ARTIFACTS = [
  "cutover plan",
  "interface specs",
  "test scripts",
  "vendor contract",
  "data mapping",
  "runbook",
  "access matrix",
  "firewall rules",
  "training material",
  "sign-off",
  "rollback plan",
  "capacity model",
  "licence count",
  "SLA",
  "change request",
  "design document",
  "hypercare rota",
  "go-live checklist",
  "defect backlog",
  "security review",
];
const RISKS = [
  "vendor delivery slips",
  "key staff leave",
  "data quality is poor",
  "performance degrades under load",
  "regulator asks for more evidence",
  "licences run out",
  "integration partner is late",
  "budget is cut",
  "scope creeps",
  "test environment is unstable",
  "cutover window is too short",
  "users resist the change",
];
/** The long tail: descriptions and notes draw from it with a Zipf distribution. */
const JARGON = [
  "dependency",
  "milestone",
  "stakeholder",
  "workshop",
  "approval",
  "environment",
  "deployment",
  "integration",
  "regression",
  "latency",
  "throughput",
  "encryption",
  "certificate",
  "reconciliation",
  "governance",
  "steerco",
  "budget",
  "forecast",
  "invoice",
  "purchase",
  "order",
  "supplier",
  "contract",
  "renewal",
  "licence",
  "audit",
  "compliance",
  "privacy",
  "retention",
  "archive",
  "backup",
  "restore",
  "failover",
  "outage",
  "incident",
  "problem",
  "change",
  "freeze",
  "window",
  "weekend",
  "overtime",
  "contractor",
  "onboarding",
  "offboarding",
  "training",
  "handover",
  "hypercare",
  "warranty",
  "acceptance",
  "criteria",
  "baseline",
  "variance",
  "tolerance",
  "escalation",
  "mitigation",
  "contingency",
  "probability",
  "impact",
  "owner",
  "deadline",
  "slippage",
  "critical",
  "path",
  "resource",
  "capacity",
  "allocation",
  "timesheet",
  "rate",
  "card",
  "burn",
  "runway",
  "quarter",
  "fiscal",
  "year-end",
  "close",
  "ledger",
  "journal",
  "posting",
  "mapping",
  "cleansing",
  "deduplication",
  "extract",
  "transform",
  "load",
  "schema",
  "index",
  "query",
  "report",
  "dashboard",
  "KPI",
  "metric",
  "survey",
  "feedback",
  "pilot",
  "rollout",
  "wave",
  "region",
  "site",
  "warehouse",
  "store",
  "branch",
  "headquarters",
  "datacentre",
  "cloud",
  "tenant",
  "subscription",
  "region-pair",
  "firewall",
  "proxy",
  "gateway",
  "endpoint",
  "webhook",
  "token",
  "SSO",
  "MFA",
  "password",
  "role",
  "permission",
  "segregation",
  "duties",
  "sign-off",
  "waiver",
  "exception",
  "deviation",
  "workaround",
  "hotfix",
  "patch",
  "release",
  "sprint",
  "backlog",
  "story",
  "epic",
  "estimate",
  "velocity",
  "burndown",
  "retrospective",
  "demo",
  "showcase",
  "roadmap",
  "charter",
  "mandate",
  "sponsor",
  "champion",
  "superuser",
  "helpdesk",
  "ticket",
  "queue",
  "triage",
  "severity",
  "priority",
  "P1",
  "root-cause",
  "post-mortem",
  "lessons",
  "learned",
  "fallback",
  "rehearsal",
  "dry-run",
  "cutover",
  "go-live",
  "decommission",
  "sunset",
  "legacy",
  "mainframe",
  "COBOL",
  "batch",
  "overnight",
  "job",
  "scheduler",
  "cron",
  "latitude",
  "geocoding",
  "barcode",
  "RFID",
  "scanner",
  "printer",
  "label",
  "pallet",
  "courier",
  "customs",
  "tariff",
  "VAT",
  "withholding",
  "payslip",
  "pension",
  "benefits",
  "union",
  "consultation",
  "works-council",
  "Zanzibar",
  "Quokka",
  "Xylophone",
  "Marzipan",
  "Obsidian",
  "Tamarind",
  "Juniper",
  "Saffron",
  "Vermilion",
];
const WORKSTREAMS = [
  "Design",
  "Build",
  "Test",
  "Data Migration",
  "Change Mgmt",
  "Infrastructure",
  "Security",
  "Training",
];
const FIRST = [
  "Ana",
  "Bo",
  "Chidi",
  "Dana",
  "Eitan",
  "Fatima",
  "Grace",
  "Hiro",
  "Ines",
  "Jonas",
  "Kavya",
  "Luis",
  "Mei",
  "Nadia",
  "Olu",
  "Priya",
  "Quinn",
  "Rosa",
  "Sven",
  "Tariq",
];
const LAST = [
  "Ruiz",
  "Chen",
  "Okafor",
  "Kowalski",
  "Levi",
  "Zahra",
  "Murphy",
  "Tanaka",
  "Silva",
  "Berg",
  "Iyer",
  "Moreno",
  "Wong",
  "Haddad",
  "Adeyemi",
  "Patel",
];
export const PEOPLE = FIRST.flatMap((f, i) => [
  `${f} ${LAST[i % LAST.length]}`,
  `${f} ${LAST[(i + 7) % LAST.length]}`,
]);
const PRIORITIES = ["High", "Medium", "Low", null] as const;
const REPORTS = ["SR", "PMO", "EXEC", "CLIENT"];

/** The rare end of the vocabulary: code names, part numbers, product names (a few thousand made-up words). */
const SYLLABLES = [
  "ka",
  "lo",
  "ven",
  "tor",
  "mi",
  "sal",
  "dre",
  "pon",
  "qua",
  "rix",
  "zel",
  "bor",
  "tin",
  "gal",
  "mer",
  "fu",
  "shi",
  "nek",
  "vor",
  "ap",
];
const RARE = Array.from(
  { length: 3000 },
  (_, i) =>
    SYLLABLES[i % 20]! + SYLLABLES[Math.floor(i / 20) % 20]! + SYLLABLES[(Math.floor(i / 400) + i) % 20]!,
);

const system = zipf(SYSTEMS, 0.9);
const jargon = zipf([...JARGON, ...RARE], 1.1);

function sentence(r: Rand, words: number): string {
  const w = Array.from({ length: words }, () => jargon(r));
  const s = w.join(" ");
  return s.charAt(0).toUpperCase() + s.slice(1) + ".";
}

function title(r: Rand, type: ItemType): string {
  const sys = system(r);
  switch (type) {
    case "Risk":
      return `Risk that ${pick(r, RISKS)} on ${sys}`;
    case "Issue":
      return `${pick(r, RISKS).replace(/^\w/, (c) => c.toUpperCase())} — ${sys} ${pick(r, ARTIFACTS)} blocked`;
    case "Decision":
      return `Decide on ${pick(r, ARTIFACTS)} for ${sys}`;
    case "Budget":
      return `${sys} ${pick(r, ["licences", "contractors", "hardware", "hosting", "training"])} budget`;
    case "Deliverable":
      return `${pick(r, ARTIFACTS).replace(/^\w/, (c) => c.toUpperCase())} for ${sys} delivered`;
    default:
      return `${pick(r, VERBS)} ${pick(r, ARTIFACTS)} for ${sys}`;
  }
}

export type GeneratedItem = {
  id: string;
  itemNum: number;
  type: ItemType;
  title: string;
  description: string | null;
  workstreamId: string | null;
  assignedTo: string | null;
  start: IsoDate | null;
  finish: IsoDate | null;
  duration: number | null;
  deadline: IsoDate | null;
  draft: boolean;
  clientVisible: boolean;
  percentComplete: number;
  priority: string | null;
  rptOut: string[];
  budgetAmount: string | null;
  probability: number | null;
  impact: number | null;
  mitigation: string | null;
  contingency: string | null;
  riskOwner: string | null;
  /** As the app computes it for `today` (so the seeded data is already fresh). */
  indicator: string | null;
  severityRank: number;
  createdAt: Date;
};

export type GeneratedNote = {
  id: string;
  itemId: string;
  noteDate: IsoDate;
  content: string;
  authorName: string;
  createdAt: Date;
};
export type GeneratedDependency = { itemId: string; dependsOnId: string };

export const WORKSTREAM_NAMES = WORKSTREAMS;

/**
 * `count` items for one project (numbers 1..count), their notes (0–4 each,
 * about 1.2 on average) and dependencies (about one item in six depends on
 * one or two earlier ones).
 */
export function generateProject(
  seed: number,
  count: number,
  today: IsoDate,
  workstreamIds: string[],
): { items: GeneratedItem[]; notes: GeneratedNote[]; dependencies: GeneratedDependency[] } {
  const r = rng(seed);
  const items: GeneratedItem[] = [];
  const notes: GeneratedNote[] = [];
  const dependencies: GeneratedDependency[] = [];
  const now = Date.now();
  for (let k = 1; k <= count; k++) {
    // Types as a real log mixes them: mostly actions and plan items, fewer decisions and budget lines.
    const roll = r();
    const type: ItemType =
      roll < 0.28
        ? "Action Item"
        : roll < 0.5
          ? "Plan Item"
          : roll < 0.68
            ? "Risk"
            : roll < 0.8
              ? "Issue"
              : roll < 0.88
                ? "Deliverable"
                : roll < 0.95
                  ? "Decision"
                  : "Budget";
    const hasDates = type !== "Decision" || r() < 0.5;
    // Older items sit further in the past: item numbers grow with time.
    const start = hasDates ? addDays(today, Math.round(-400 + (k / count) * 460 + (r() - 0.5) * 60)) : null;
    const duration = start ? 3 + Math.floor(r() * 60) : null;
    const finish = start ? addDays(start, Math.round((duration ?? 0) * 1.4)) : null;
    const deadline = finish && r() < 0.35 ? addDays(finish, Math.floor(r() * 20) - 5) : null;
    const age = start ? (Date.parse(today) - Date.parse(start)) / 86_400_000 : 0;
    const percentComplete = !start
      ? r() < 0.5
        ? 100
        : 0
      : age > (duration ?? 0) * 1.6
        ? r() < 0.85
          ? 100
          : Math.floor(r() * 100)
        : age > 0
          ? Math.min(100, Math.floor(r() * 100))
          : 0;
    const risk = type === "Risk" || type === "Issue";
    const descWords = r() < 0.15 ? 0 : 5 + Math.floor(r() * 25);
    const item: GeneratedItem = {
      id: randomUUID(),
      itemNum: k,
      type,
      title: title(r, type),
      description: descWords
        ? `${sentence(r, descWords)} ${r() < 0.3 ? sentence(r, 6 + Math.floor(r() * 12)) : ""}`.trim()
        : null,
      workstreamId: workstreamIds.length && r() < 0.9 ? pick(r, workstreamIds) : null,
      assignedTo: r() < 0.92 ? pick(r, PEOPLE) : null,
      start,
      finish,
      duration,
      deadline,
      draft: r() < 0.02,
      clientVisible: r() < 0.8,
      percentComplete,
      priority: pick(r, PRIORITIES),
      rptOut:
        r() < 0.3
          ? [pick(r, REPORTS)]
          : r() < 0.1
            ? [pick(r, REPORTS), pick(r, REPORTS)].filter((v, i, a) => a.indexOf(v) === i)
            : [],
      budgetAmount:
        type === "Budget"
          ? (Math.floor(r() * 5_000_00) + 1_000_00).toString().replace(/(\d\d)$/, ".$1")
          : null,
      probability: risk ? 1 + Math.floor(r() * 5) : null,
      impact: risk ? 1 + Math.floor(r() * 5) : null,
      mitigation: risk && r() < 0.7 ? sentence(r, 10 + Math.floor(r() * 15)) : null,
      contingency: risk && r() < 0.4 ? sentence(r, 8 + Math.floor(r() * 10)) : null,
      riskOwner: risk ? pick(r, PEOPLE) : null,
      indicator: null,
      severityRank: 0,
      createdAt: new Date(now - (count - k) * 3_600_000),
    };
    item.indicator = computeIndicator(item, today);
    item.severityRank = severityRank(item.indicator as Parameters<typeof severityRank>[0]);
    items.push(item);
    const noteCount = r() < 0.45 ? 0 : Math.floor(r() * 4) + 1;
    for (let n = 0; n < noteCount; n++) {
      const noteDate = addDays(start ?? today, Math.floor(r() * 60) - 20);
      notes.push({
        id: randomUUID(),
        itemId: item.id,
        noteDate: noteDate > today ? today : noteDate,
        content: `${sentence(r, 5 + Math.floor(r() * 20))}${r() < 0.3 ? ` ${pick(r, PEOPLE)} to follow up.` : ""}`,
        authorName: pick(r, PEOPLE),
        createdAt: new Date(now - (count - k) * 3_600_000 + n * 60_000),
      });
    }
    if (k > 10 && r() < 0.17) {
      const deps = new Set<number>([Math.max(1, k - 1 - Math.floor(r() * 50))]);
      if (r() < 0.3) deps.add(Math.max(1, k - 1 - Math.floor(r() * 300)));
      for (const d of deps) dependencies.push({ itemId: item.id, dependsOnId: items[d - 1]!.id });
    }
  }
  return { items, notes, dependencies };
}
