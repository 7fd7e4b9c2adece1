/**
 * Who an item is assigned to. The assignee is shown as text (v1 logs and
 * people outside the org are free text), and linked to an org member's user
 * id when it is one: picked in the editor, or matched by e-mail or by a name
 * no other member shares. Edit rights follow the link only (permissions.ts).
 */

export type AssignableMember = { userId: string; name: string; email: string };

/** Names compare without regard to case or repeated spaces. */
const nameKey = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * A matcher over the org's members: text → user id, or null when the text
 * names nobody, or more than one member (a shared name links no one).
 */
export function assigneeMatcher(
  members: readonly AssignableMember[],
): (text: string | null | undefined) => string | null {
  const byEmail = new Map<string, string>();
  const byName = new Map<string, string | null>();
  for (const m of members) {
    byEmail.set(m.email.trim().toLowerCase(), m.userId);
    const key = nameKey(m.name);
    if (key === "") continue;
    byName.set(key, byName.has(key) && byName.get(key) !== m.userId ? null : m.userId);
  }
  return (text) => {
    const t = text?.trim();
    if (!t) return null;
    if (t.includes("@")) return byEmail.get(t.toLowerCase()) ?? null;
    return byName.get(nameKey(t)) ?? null;
  };
}

export type AssigneeInput = { assignedTo?: string | null; assignedToUserId?: string | null };
export type Assignee = { assignedTo: string | null; assignedToUserId: string | null };

/**
 * The assignee to store for a create or an update, or a problem.
 * - a user id: must be a member; the text becomes their name (so what is shown is who may edit);
 * - explicitly no user id (null): free text, linked to nobody;
 * - text alone: linked when it matches one member by e-mail or name.
 * Returns null when the input changes neither.
 */
export function resolveAssignee(
  input: AssigneeInput,
  members: readonly AssignableMember[],
): Assignee | { problem: string } | null {
  if (input.assignedToUserId === undefined && input.assignedTo === undefined) return null;
  const text = input.assignedTo?.trim() || null;
  if (input.assignedToUserId) {
    const member = members.find((m) => m.userId === input.assignedToUserId);
    if (!member) return { problem: "That person is not a member of this organization" };
    return { assignedTo: member.name, assignedToUserId: member.userId };
  }
  if (input.assignedToUserId === null) return { assignedTo: text, assignedToUserId: null };
  return { assignedTo: text, assignedToUserId: assigneeMatcher(members)(text) };
}
