/**
 * `@Name` mentions in note text (SPEC §14): a member is mentioned when the
 * text has "@" followed by their display name (any case), and the name is
 * not just the start of a longer word ("@Ann" does not mention "Anna",
 * "@Anna" does not mention "Ann"). Longer names win where two overlap.
 */
export type MentionableMember = { userId: string; name: string };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** User ids of the members the text mentions, each once, in the order of the member list. */
export function mentionedMembers(text: string, members: readonly MentionableMember[]): string[] {
  if (!text.includes("@")) return [];
  const sorted = [...members]
    .filter((m) => m.name.trim().length > 0)
    .sort((a, b) => b.name.trim().length - a.name.trim().length);
  let rest = text;
  const found = new Set<string>();
  for (const m of sorted) {
    const re = new RegExp(`(^|[^\\p{L}\\p{N}_])@${escape(m.name.trim())}(?![\\p{L}\\p{N}_])`, "giu");
    if (re.test(rest)) {
      found.add(m.userId);
      // Blank the match so a shorter name inside it ("@Bo Chen" vs "@Bo") is not counted too.
      rest = rest.replace(re, (_all, lead: string) => `${lead} `);
    }
  }
  return members.filter((m) => found.has(m.userId)).map((m) => m.userId);
}
