/**
 * Budget allocations through the API (create, update, delete, audit before/after,
 * field-level errors, merged date checks, who reads and writes), then the writes
 * every budget record shares: stale updates conflict, records of another project
 * are not found, every write is audited.
 */
import { describe, expect, it } from "vitest";
import { codeOf } from "./helpers";
import { failureOf, userId } from "./budget-support";
import {
  ORG,
  projectId,
  otherProjectId,
  owner,
  orgAdmin,
  pm,
  tm,
  viewer,
  outsider,
  p,
  auditOf,
  setUpBudgetProject,
} from "./budget-project";

setUpBudgetProject();

describe("allocations", () => {
  it("lets a project manager create, update and delete them, auditing before/after", async () => {
    const created = await pm.budget.allocation.create({
      ...p(),
      amount: "-1500.50",
      workstream: "civil",
      date: "2025-02-12",
      note: "De-scope of the ramp",
    });
    expect(created).toMatchObject({
      amount: "-1500.50",
      workstream: "Civil",
      date: "2025-02-12",
      periodStart: null,
    });

    const updated = await pm.budget.allocation.update({
      ...p(),
      id: created.id,
      expectedUpdatedAt: created.updatedAt,
      amount: 25000,
      workstream: null,
      date: null,
      periodStart: "2025-01-01",
      periodEnd: "2025-03-31",
    });
    expect(updated).toMatchObject({
      amount: "25000.00",
      workstream: null,
      date: null,
      periodEnd: "2025-03-31",
      note: "De-scope of the ramp",
    });

    // A second writer holding the old timestamp is told to reload.
    expect(
      await codeOf(
        pm.budget.allocation.update({
          ...p(),
          id: created.id,
          expectedUpdatedAt: created.updatedAt,
          amount: 1,
        }),
      ),
    ).toBe("CONFLICT");

    await pm.budget.allocation.delete({ ...p(), id: created.id });
    expect((await viewer.budget.allocation.list(p())).map((a) => a.id)).not.toContain(created.id);

    const rows = await auditOf(created.id);
    expect(rows.map((r) => [r.action, r.entityType])).toEqual([
      ["CREATE", "budget_allocation"],
      ["UPDATE", "budget_allocation"],
      ["DELETE", "budget_allocation"],
    ]);
    const pmId = await userId("pm@b.test");
    expect(rows.every((r) => r.actorId === pmId && r.projectId === projectId && r.correlationId)).toBe(true);
    expect(rows[1]!.before).toMatchObject({ amount: "-1500.50", workstream: "Civil", date: "2025-02-12" });
    expect(rows[1]!.after).toMatchObject({ amount: "25000.00", workstream: null, periodStart: "2025-01-01" });
    expect(rows[2]!.before).toMatchObject({ amount: "25000.00" });
  });

  it("refuses bad input with field-level errors and writes nothing", async () => {
    const before = (await pm.budget.allocation.list(p())).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: "12.345" }, "amount"],
      [{ amount: "1e5" }, "amount"],
      [{ amount: 0 }, "amount"],
      [{ amount: "10", date: "2025-02-30" }, "date"],
      [{ amount: "10", date: "2025-02-01", periodStart: "2025-01-01", periodEnd: "2025-01-31" }, "date"],
      [{ amount: "10", periodStart: "2025-01-01" }, "periodEnd"],
      [{ amount: "10", periodStart: "2025-02-01", periodEnd: "2025-01-01" }, "periodEnd"],
      [{ amount: "10", workstream: "Plumbing" }, "workstream"],
    ];
    for (const [input, field] of cases) {
      const f = await failureOf(pm.budget.allocation.create({ ...p(), ...(input as { amount: string }) }));
      expect(f.code, JSON.stringify(input)).toBe("BAD_REQUEST");
      expect(Object.keys(f.fields), JSON.stringify(input)).toContain(field);
    }
    const ws = await failureOf(pm.budget.allocation.create({ ...p(), amount: "10", workstream: "Plumbing" }));
    expect(ws.fields.workstream![0]).toMatch(/Civil, Electrical/);
    expect((await pm.budget.allocation.list(p())).length).toBe(before);
  });

  it("checks the merged date/period on update", async () => {
    const a = await pm.budget.allocation.create({ ...p(), amount: "100", date: "2025-01-10" });
    const f = await failureOf(
      pm.budget.allocation.update({ ...p(), id: a.id, periodStart: "2025-01-01", periodEnd: "2025-01-31" }),
    );
    expect(f).toMatchObject({
      code: "BAD_REQUEST",
      fields: { date: [expect.stringMatching(/either a date or a period/)] },
    });
    await pm.budget.allocation.delete({ ...p(), id: a.id });
  });

  it("is read by everyone on the project and written only by PMs and admins", async () => {
    const a = await owner.budget.allocation.create({ ...p(), amount: "1000" });
    for (const c of [viewer, tm, pm, orgAdmin])
      expect(await codeOf(c.budget.allocation.list(p()))).toBe("OK");
    expect(await codeOf(outsider.budget.allocation.list(p()))).toBe("NOT_FOUND");
    for (const c of [viewer, tm]) {
      expect(await codeOf(c.budget.allocation.create({ ...p(), amount: "5" }))).toBe("FORBIDDEN");
      expect(await codeOf(c.budget.allocation.update({ ...p(), id: a.id, amount: "5" }))).toBe("FORBIDDEN");
      expect(await codeOf(c.budget.allocation.delete({ ...p(), id: a.id }))).toBe("FORBIDDEN");
    }
    expect(await codeOf(outsider.budget.allocation.create({ ...p(), amount: "5" }))).toBe("NOT_FOUND");
    expect(await codeOf(orgAdmin.budget.allocation.update({ ...p(), id: a.id, note: "ok" }))).toBe("OK");
    // An allocation of another project is not reachable through this one.
    expect(
      await codeOf(pm.budget.allocation.delete({ orgSlug: ORG, projectId: otherProjectId, id: a.id })),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(owner.budget.allocation.delete({ orgSlug: ORG, projectId: otherProjectId, id: a.id })),
    ).toBe("NOT_FOUND");
    await owner.budget.allocation.delete({ ...p(), id: a.id });
  });
});

