/**
 * Drafting from notes, offline (SPEC §14): a deterministic reader that turns
 * pasted meeting notes into proposals. Pure: no I/O, no clock.
 *
 * - A line that starts (after an optional bullet `-` `*` `•` or numbering
 *   `1.` / `1)`) with a type word — Risk, Issue, Action / Action item / AI,
 *   Decision, Deliverable, Plan / Plan item; any case, plural allowed —
 *   followed by `:` or ` - ` proposes a new item of that type.
 * - `@First Last` (two capitalised words) or `@Name` (one word) names the
 *   assignee; `by YYYY-MM-DD` / `due YYYY-MM-DD` sets the finish (and the
 *   deadline for action items). Both are taken out of the title; the rest of
 *   the line is the title, verbatim but for dangling separators and a final
 *   full stop left behind.
 * - `#N:` at the start proposes a note on item N with the rest as content.
 * - Every other line (prose, headings, attendees, blank lines) is ignored.
 */
import { isIsoDate } from "./dates";
import type { IsoDate, ItemType } from "./types";

export type CreateProposal = {
  kind: "create";
  type: ItemType;
  title: string;
  assignedTo?: string;
  finish?: IsoDate;
  deadline?: IsoDate;
};
export type NoteProposal = { kind: "note"; itemNum: number; content: string };
export type ReadProposal = CreateProposal | NoteProposal;

/** Type words, longest first so "Action item" wins over "Action". */
const TYPE_WORDS: readonly [string, ItemType][] = [
  ["action items?", "Action Item"],
  ["plan items?", "Plan Item"],
  ["actions?", "Action Item"],
  ["ai", "Action Item"],
  ["risks?", "Risk"],
  ["issues?", "Issue"],
  ["decisions?", "Decision"],
  ["deliverables?", "Deliverable"],
  ["plans?", "Plan Item"],
];

/** A bullet or number, then maybe a task box ("- [ ] "); the type word may be bold ("**Risk:**"). */
const BULLET = String.raw`^\s*(?:(?:[-*•·]|\d{1,3}[.)])\s+)?(?:\[[ xX]\]\s+)?`;
const SEPARATOR = String.raw`(?:\s*(?:\*\*|__)?\s*:(?:\*\*|__)?|(?:\*\*|__)?\s+[-–—]\s+)`;
const TYPE_LINE = new RegExp(
  `${BULLET}(?:\\*\\*|__)?(${TYPE_WORDS.map(([w]) => w.replace(" ", String.raw`\s+`)).join("|")})${SEPARATOR}(.*)$`,
  "i",
);
const NOTE_LINE = new RegExp(String.raw`${BULLET}#(\d{1,9})\s*:(.*)$`);

/** `@Jane Doe` (second word capitalised) or `@jane`; not an e-mail address. */
const ASSIGNEE = /(^|[\s(,;])@(\p{L}[\p{L}\p{N}'’.-]*(?:\s+\p{Lu}[\p{L}\p{N}'’-]*)?)/u;
const DATE = /(^|[\s(,;])(?:by|due)(?:\s+(?:on|by))?:?\s+(\d{4}-\d{2}-\d{2})(?=$|[\s).,;:!?])/i;

/** "Risks: none" is not a risk. */
const NOTHING = /^(?:none|nothing|n\/a|na|nil|tbd|-+)$/i;

function typeOf(word: string): ItemType {
  const w = word.toLowerCase().replace(/\s+/g, " ");
  for (const [pattern, type] of TYPE_WORDS) if (new RegExp(`^${pattern}$`).test(w)) return type;
  return "Action Item";
}

/** Dangling separators, empty brackets and a final full stop left after taking out names and dates. */
function tidy(s: string): string {
  let t = s
    .replace(/\s*[,;]\s*\)/g, ")")
    .replace(/\(\s*[,;]\s*/g, "(")
    .replace(/\(\s*(?:owner|assignee|assigned(?:\s+to)?|due|by)?\s*:?\s*\)/gi, " ")
    .replace(/\s+([,;:.])(?=\s|$)/g, "$1");
  t = t.replace(/\s{2,}/g, " ").trim();
  for (;;) {
    const next = t
      .replace(/^[-–—,;:]+\s*/, "")
      .replace(/\s*[-–—,;:]+$/, "")
      .replace(/(?<!\.)\.$/, "")
      .trim();
    if (next === t) return t;
    t = next;
  }
}

/** One create proposal from the text after the type word, or null when nothing is left of a title. */
export function readCreate(type: ItemType, rest: string): CreateProposal | null {
  let text = ` ${rest} `;
  let assignedTo: string | undefined;
  let finish: IsoDate | undefined;
  const a = ASSIGNEE.exec(text);
  if (a) {
    assignedTo = a[2]!.replace(/[.'’-]+$/, "");
    const startsLine = text.slice(0, a.index).trim() === "" && !a[1]!.trim();
    text = `${text.slice(0, a.index)}${a[1]} ${text.slice(a.index + a[0].length)}`;
    // "@Jane Doe to send the minutes" → "send the minutes"
    if (startsLine) text = text.replace(/^\s*(?:to|will)\s+/i, " ");
  }
  const d = DATE.exec(text);
  if (d && isIsoDate(d[2])) {
    finish = d[2];
    text = `${text.slice(0, d.index)}${d[1]} ${text.slice(d.index + d[0].length)}`;
  }
  const title = tidy(text);
  if (!title || NOTHING.test(title)) return null;
  return {
    kind: "create",
    type,
    title,
    ...(assignedTo ? { assignedTo } : {}),
    ...(finish ? { finish } : {}),
    ...(finish && type === "Action Item" ? { deadline: finish } : {}),
  };
}

/** Reads one line: a proposal or null (ignored). */
export function readLine(line: string): ReadProposal | null {
  const note = NOTE_LINE.exec(line);
  if (note) {
    const content = note[2]!.trim();
    const itemNum = Number(note[1]);
    return content && itemNum > 0 ? { kind: "note", itemNum, content } : null;
  }
  const m = TYPE_LINE.exec(line);
  if (!m) return null;
  return readCreate(typeOf(m[1]!), m[2]!);
}

/** Every proposal in pasted notes, in the order of the lines. */
export function readNotes(text: string): ReadProposal[] {
  const out: ReadProposal[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const p = readLine(line);
    if (p) out.push(p);
  }
  return out;
}
