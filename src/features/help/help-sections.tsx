/** The help page's topics: each a section with a title, search words and its text. */
import { cn } from "@/lib/cn";
import { SEVERITY_META } from "@/lib/item-meta";
import { SCHEDULE_HELP } from "./schedule-help";
import { ASSISTANT_HELP } from "./assistant-help";
import { TableHead } from "@/components/ui/table-head";

type Section = { id: string; title: string; text: string; body: React.ReactNode };

/** The heading row of the tables in Help. */
export const HELP_TABLE_HEAD = {
  className: "text-xs text-slate-600 uppercase",
  cellClassName: "py-2 font-semibold",
} as const;

export const kbd =
  "rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800";

const INDICATORS: { name: string; rule: string; severity: keyof typeof SEVERITY_META; colour: string }[] = [
  {
    name: "Completed Recently",
    rule: "100% done and finished within the last 14 days",
    severity: "completed",
    colour: "green",
  },
  { name: "Completed", rule: "100% done, finished longer ago", severity: "done", colour: "grey" },
  { name: "Beyond Deadline!!!", rule: "the deadline has passed", severity: "critical", colour: "red" },
  { name: "Late Finish!!", rule: "the finish date has passed", severity: "critical", colour: "red" },
  {
    name: "Late Start!!",
    rule: "the start date has passed and nothing is done yet (0%)",
    severity: "critical",
    colour: "red",
  },
  {
    name: "Trending Late!",
    rule: "start, finish and duration are set and the work left ((1 − % done) × duration) is more than the days left until finish",
    severity: "warning",
    colour: "amber",
  },
  { name: "Finishing Soon!", rule: "finishes within the next 14 days", severity: "active", colour: "blue" },
  {
    name: "Starting Soon!",
    rule: "0% done and starts within the next 14 days",
    severity: "upcoming",
    colour: "purple",
  },
  { name: "In Progress", rule: "between 1% and 99% done", severity: "active", colour: "blue" },
  {
    name: "Not Started",
    rule: "has a start or finish date but none of the rules above apply",
    severity: "upcoming",
    colour: "grey",
  },
];

