/** Stored indicators stay current: on save, on demand, and once per day lazily. */
import { beforeAll, describe, expect, it } from "vitest";
import { getCentralDb } from "@/server/db/central";
import { getTenantDb } from "@/server/db/tenant";
import { ensureIndicatorsFresh } from "@/server/services/indicators";
import { addDays, isoToDate } from "@/domain/dates";
import { today } from "@/server/clock";
import { expected, fixture } from "../support/fixtures";
import { makeUser, systemCaller } from "./helpers";

const ORG = "ind";
const sys = systemCaller();
let projectId: string;

beforeAll(async () => {
  await makeUser("ind@x.test", "Ind");
  await sys.org.create({ name: "Ind", slug: ORG, ownerEmail: "ind@x.test" });
  projectId = (
    await sys.project.importYaml({ orgSlug: ORG, raid: fixture("RAID-Log-Harbor-Bridge-Upgrade.yaml") })
  ).projectId;
});

const tenant = async () =>
  getTenantDb(await getCentralDb().organization.findUniqueOrThrow({ where: { slug: ORG } }));

describe("indicator recalculation", () => {
  it("stores the indicators of an explicit date and stamps the project", async () => {
    const exp = expected.raid.find((r) => r.file === "RAID-Log-Harbor-Bridge-Upgrade.yaml")!.as_of[
      "2025-04-02"
    ]!;
    const r = await sys.item.recalculateIndicators({ orgSlug: ORG, projectId, asOf: "2025-04-02" });
    expect(r.items).toBe(40);
    const list = await sys.item.list({ orgSlug: ORG, projectId, limit: 100 });
    expect(Object.fromEntries(list.items.map((i) => [String(i.itemNum), i.indicator]))).toEqual(
      exp.indicators,
    );
    const project = await sys.project.get({ orgSlug: ORG, projectId });
    expect(project.indicatorsUpdated).toBeInstanceOf(Date);
  });

  it("refreshes stale indicators once on the first access of a day, even with many callers at once", async () => {
    const db = await tenant();
    // Pretend the stored indicators were computed long ago.
    await sys.item.recalculateIndicators({ orgSlug: ORG, projectId, asOf: "2025-03-14" });
    await db.project.update({
      where: { id: projectId },
      data: { indicatorsAsOf: isoToDate(addDays(today(), -1)) },
    });
    const project = await db.project.findUniqueOrThrow({ where: { id: projectId } });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => ensureIndicatorsFresh(db, project, today())),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const list = await sys.item.list({ orgSlug: ORG, projectId, limit: 100 });
    // Every fixture date is long past: nothing may still say "Finishing Soon!" or "Starting Soon!".
    expect(
      list.items.some((i) => i.indicator === "Finishing Soon!" || i.indicator === "Starting Soon!"),
    ).toBe(false);
    expect(
      await ensureIndicatorsFresh(
        db,
        await db.project.findUniqueOrThrow({ where: { id: projectId } }),
        today(),
      ),
    ).toBe(false);
  });

  it("happens automatically through any project procedure", async () => {
    const db = await tenant();
    await sys.item.recalculateIndicators({ orgSlug: ORG, projectId, asOf: "2025-03-14" });
    await db.project.update({ where: { id: projectId }, data: { indicatorsAsOf: isoToDate("2025-03-14") } });
    await sys.project.get({ orgSlug: ORG, projectId });
    const stored = await db.project.findUniqueOrThrow({ where: { id: projectId } });
    expect(stored.indicatorsAsOf!.toISOString().slice(0, 10)).toBe(today());
  });
});

describe("the real v1 sample file", () => {
  it("imports, with its notes split into dated notes", async () => {
    const r = await sys.project.importYaml({
      orgSlug: ORG,
      raid: fixture("RAID-Log-Sample-Platform-Upgrade.yaml"),
    });
    expect(r.items).toBeGreaterThan(0);
    expect(r.notes).toBeGreaterThan(r.items);
    const first = await sys.item.get({ orgSlug: ORG, projectId: r.projectId, itemNum: 1 });
    expect(first.notes.length).toBeGreaterThan(1);
    expect(first.notes.every((n) => /^\d{4}-\d{2}-\d{2}$/.test(n.date) && n.content.length > 0)).toBe(true);
    const dates = first.notes.map((n) => n.date);
    expect([...dates].sort().reverse()).toEqual(dates);
  });
});
