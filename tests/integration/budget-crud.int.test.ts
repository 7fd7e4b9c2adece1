/**
 * Budget records through the API: rate card, allocations, timesheets —
 * validation, permissions (viewer vs project manager, org-wide card for
 * owners/admins), audit rows with before/after, and server-side cost.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { callerFor, codeOf, makeUser, systemCaller } from "./helpers";
import { failureOf, tenantDb, userId } from "./budget-support";

const ORG = "budget-crud";
let projectId: string;
let otherProjectId: string;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let owner: Caller, orgAdmin: Caller, pm: Caller, tm: Caller, viewer: Caller, outsider: Caller;

const p = () => ({ orgSlug: ORG, projectId });

beforeAll(async () => {
  for (const [email, name] of [
    ["owner@b.test", "Olive Owner"],
    ["admin@b.test", "Ada Admin"],
    ["pm@b.test", "Pat Manager"],
    ["tm@b.test", "Tina Member"],
    ["viewer@b.test", "Vic Viewer"],
    ["outsider@b.test", "Otto Outsider"],
  ] as const) {
    await makeUser(email, name);
  }
  const sys = systemCaller();
  await sys.org.create({ name: "Budget CRUD", slug: ORG, ownerEmail: "owner@b.test" });
  await sys.org.addMember({ orgSlug: ORG, email: "admin@b.test", role: "admin" });
  for (const email of ["pm@b.test", "tm@b.test", "viewer@b.test", "outsider@b.test"]) {
    await sys.org.addMember({ orgSlug: ORG, email, role: "member" });
  }
  owner = await callerFor("owner@b.test");
  projectId = (
    await owner.project.create({ orgSlug: ORG, name: "Bridge", workstreams: ["Civil", "Electrical"] })
  ).id;
  otherProjectId = (await owner.project.create({ orgSlug: ORG, name: "Tunnel" })).id;
  await owner.project.setRole({ ...p(), email: "pm@b.test", role: "project_manager" });
  await owner.project.setRole({ ...p(), email: "tm@b.test", role: "team_member" });
  await owner.project.setRole({ ...p(), email: "viewer@b.test", role: "viewer" });
  orgAdmin = await callerFor("admin@b.test");
  pm = await callerFor("pm@b.test");
  tm = await callerFor("tm@b.test");
  viewer = await callerFor("viewer@b.test");
  outsider = await callerFor("outsider@b.test");
});

async function auditOf(entityId: string) {
  const db = await tenantDb(ORG);
  return db.auditLog.findMany({ where: { entityId }, orderBy: { id: "asc" } });
}

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
