/**
 * Every procedure of the app router refuses an anonymous caller with
 * UNAUTHORIZED, except the deliberately public account procedures. Walks
 * `appRouter._def.procedures`, so a procedure added later is covered too.
 */
import { describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { anonymousCaller, codeOf } from "./helpers";

/** Public on purpose: what a person needs before they have a session. */
const PUBLIC = new Set([
  "auth.register",
  "auth.requestPasswordReset",
  "auth.resetPassword",
  "auth.verifyEmail",
  "auth.invitation",
  "auth.acceptInvitation",
  "auth.declineInvitation",
  "auth.ssoProvider",
]);

type Callable = (input?: unknown) => Promise<unknown>;

/** Every procedure, subscriptions included (their chain runs when they are called, before any event). */
function procedurePaths(): string[] {
  return Object.keys(appRouter._def.procedures).sort();
}

function procedureAt(caller: unknown, path: string): Callable {
  return path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as Callable;
}

describe("anonymous callers", () => {
  const paths = procedurePaths();

  it("the router has the account procedures", () => {
    expect(paths.length).toBeGreaterThan(30);
    for (const p of PUBLIC) expect(paths).toContain(p);
    for (const p of [
      "org.members",
      "org.addMember",
      "org.setMemberRole",
      "org.removeMember",
      "project.setRole",
      "project.onChange",
      "chat.stream",
    ]) {
      expect(paths).toContain(p);
    }
  });

  it.each(paths.filter((p) => !PUBLIC.has(p)))("%s → UNAUTHORIZED", async (path) => {
    const anon = anonymousCaller();
    // Plausible input shapes: the session check must come before any input or lookup.
    const inputs = [{}, { orgSlug: "acme", projectId: "00000000-0000-4000-8000-000000000000", itemNum: 1 }];
    for (const input of inputs) expect(await codeOf(procedureAt(anon, path)(input))).toBe("UNAUTHORIZED");
  });

  it.each([...PUBLIC])("%s is public (answers without a session)", async (path) => {
    const code = await codeOf(procedureAt(anonymousCaller(), path)({}));
    expect(code).not.toBe("UNAUTHORIZED");
  });
});