export function helpSections(): Section[] {
  return [
    {
      id: "braid",
      title: "What BRAID items are",
      text: "budget risk action item issue decision deliverable plan item project log type workstream assignee",
      body: (
        <>
          <p>
            A project in braidMgr is one live log of its <strong>Budget</strong>, <strong>Risks</strong>,{" "}
            <strong>Action items</strong>, <strong>Issues</strong> and <strong>Decisions</strong> — plus
            deliverables and plan items. Every entry is an <em>item</em> with a number (#12), a type, an
            optional workstream and assignee, dates (start, finish, deadline), a duration, a percent complete,
            a description and a dated notes timeline.
          </p>
          <p>
            Items marked <em>draft</em> are work in progress and get no indicator. Deleted items can be
            restored by project managers and admins.
          </p>
        </>
      ),
    },
    {
      id: "indicators",
      title: "Status indicators and their colours",
      text: "indicator status severity critical warning active upcoming completed done late deadline finish start trending soon progress colour red amber blue purple green grey rules",
      body: (
        <>
          <p>
            braidMgr works out each item&apos;s indicator from its dates and progress, comparing calendar
            dates with today. The rules are checked top to bottom and the first one that matches wins; drafts
            never get one. The &ldquo;soon&rdquo; window is 14 days. Indicators are refreshed on every save,
            by &ldquo;Update indicators&rdquo;, and at least once a day.
          </p>
          {/* Scrolls sideways on phones: focusable so keyboard users can scroll it too. */}
          <div
            tabIndex={0}
            role="region"
            aria-label="Indicator rules"
            className="-mx-4 overflow-x-auto sm:mx-0"
          >
            <table className="mt-2 w-full min-w-[34rem] text-left text-sm">
              <caption className="sr-only">Indicators, in the order they are checked</caption>
              <TableHead
                {...HELP_TABLE_HEAD}
                columns={[
                  { label: "Indicator", className: "pr-3 pl-4 sm:pl-0" },
                  { label: "When", className: "pr-3" },
                  { label: "Severity · colour", className: "pr-4 sm:pr-0" },
                ]}
              />
              <tbody className="divide-y divide-slate-100">
                {INDICATORS.map((i) => {
                  const meta = SEVERITY_META[i.severity];
                  return (
                    <tr key={i.name}>
                      <td className="py-2 pr-3 pl-4 sm:pl-0">
                        <span
                          className={cn(
                            "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
                            meta.badge,
                          )}
                        >
                          <span className={cn("size-1.5 rounded-full", meta.dot)} aria-hidden="true" />
                          {i.name}
                        </span>
                      </td>
                      <td className="py-2 pr-3 text-slate-700">{i.rule}</td>
                      <td className="py-2 pr-4 whitespace-nowrap text-slate-700 sm:pr-0">
                        {meta.label} · {i.colour}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p>
            Severity order is critical, warning, active, upcoming, completed, done. An item is <em>open</em>{" "}
            unless it is Completed or Completed Recently.
          </p>
        </>
      ),
    },
    {
      id: "views",
      title: "The views",
      text: "views dashboard all items table filters sort active timeline gantt chronology budget editor portfolio search",
      body: (
        <ul className="list-disc space-y-1.5 pl-5">
          <li>
            <strong>Dashboard</strong> — counts by severity (click a card to see those items), budget status
            and what is due soon.
          </li>
          <li>
            <strong>All items</strong> — a sortable table with filters for type, workstream, assignee,
            indicator, open/completed and text. Filters live in the address, so a filtered view can be
            bookmarked or shared; &ldquo;Clear&rdquo; removes them all. Click a progress or assignee cell to
            change it in place; double-click a row (or press Enter) to open the editor. <em>Columns</em> shows
            or hides Start, Finish, Updated and, for risks, the risk score (probability × impact) and owner;
            the choice is remembered. On a phone the items are cards (tap one to open it) and the export and
            other actions are under &ldquo;⋯&rdquo;.
          </li>
          <li>
            <strong>Active items</strong> — open items grouped by severity, soonest deadline first.
          </li>
          <li>
            <strong>Timeline</strong> — Gantt bars coloured by indicator, with a today line and dependency
            arrows; it can highlight the critical path and compare the plan with a baseline (see below).
          </li>
          <li>
            <strong>Chronology</strong> — items by month of their deadline (or finish).
          </li>
          <li>
            <strong>Budget</strong> — totals, burn to date, weekly burn chart and resource breakdown.
          </li>
          <li>
            <strong>Portfolios</strong> — several projects added up, with a line per project to drill down.
          </li>
          <li>
            <strong>Search</strong> — finds words in titles, descriptions, notes and attachment names across
            your projects; type #12 to jump to item 12.
          </li>
        </ul>
      ),
    },
    SCHEDULE_HELP,
    {
      id: "import-export",
      title: "Importing and exporting",
      text: "import export excel xlsx csv yaml pdf file upload download v1 migrate",
      body: (
        <>
          <p>
            Start a project from an existing file: on the projects page choose <strong>Import</strong>, then a
            RAID log (YAML) from the earlier braidMgr — with its Budget file if you have one — or a CSV or
            Excel (.xlsx) list of items. You see what would come in first: items by type, workstreams, dates,
            and every problem with its line (or row and column). For CSV and Excel you pick which column holds
            which field; the headings of braidMgr&apos;s own CSV export are matched for you. Nothing is
            created until the file has no errors, and then it is imported whole. A project with no items yet
            offers <strong>Import a RAID log</strong> to fill it the same way.
          </p>
          <p>
            Budgets can also be loaded later from a budget file or timesheet CSV. From a project, the export
            menu downloads the items (and budget) as a file you can open in Excel or share; exports respect
            the filters you can see.
          </p>
        </>
      ),
    },
    {
      id: "budgets",
      title: "Budgets",
      text: "budget rate card allocation ledger timesheet burn weekly average remaining over under within 15% status",
      body: (
        <>
          <p>
            A budget is built from a rate card (who, at what rate, until when), allocations (the budget
            ledger) and timesheet entries. Only complete weeks count. braidMgr shows the total, burn to date,
            weekly average, remaining budget and an estimated total at the current pace.
          </p>
          <p>
            Status is <strong>over budget</strong> when the estimate exceeds the total,{" "}
            <strong>within 15%</strong> when less than 15% of the total would be left, and otherwise{" "}
            <strong>under budget</strong>.
          </p>
        </>
      ),
    },
    {
      id: "risks",
      title: "Risks: score, band, heat maps, exposure and the forecast",
      text: "risk issue probability impact score band low medium high extreme residual mitigation heat map exposure cost schedule worst forecast p50 p80 monte carlo register",
      body: (
        <>
          <p>
            Every Risk and Issue can be rated for <strong>probability</strong> (how likely, 1–5) and{" "}
            <strong>impact</strong> (how bad, 1–5). The <strong>score</strong> is probability × impact, from 1
            to 25. The score falls in a <strong>band</strong>: <strong>Low</strong> 1–4 (green),{" "}
            <strong>Medium</strong> 5–9 (amber), <strong>High</strong> 10–16 (orange) and{" "}
            <strong>Extreme</strong> 20–25 (red). The band is always written out next to its colour.
          </p>
          <p>
            The <strong>residual</strong> probability and impact are the rating after the mitigation has
            worked. A risk&apos;s <em>current</em> rating is its residual one when both residual values are
            set, otherwise its inherent (unmitigated) one; the band filter on the Risks tab uses the current
            rating.
          </p>
          <p>
            The Risks tab shows two <strong>heat maps</strong> of the open risks (not finished, not drafts):
            probability up the side, impact along the bottom, the number of risks in each square. The{" "}
            <em>inherent</em> map places each risk by its original rating, the <em>residual</em> map by its
            current one. Press a square to list just those risks in the register; press it again (or the chip
            above the register) to show them all again. Filters and sorting stay in the address, so a reload
            or a shared link keeps them.
          </p>
          <p>
            <strong>Exposure</strong> is what the open risks are expected to cost if nothing changes. Each
            probability stands for a likelihood (1 = 10%, 2 = 30%, 3 = 50%, 4 = 70%, 5 = 90%); a risk&apos;s
            cost exposure is its cost impact × that likelihood, and its schedule exposure is its schedule
            impact in days × that likelihood. The totals add these up over the open risks; the{" "}
            <em>worst risk</em> is the one with the largest expected cost. The Budget page adds the cost
            exposure to the budget forecast and compares it with the budget total.
          </p>
          <p>
            The <strong>finish forecast</strong> on the dashboard replays the rest of the plan 2,000 times,
            letting each open item run longer or shorter by the amounts this project&apos;s finished items
            actually slipped. <strong>P50</strong> is the date half of those runs finish by;{" "}
            <strong>P80</strong> the date four in five finish by — a safer date to promise. Both are compared
            with the plan&apos;s own finish, and a sentence under them says what the forecast was based on.
          </p>
        </>
      ),
    },
    ASSISTANT_HELP,
    {
      id: "roles",
      title: "Roles and permissions",
      text: "roles permissions owner admin member viewer team member project manager access invite",
      body: (
        <>
          <p>
            <strong>Organization roles:</strong> owners can do everything (including deleting the
            organization); admins manage members, settings, portfolios and every project; members see only the
            projects they have a role on.
          </p>
          <p>
            <strong>Project roles:</strong> viewers read everything (including budget, exports and the
            assistant); team members also create items and add notes, and edit items assigned to or created by
            them; project managers edit and delete any item, manage workstreams, settings and budget; project
            admins also assign roles and can delete the project. Buttons you cannot use are hidden.
          </p>
        </>
      ),
    },
    {
      id: "themes",
      title: "Light and dark themes",
      text: "theme themes dark mode light mode appearance colours colors system night contrast",
      body: (
        <p>
          braidMgr follows your device&apos;s light or dark setting. To choose for yourself, open the account
          menu (your initials, top right) and pick <strong>Light</strong>, <strong>Dark</strong> or{" "}
          <strong>System</strong>, or press <kbd className={kbd}>Shift D</kbd> to switch between light and
          dark. The choice is remembered on this device.
        </p>
      ),
    },
    {
      id: "offline",
      title: "Working offline",
      text: "offline install app pwa home screen cache network pending queue sync conflict",
      body: (
        <p>
          braidMgr can be installed as an app from your browser. Pages you have opened are kept on this
          device, so you can still read them without a connection. A banner tells you when you are offline.
          Item edits (the editor and the quick edits), notes and new items made offline are kept on this
          device — the banner counts them (&ldquo;3 pending&rdquo;) and lists them, each with Discard — and
          they survive a reload. When the network returns they are sent in order; a new item gets its number
          then. If someone else changed the same item meanwhile, the item opens on the conflict view so you
          can reapply your edits or keep theirs.
        </p>
      ),
    },
  ];
}
