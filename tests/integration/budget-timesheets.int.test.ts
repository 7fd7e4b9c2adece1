/**
 * Timesheets through the API: cost = hours × rate worked out on the server, a
 * missing rate taken from the rate card in force on the week ending, field-level
 * errors, who reads and writes.
 */
import { describe, expect, it } from "vitest";
import { codeOf } from "./helpers";
import { failureOf, tenantDb } from "./budget-support";
import { ORG, owner, pm, tm, viewer, outsider, p, auditOf, setUpBudgetProject } from "./budget-project";

setUpBudgetProject();

describe("timesheets", () => {
  it("computes cost = hours × rate on the server, exactly", async () => {
    const t = await pm.budget.timesheet.create({
      ...p(),
      resource: "  Chidi   Okafor ",
      weekEnding: "2025-03-07",
      hours: 37.5,
      rate: "72.50",
      // A client-sent cost is not part of the input and is ignored.
      ...({ cost: "1.00" } as object),
    });
    expect(t).toMatchObject({
      resource: "Chidi Okafor",
      weekEnding: "2025-03-07",
      hours: "37.50",
      rate: "72.50",
      cost: "2718.75",
      completeWeek: true,
    });

    const upd = await pm.budget.timesheet.update({ ...p(), id: t.id, hours: "0.33", rate: "0.15" });
    expect(upd.cost).toBe("0.05"); // 0.0495 rounds half away from zero

    const db = await tenantDb(ORG);
    const stored = await db.timesheetEntry.findUniqueOrThrow({ where: { id: t.id } });
    expect(stored.cost.toFixed(2)).toBe("0.05");
    const rows = await auditOf(t.id);
    expect(rows.map((r) => r.action)).toEqual(["CREATE", "UPDATE"]);
    expect(rows[0]!.after).toMatchObject({ cost: "2718.75" });
    expect(rows[1]!.before).toMatchObject({ cost: "2718.75", hours: "37.50" });
    expect(rows[1]!.after).toMatchObject({ cost: "0.05", hours: "0.33", rate: "0.15" });
    await pm.budget.timesheet.delete({ ...p(), id: t.id });
    expect((await auditOf(t.id)).map((r) => r.action)).toEqual(["CREATE", "UPDATE", "DELETE"]);
  });

  it("takes a missing rate from the rate card in force on the week ending", async () => {
    const old = await owner.budget.rateCard.create({
      orgSlug: ORG,
      resourceName: "Dana Kowalski",
      hourlyRate: "90",
      effectiveTo: "2024-12-31",
    });
    const cur = await owner.budget.rateCard.create({
      orgSlug: ORG,
      resourceName: "Dana Kowalski",
      hourlyRate: "95",
      effectiveFrom: "2025-01-01",
    });
    const proj = await pm.budget.rateCard.create({
      ...p(),
      resourceName: "Dana Kowalski",
      hourlyRate: "99",
      effectiveFrom: "2025-06-01",
    });

    const a = await pm.budget.timesheet.create({
      ...p(),
      resource: "dana kowalski",
      weekEnding: "2024-12-13",
      hours: "10",
    });
    const b = await pm.budget.timesheet.create({
      ...p(),
      resource: "Dana Kowalski",
      weekEnding: "2025-03-07",
      hours: "10",
    });
    const c = await pm.budget.timesheet.create({
      ...p(),
      resource: "Dana Kowalski",
      weekEnding: "2025-06-06",
      hours: "10",
      completeWeek: false,
    });
    expect([a, b, c].map((x) => [x.rate, x.cost])).toEqual([
      ["90.00", "900.00"],
      ["95.00", "950.00"],
      ["99.00", "990.00"],
    ]);
    // Asking for the rate again after the card changed.
    await pm.budget.rateCard.update({ ...p(), id: proj.id, hourlyRate: "101" });
    expect((await pm.budget.timesheet.update({ ...p(), id: c.id, rate: null })).cost).toBe("1010.00");

    const f = await failureOf(
      pm.budget.timesheet.create({ ...p(), resource: "Nobody Known", weekEnding: "2025-03-07", hours: "8" }),
    );
    expect(f).toMatchObject({
      code: "BAD_REQUEST",
      fields: { rate: [expect.stringMatching(/no rate for "Nobody Known"/)] },
    });

    for (const x of [a, b, c]) await pm.budget.timesheet.delete({ ...p(), id: x.id });
    await pm.budget.rateCard.delete({ orgSlug: ORG, id: proj.id });
    for (const x of [old, cur]) await owner.budget.rateCard.delete({ orgSlug: ORG, id: x.id });
  });

  it("refuses bad input with field-level errors", async () => {
    const base = { ...p(), resource: "Ana", weekEnding: "2025-03-07", hours: "8", rate: "100" };
    const cases: [Record<string, unknown>, string][] = [
      [{ hours: "-1" }, "hours"],
      [{ hours: "169" }, "hours"],
      [{ hours: "7.333" }, "hours"],
      [{ rate: "-5" }, "rate"],
      [{ rate: "12345678901" }, "rate"],
      [{ weekEnding: "03/07/2025" }, "weekEnding"],
      [{ resource: "   " }, "resource"],
    ];
    for (const [over, field] of cases) {
      const f = await failureOf(pm.budget.timesheet.create({ ...base, ...(over as object) }));
      expect(f.code, JSON.stringify(over)).toBe("BAD_REQUEST");
      expect(Object.keys(f.fields), JSON.stringify(over)).toContain(field);
    }
  });

  it("is read by everyone on the project and written only by PMs and admins", async () => {
    const t = await pm.budget.timesheet.create({
      ...p(),
      resource: "Ana",
      weekEnding: "2025-03-07",
      hours: "1",
      rate: "1",
    });
    const list = await viewer.budget.timesheet.list(p());
    expect(list.entries.map((e) => e.id)).toContain(t.id);
    expect(list.resources).toContain("Ana");
    for (const c of [viewer, tm]) {
      expect(
        await codeOf(
          c.budget.timesheet.create({
            ...p(),
            resource: "X",
            weekEnding: "2025-03-07",
            hours: "1",
            rate: "1",
          }),
        ),
      ).toBe("FORBIDDEN");
      expect(await codeOf(c.budget.timesheet.update({ ...p(), id: t.id, hours: "2" }))).toBe("FORBIDDEN");
      expect(await codeOf(c.budget.timesheet.delete({ ...p(), id: t.id }))).toBe("FORBIDDEN");
      expect(await codeOf(c.budget.timesheet.previewCsv({ ...p(), csv: "a\n1" }))).toBe("FORBIDDEN");
      expect(await codeOf(c.budget.importYaml({ ...p(), budget: "rate_card: []" }))).toBe("FORBIDDEN");
    }
    expect(await codeOf(outsider.budget.timesheet.list(p()))).toBe("NOT_FOUND");
    expect(await codeOf(outsider.budget.metrics(p()))).toBe("NOT_FOUND");
    await pm.budget.timesheet.delete({ ...p(), id: t.id });
  });
});
