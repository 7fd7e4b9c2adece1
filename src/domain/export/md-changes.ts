/**
 * The "What changed since <baseline | date>" Markdown report (export format
 * `md-changes`, SPEC §13). Pure: the service passes the baseline comparison
 * (for `--baseline`) and the lists it derived from the audit log.
 *
 * Sections, in this order, each with its count and "_None._" when empty:
 * - Slipped, Pulled in, Added, Removed — only when comparing with a baseline;
 * - Created, Closed — from the audit log, oldest first;
 * - Indicator changes — one row per item: its indicator at the start of the
 *   period (the first change's `from`) and now (the last change's `to`);
 *   items whose indicator ended where it began are left out. Most severe
 *   current indicator first, then item number.
 */
import type { BaselineComparison } from "../baseline";
import { indicatorRank } from "../indicators";
import type { Indicator, IsoDate, ItemType, ProjectMeta } from "../types";
import { escapeMarkdown } from "./markdown";

export type ChangesSince =
  { kind: "baseline"; name: string; takenOn: IsoDate } | { kind: "date"; date: IsoDate };

export type ItemEvent = {
  itemNum: number;
  title: string;
  type?: ItemType | null;
  date: IsoDate;
  by?: string | null;
};

export type IndicatorChange = {
  itemNum: number;
  title: string;
  from: Indicator | null;
  to: Indicator | null;
  date: IsoDate;
};

export type ChangesReportInput = {
  project: Pick<ProjectMeta, "name" | "clientName">;
  since: ChangesSince;
  generatedOn: IsoDate;
  /** Current plan vs the baseline; leave out for a report since a date. */
  comparison?: BaselineComparison | null;
  /** Titles for added and removed items (current or baseline titles). */
  titles?: Readonly<Record<number, string>>;
  created: readonly ItemEvent[];
  closed: readonly ItemEvent[];
  indicatorChanges: readonly IndicatorChange[];
};

function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly number[] = [],
): string {
  const rule = header.map((_, i) => (right.includes(i) ? "---:" : "---"));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

function section(title: string, count: number, body: () => string): string[] {
  return ["", `## ${title} (${count})`, "", count === 0 ? "_None._" : body()];
}

const text = (s: string | null | undefined) => (s ? escapeMarkdown(s) : "");
const byDateThenNum = (a: ItemEvent, b: ItemEvent) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.itemNum - b.itemNum;

/** The heading's "since" words: `baseline "Q2 plan" (2025-03-01)` or `2025-03-01`. */
export function sinceLabel(since: ChangesSince): string {
  return since.kind === "baseline" ? `baseline “${since.name}” (${since.takenOn})` : since.date;
}

/** Net indicator change per item (see the module comment). */
export function netIndicatorChanges(changes: readonly IndicatorChange[]): IndicatorChange[] {
  const sorted = [...changes].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const net = new Map<number, IndicatorChange>();
  for (const c of sorted) {
    const seen = net.get(c.itemNum);
    net.set(c.itemNum, seen ? { ...c, from: seen.from } : { ...c });
  }
  return [...net.values()]
    .filter((c) => c.from !== c.to)
    .sort((a, b) => indicatorRank(a.to) - indicatorRank(b.to) || a.itemNum - b.itemNum);
}

export function changesMarkdown(input: ChangesReportInput): string {
  const { project, since, comparison, titles = {} } = input;
  const client = project.clientName ? ` (${escapeMarkdown(project.clientName)})` : "";
  const lines = [
    `# What changed since ${escapeMarkdown(sinceLabel(since))} — ${escapeMarkdown(project.name)}${client}`,
    "",
    `Generated ${input.generatedOn}`,
  ];
  const created = [...input.created].sort(byDateThenNum);
  const closed = [...input.closed].sort(byDateThenNum);
  const indicators = netIndicatorChanges(input.indicatorChanges);

  const counts: string[] = [];
  if (comparison) {
    counts.push(
      `${comparison.slipped.length} slipped`,
      `${comparison.pulledIn.length} pulled in`,
      `${comparison.added.length} added`,
      `${comparison.removed.length} removed`,
    );
  }
  counts.push(
    `${created.length} created`,
    `${closed.length} closed`,
    `${indicators.length} indicator change${indicators.length === 1 ? "" : "s"}`,
  );
  lines.push("", counts.join(" · "));

  if (comparison) {
    const finishRows = (rows: BaselineComparison["slipped"]) =>
      rows.map((r) => [
        String(r.itemNum),
        text(r.title || titles[r.itemNum]),
        r.baselineFinish,
        r.currentFinish,
        String(r.days),
      ]);
    lines.push(
      ...section("Slipped", comparison.slipped.length, () =>
        table(
          ["#", "Title", "Baseline finish", "Current finish", "Days late"],
          finishRows(comparison.slipped),
          [4],
        ),
      ),
      ...section("Pulled in", comparison.pulledIn.length, () =>
        table(
          ["#", "Title", "Baseline finish", "Current finish", "Days earlier"],
          finishRows(comparison.pulledIn),
          [4],
        ),
      ),
      ...section("Added", comparison.added.length, () =>
        table(
          ["#", "Title"],
          comparison.added.map((n) => [String(n), text(titles[n])]),
        ),
      ),
      ...section("Removed", comparison.removed.length, () =>
        table(
          ["#", "Title"],
          comparison.removed.map((n) => [String(n), text(titles[n])]),
        ),
      ),
    );
  }
  lines.push(
    ...section("Created", created.length, () =>
      table(
        ["#", "Type", "Title", "Created", "By"],
        created.map((e) => [String(e.itemNum), e.type ?? "", text(e.title), e.date, text(e.by)]),
      ),
    ),
    ...section("Closed", closed.length, () =>
      table(
        ["#", "Title", "Closed", "By"],
        closed.map((e) => [String(e.itemNum), text(e.title), e.date, text(e.by)]),
      ),
    ),
    ...section("Indicator changes", indicators.length, () =>
      table(
        ["#", "Title", "Was", "Now", "Changed"],
        indicators.map((c) => [String(c.itemNum), text(c.title), c.from ?? "—", c.to ?? "—", c.date]),
      ),
    ),
  );
  return lines.join("\n") + "\n";
}
