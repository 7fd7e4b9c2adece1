/**
 * The rate card through the API: org-wide entries (members read, owners and
 * admins write), project entries (the project's roles), validation, no two
 * entries of one resource in effect on one day; then the budget overview.
 */
import { describe, expect, it } from "vitest";
import { codeOf } from "./helpers";
import { failureOf } from "./budget-support";
import {
  ORG,
  projectId,
  otherProjectId,
  owner,
  orgAdmin,
  pm,
  viewer,
  outsider,
  p,
  auditOf,
  setUpBudgetProject,
} from "./budget-project";

setUpBudgetProject();

describe("rate card", () => {
  it("org-wide entries: members read them, owners and admins write them", async () => {
    const e = await orgAdmin.budget.rateCard.create({
      orgSlug: ORG,
      resourceName: "Ana Ruiz",
      role: "Lead engineer",
      geography: "US",
      hourlyRate: "185",
      effectiveFrom: "2025-01-01",
      rollOffDate: "2025-08-02",
    });
    expect(e).toMatchObject({
      scope: "org",
      projectId: null,
      hourlyRate: "185.00",
      rollOffDate: "2025-08-02",
      effectiveTo: null,
    });

    for (const c of [outsider, viewer, pm]) {
      expect((await c.budget.rateCard.list({ orgSlug: ORG })).map((r) => r.id)).toContain(e.id);
      expect(
        await codeOf(c.budget.rateCard.create({ orgSlug: ORG, resourceName: "X", hourlyRate: "1" })),
      ).toBe("FORBIDDEN");
      expect(await codeOf(c.budget.rateCard.update({ orgSlug: ORG, id: e.id, hourlyRate: "1" }))).toBe(
        "FORBIDDEN",
      );
      expect(await codeOf(c.budget.rateCard.delete({ orgSlug: ORG, id: e.id }))).toBe("FORBIDDEN");
    }
    const upd = await owner.budget.rateCard.update({
      orgSlug: ORG,
      id: e.id,
      expectedUpdatedAt: e.updatedAt,
      hourlyRate: 190.5,
      role: "",
    });
    expect(upd).toMatchObject({ hourlyRate: "190.50", role: null, geography: "US" });
    await orgAdmin.budget.rateCard.delete({ orgSlug: ORG, id: e.id });
    expect((await pm.budget.rateCard.list({ orgSlug: ORG })).map((r) => r.id)).not.toContain(e.id);

    const rows = await auditOf(e.id);
    expect(rows.map((r) => [r.action, r.entityType, r.projectId])).toEqual([
      ["CREATE", "rate_card", null],
      ["UPDATE", "rate_card", null],
      ["DELETE", "rate_card", null],
    ]);
    expect(rows[1]!.before).toMatchObject({ hourlyRate: "185.00", role: "Lead engineer" });
    expect(rows[1]!.after).toMatchObject({ hourlyRate: "190.50", role: null });
  });

  it("project entries follow the project's roles", async () => {
    const e = await pm.budget.rateCard.create({
      ...p(),
      resourceName: "Bo Chen",
      hourlyRate: "160",
      rollOffDate: "2025-06-10",
    });
    expect(e).toMatchObject({ scope: "project", projectId });
    const seen = await viewer.budget.rateCard.list(p());
    expect(seen.find((r) => r.id === e.id)).toBeTruthy();
    // The org-wide list does not carry project entries.
    expect((await pm.budget.rateCard.list({ orgSlug: ORG })).map((r) => r.id)).not.toContain(e.id);

    expect(await codeOf(viewer.budget.rateCard.create({ ...p(), resourceName: "X", hourlyRate: "1" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(viewer.budget.rateCard.update({ orgSlug: ORG, id: e.id, hourlyRate: "1" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(outsider.budget.rateCard.list(p()))).toBe("NOT_FOUND");
    expect(await codeOf(outsider.budget.rateCard.update({ orgSlug: ORG, id: e.id, hourlyRate: "1" }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await codeOf(
        pm.budget.rateCard.create({
          orgSlug: ORG,
          projectId: otherProjectId,
          resourceName: "X",
          hourlyRate: "1",
        }),
      ),
    ).toBe("NOT_FOUND");

    // Its roll-off date sets the project end once the resource books time.
    await pm.budget.allocation.create({ ...p(), amount: "10000" });
    await pm.budget.timesheet.create({ ...p(), resource: "Bo Chen", weekEnding: "2025-03-07", hours: "10" });
    const m = await viewer.budget.metrics(p());
    expect(m.projEnd).toBe("2025-06-10");
    expect(m.burnToDate).toBe(1600);
  });

  it("validates entries with field-level errors", async () => {
    const base = { orgSlug: ORG, resourceName: "Eve", hourlyRate: "50" };
    const cases: [Record<string, unknown>, string][] = [
      [{ hourlyRate: "-1" }, "hourlyRate"],
      [{ hourlyRate: "abc" }, "hourlyRate"],
      [{ resourceName: "" }, "resourceName"],
      [{ effectiveFrom: "2025-02-01", effectiveTo: "2025-01-01" }, "effectiveTo"],
      [{ rollOffDate: "2025-13-01" }, "rollOffDate"],
    ];
    for (const [over, field] of cases) {
      const f = await failureOf(owner.budget.rateCard.create({ ...base, ...(over as object) }));
      expect(f.code, JSON.stringify(over)).toBe("BAD_REQUEST");
      expect(Object.keys(f.fields), JSON.stringify(over)).toContain(field);
    }
  });

  it("refuses two entries of one resource in effect on the same day", async () => {
    const a = await owner.budget.rateCard.create({ orgSlug: ORG, resourceName: "Fay Ng", hourlyRate: "80" });
    const f = await failureOf(
      owner.budget.rateCard.create({
        orgSlug: ORG,
        resourceName: "fay ng",
        hourlyRate: "85",
        effectiveFrom: "2025-06-01",
      }),
    );
    expect(f).toMatchObject({
      code: "BAD_REQUEST",
      fields: { effectiveFrom: [expect.stringMatching(/already has a rate of 80.00/)] },
    });
    await owner.budget.rateCard.update({ orgSlug: ORG, id: a.id, effectiveTo: "2025-05-31" });
    const b = await owner.budget.rateCard.create({
      orgSlug: ORG,
      resourceName: "fay ng",
      hourlyRate: "85",
      effectiveFrom: "2025-06-01",
    });
    expect(b.hourlyRate).toBe("85.00");
    // A project-specific entry may sit beside the org-wide one.
    expect(
      await codeOf(pm.budget.rateCard.create({ ...p(), resourceName: "Fay Ng", hourlyRate: "70" })),
    ).toBe("OK");
  });
});

describe("overview", () => {
  it("gives counts, workstreams and resource names", async () => {
    const o = await viewer.budget.overview(p());
    expect(o.hasBudget).toBe(true);
    expect(o.workstreams).toEqual(["Civil", "Electrical"]);
    expect(o.resources).toEqual(expect.arrayContaining(["Bo Chen", "Fay Ng"]));
    expect(o.counts.projectRateCard).toBeGreaterThan(0);
    const empty = await owner.budget.overview({ orgSlug: ORG, projectId: otherProjectId });
    expect(empty).toMatchObject({
      hasBudget: false,
      counts: { allocations: 0, timesheets: 0, projectRateCard: 0 },
    });
  });
});
