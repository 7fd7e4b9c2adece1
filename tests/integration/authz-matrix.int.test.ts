/**
 * The authorization matrix, generated from the router: every procedure of
 * appRouter must have at least one entry here (or this file fails), and each
 * entry is called by nine kinds of caller —
 *
 *   signed out · a user of another org · an org member with no project role ·
 *   viewer · team member · project manager · project admin · org admin · owner
 *
 * — and must answer exactly what the permission rules (SPEC §6, as data in
 * src/domain/permissions.ts) say: OK, UNAUTHORIZED, FORBIDDEN or NOT_FOUND.
 * A new procedure without an entry, or a router that uses the wrong guard,
 * fails here.
 *
 * Inputs are valid, so "OK" means the call succeeded; calls that change or
 * remove things get fresh objects each time.
 */
import { describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { codeOf } from "./helpers";
import { callers, setUpAuthzWorld, WHO, type Entry } from "./authz/world";
import { orgEntries } from "./authz/org";
import { projectEntries } from "./authz/project";
import { itemEntries } from "./authz/item";
import { budgetEntries } from "./authz/budget";
import { chatEntries } from "./authz/chat";

setUpAuthzWorld();

const entries: Entry[] = [...orgEntries, ...projectEntries, ...itemEntries, ...budgetEntries, ...chatEntries];

/* ------------------------------------------------------------------- tests */

describe("authorization matrix", () => {
  it("has an entry for every procedure of the router", () => {
    const procedures = Object.keys(
      (appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures,
    );
    const covered = new Set(entries.map((e) => e.path));
    expect(procedures.filter((p) => !covered.has(p))).toEqual([]);
    // And no entry names a procedure that no longer exists.
    expect([...covered].filter((p) => !procedures.includes(p))).toEqual([]);
  });

  const table = entries.flatMap((e) =>
    WHO.map((who) => [e.label ? `${e.path} (${e.label})` : e.path, who, e] as const),
  );
  it.each(table)("%s as %s", async (_name, who, entry) => {
    const expected = entry.rule(who);
    const got = await codeOf(entry.call(callers[who], who));
    expect(got).toBe(expected);
  });
});
