/** Who is acting. Built from a verified session, or by admin scripts (system). */
export type Actor = { kind: "user"; userId: string; email: string; name: string } | { kind: "system" };

/** What services need to know about the actor for audit and ownership rules. */
export type AuditActor = {
  userId: string | null;
  name: string | null;
  correlationId: string;
};

export function auditActor(actor: Actor, correlationId: string): AuditActor {
  return actor.kind === "user"
    ? { userId: actor.userId, name: actor.name, correlationId }
    : { userId: null, name: "system", correlationId };
}
