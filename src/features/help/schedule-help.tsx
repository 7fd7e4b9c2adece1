/** Help: the critical path, slack, baselines and ghost bars, in plain words (SPEC §13). */
export const SCHEDULE_HELP = {
  id: "critical-path",
  title: "Critical path, slack and baselines",
  text: "critical path slack float cpm schedule finish date dependencies baseline baselines snapshot compare ghost bars slipped pulled in added removed timeline plan",
  body: (
    <>
      <p>
        <strong>Critical path.</strong> Items that depend on each other form chains: one cannot start until
        the one before it finishes. The longest chain decides when the project can finish — that chain is the{" "}
        <em>critical path</em>. On the <strong>Timeline</strong>, tick <strong>Critical path</strong>: its
        items get an orange frame and a <strong>CP</strong> tag, the dependency arrows between them turn thick
        orange, everything else fades, and a line above the chart names the chain and the date the plan
        finishes. Only items that are not drafts and have both a start and a finish take part.
      </p>
      <p>
        <strong>Slack</strong> is how many days an item can finish late without moving the project&apos;s
        finish date. &ldquo;Slack: 3 days&rdquo; means it has three days to spare;{" "}
        <strong>Critical — no slack</strong> means a day late on that item is a day late for the whole
        project. Hover over a bar (or tap it on a phone) to see its slack; the item editor shows it too, under{" "}
        <em>Schedule and progress</em>, with the latest date the item may finish.
      </p>
      <p>
        <strong>Baselines.</strong> A baseline is a named snapshot of the plan: every item&apos;s start and
        finish on the day it was taken. Project managers take one from <strong>Timeline → Baselines…</strong>{" "}
        (one is also taken automatically when a project is imported), and may delete one. Anyone on the
        project can compare with one.
      </p>
      <p>
        <strong>Comparing.</strong> Pick a baseline under <strong>Compare with</strong>. Each item then gets a
        faint dashed <em>ghost bar</em> just below its bar, showing where it sat in the baseline; a small tag
        such as <strong>+5d</strong> (finishes five days later) or <strong>−2d</strong> (two days earlier)
        sits beside it, and
        <strong> new</strong> marks items added since. Under the chart, the compare panel lists the items that{" "}
        <strong>slipped</strong> (largest delay first), were <strong>pulled in</strong>, were{" "}
        <strong>added</strong> or <strong>removed</strong>; click one to open it. Both settings live in the
        address, so a link keeps them.
      </p>
    </>
  ),
};