describe("writes shared by every budget record", () => {
  type Kind = {
    name: string;
    entityType: string;
    noun: string;
    notFound: string;
    create: () => Promise<{ id: string; updatedAt: Date }>;
    update: (id: string, expectedUpdatedAt?: Date) => Promise<unknown>;
    remove: (id: string) => Promise<unknown>;
    /** Calls that address the id through the other project, where it does not exist. */
    elsewhere?: (id: string) => (() => Promise<unknown>)[];
    projectId: () => string | null;
  };
  const kinds: Kind[] = [
    {
      name: "allocation",
      entityType: "budget_allocation",
      noun: "allocation",
      notFound: "Allocation not found",
      create: () => pm.budget.allocation.create({ ...p(), amount: "10", note: "shared writes" }),
      update: (id, expectedUpdatedAt) =>
        pm.budget.allocation.update({ ...p(), id, expectedUpdatedAt, amount: "11" }),
      remove: (id) => pm.budget.allocation.delete({ ...p(), id }),
      elsewhere: (id) => [
        () => owner.budget.allocation.update({ orgSlug: ORG, projectId: otherProjectId, id, amount: "12" }),
        () => owner.budget.allocation.delete({ orgSlug: ORG, projectId: otherProjectId, id }),
      ],
      projectId: () => projectId,
    },
    {
      name: "timesheet entry",
      entityType: "timesheet_entry",
      noun: "timesheet entry",
      notFound: "Timesheet entry not found",
      create: () =>
        pm.budget.timesheet.create({
          ...p(),
          resource: "Sam Shared",
          weekEnding: "2025-04-04",
          hours: "2",
          rate: "10",
        }),
      update: (id, expectedUpdatedAt) =>
        pm.budget.timesheet.update({ ...p(), id, expectedUpdatedAt, hours: "3" }),
      remove: (id) => pm.budget.timesheet.delete({ ...p(), id }),
      elsewhere: (id) => [
        () => owner.budget.timesheet.update({ orgSlug: ORG, projectId: otherProjectId, id, hours: "4" }),
        () => owner.budget.timesheet.delete({ orgSlug: ORG, projectId: otherProjectId, id }),
      ],
      projectId: () => projectId,
    },
    {
      name: "project rate-card entry",
      entityType: "rate_card",
      noun: "rate-card entry",
      notFound: "Rate-card entry not found",
      create: () => pm.budget.rateCard.create({ ...p(), resourceName: "Sam Shared", hourlyRate: "10" }),
      update: (id, expectedUpdatedAt) =>
        pm.budget.rateCard.update({ orgSlug: ORG, id, expectedUpdatedAt, hourlyRate: "11" }),
      remove: (id) => pm.budget.rateCard.delete({ orgSlug: ORG, id }),
      projectId: () => projectId,
    },
    {
      name: "org-wide rate-card entry",
      entityType: "rate_card",
      noun: "rate-card entry",
      notFound: "Rate-card entry not found",
      create: () =>
        owner.budget.rateCard.create({ orgSlug: ORG, resourceName: "Sam Shared", hourlyRate: "10" }),
      update: (id, expectedUpdatedAt) =>
        owner.budget.rateCard.update({ orgSlug: ORG, id, expectedUpdatedAt, hourlyRate: "11" }),
      remove: (id) => owner.budget.rateCard.delete({ orgSlug: ORG, id }),
      projectId: () => null,
    },
  ];

  it.each(kinds)(
    "$name: stale updates conflict, missing rows are not found, every write is audited",
    async (k) => {
      const created = await k.create();
      for (const call of k.elsewhere?.(created.id) ?? []) {
        expect(await failureOf(call())).toMatchObject({ code: "NOT_FOUND", message: k.notFound });
      }
      await k.update(created.id, created.updatedAt);
      expect(await failureOf(k.update(created.id, created.updatedAt))).toMatchObject({
        code: "CONFLICT",
        message: `This ${k.noun} was changed by someone else; reload it and try again`,
      });
      await k.update(created.id);
      expect(await k.remove(created.id)).toEqual({ id: created.id });
      expect(await failureOf(k.update(created.id))).toMatchObject({ code: "NOT_FOUND", message: k.notFound });
      expect(await failureOf(k.remove(created.id))).toMatchObject({ code: "NOT_FOUND", message: k.notFound });

      const rows = await auditOf(created.id);
      expect(rows.map((r) => [r.action, r.entityType, r.projectId])).toEqual(
        ["CREATE", "UPDATE", "UPDATE", "DELETE"].map((a) => [a, k.entityType, k.projectId()]),
      );
      expect(rows[0]!.before).toBeNull();
      expect(rows[0]!.after).toMatchObject({ id: created.id });
      expect(rows[3]!.before).toMatchObject({ id: created.id });
      expect(rows[3]!.after).toBeNull();
      // Each audit row's "before" is the previous row's "after".
      expect(rows[2]!.before).toEqual(rows[1]!.after);
      expect(rows[3]!.before).toEqual(rows[2]!.after);
    },
  );
});
