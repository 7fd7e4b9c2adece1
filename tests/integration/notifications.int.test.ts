/**
 * Notifications (SPEC §14): who gets what when items are assigned, notes
 * mention someone and items turn critical; marking read; preferences; and
 * the daily digest through the admin CLI and a real SMTP server (sent once a
 * day, never to someone who opted out).
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { getCentralDb } from "@/server/db/central";
import { today } from "@/server/clock";
import { addDays, isoToDate } from "@/domain/dates";
import { getTenantDb } from "@/server/db/tenant";
import { runDigestDaily, verifyOptOut } from "@/server/jobs/digest-daily";
import { listNotifications } from "@/server/services/notifications";
import { callerFor, codeOf, makeUser, systemCaller } from "./helpers";
import { useSmtpCapture } from "./account-support";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const ORG = "notify-org";
const sys = systemCaller();
const central = getCentralDb();
let projectId: string;
let smtp: Awaited<ReturnType<typeof useSmtpCapture>>;
const ids: Record<string, string> = {};

const USERS = [
  ["pam@n.test", "Pam Manager", "project_manager"],
  ["tia@n.test", "Tia Team", "team_member"],
  ["ned@n.test", "Ned North", "team_member"],
  ["quiet@n.test", "Quinn Quiet", "team_member"],
  ["gone@n.test", "Gus Gone", "team_member"],
] as const;

beforeAll(async () => {
  smtp = await useSmtpCapture();
  await makeUser("olga@n.test", "Olga Owner");
  await sys.org.create({ name: "Notify", slug: ORG, ownerEmail: "olga@n.test" });
  projectId = (await sys.project.create({ orgSlug: ORG, name: "Bridge" })).id;
  for (const [email, name, role] of USERS) {
    ids[email] = (await makeUser(email, name)).id;
    await sys.org.addMember({ orgSlug: ORG, email, role: "member" });
    await sys.project.setRole({ orgSlug: ORG, projectId, email, role });
  }
  ids["olga@n.test"] = (await central.user.findUniqueOrThrow({ where: { email: "olga@n.test" } })).id;
});
afterAll(async () => {
  await smtp.close();
});

const scope = () => ({ orgSlug: ORG, projectId });
const list = async (email: string) => (await callerFor(email)).notification.list();
const titles = async (email: string) => (await list(email)).items.map((n) => n.title);

describe("triggers", () => {
  it("assigning an item notifies the assignee, not the assigner; self-assignment notifies nobody", async () => {
    const pam = await callerFor("pam@n.test");
    const item = await pam.item.create({
      ...scope(),
      type: "Action Item",
      title: "Order the steel",
      assignedToUserId: ids["tia@n.test"],
    });
    const tia = await list("tia@n.test");
    expect(tia.unread).toBe(1);
    expect(tia.items[0]).toMatchObject({
      kind: "assigned",
      orgSlug: ORG,
      projectId,
      itemNum: item.itemNum,
      read: false,
      title: `Assigned to you by Pam Manager: #${item.itemNum} Order the steel`,
    });
    expect((await list("pam@n.test")).items).toEqual([]);

    await pam.item.create({
      ...scope(),
      type: "Action Item",
      title: "Mine",
      assignedToUserId: ids["pam@n.test"],
    });
    expect((await list("pam@n.test")).items).toEqual([]);

    // Re-assigning to someone else notifies them; saving again without a change notifies nobody.
    const moved = await pam.item.update({
      ...scope(),
      itemNum: item.itemNum,
      version: item.version,
      assignedToUserId: ids["ned@n.test"],
    });
    expect(await titles("ned@n.test")).toEqual([
      `Assigned to you by Pam Manager: #${item.itemNum} Order the steel`,
    ]);
    await pam.item.update({
      ...scope(),
      itemNum: item.itemNum,
      version: moved.version,
      title: "Order steel",
    });
    expect((await list("ned@n.test")).unread).toBe(1);
  });

  it("an assigned item turning critical notifies its assignee", async () => {
    const pam = await callerFor("pam@n.test");
    const t = today();
    const item = await pam.item.create({
      ...scope(),
      type: "Action Item",
      title: "Pour concrete",
      assignedToUserId: ids["ned@n.test"],
      start: addDays(t, 1),
      finish: addDays(t, 5),
    });
    await pam.item.update({
      ...scope(),
      itemNum: item.itemNum,
      version: item.version,
      finish: addDays(t, -1),
      start: addDays(t, -3),
    });
    const ned = await list("ned@n.test");
    expect(ned.items[0]).toMatchObject({ kind: "critical", itemNum: item.itemNum });
    expect(ned.items[0]!.title).toMatch(
      /^Now critical \((Late Finish!!|Late Start!!)\): #\d+ Pour concrete$/,
    );
  });

  it("an item that turns critical as the days pass (Update indicators) notifies its assignee once", async () => {
    const pam = await callerFor("pam@n.test");
    const t = today();
    const item = await pam.item.create({
      ...scope(),
      type: "Action Item",
      title: "Paint the rails",
      assignedToUserId: ids["tia@n.test"],
      start: addDays(t, -1),
      finish: addDays(t, 10),
      percentComplete: 10,
    });
    const critical = async () =>
      (await list("tia@n.test")).items.filter((n) => n.kind === "critical" && n.itemNum === item.itemNum);
    expect(await critical()).toEqual([]);
    await pam.item.recalculateIndicators({ ...scope(), asOf: addDays(t, 12) });
    expect(await critical()).toHaveLength(1);
    await pam.item.recalculateIndicators({ ...scope(), asOf: addDays(t, 13) });
    expect(await critical()).toHaveLength(1);
  });

  it("the first request of a new day that makes an item critical notifies its assignee", async () => {
    const pam = await callerFor("pam@n.test");
    const t = today();
    const item = await pam.item.create({
      ...scope(),
      type: "Action Item",
      title: "Fit the lamps",
      assignedToUserId: ids["ned@n.test"],
      start: addDays(t, -5),
      finish: addDays(t, -1),
      percentComplete: 50,
    });
    // What midnight leaves behind: yesterday's indicator and stamp.
    const db = getTenantDb(await central.organization.findUniqueOrThrow({ where: { slug: ORG } }));
    await db.item.updateMany({
      where: { projectId, itemNum: item.itemNum },
      data: { indicator: "Finishing Soon!" },
    });
    await db.project.update({
      where: { id: projectId },
      data: { indicatorsAsOf: isoToDate(addDays(t, -1)) },
    });
    await pam.project.get(scope());
    await expect
      .poll(async () =>
        (await list("ned@n.test")).items.some((n) => n.kind === "critical" && n.itemNum === item.itemNum),
      )
      .toBe(true);
  });

  it("a note mentioning @Name notifies that member, never the author", async () => {
    const tia = await callerFor("tia@n.test");
    const item = await tia.item.create({ ...scope(), type: "Issue", title: "Crane broken" });
    await tia.item.addNote({
      ...scope(),
      itemNum: item.itemNum,
      content: "@Ned North can you call the vendor? cc @Tia Team @nobody",
    });
    expect((await list("ned@n.test")).items[0]).toMatchObject({
      kind: "mentioned",
      title: `Tia Team mentioned you on #${item.itemNum} Crane broken`,
    });
    expect((await list("tia@n.test")).items.some((n) => n.kind === "mentioned")).toBe(false);
  });

  it("a removed member gets nothing, and their old notifications disappear", async () => {
    const pam = await callerFor("pam@n.test");
    await pam.item.create({
      ...scope(),
      type: "Action Item",
      title: "Before",
      assignedToUserId: ids["gone@n.test"],
    });
    expect((await list("gone@n.test")).unread).toBe(1);
    const gone = await callerFor("gone@n.test");
    await sys.org.removeMember({ orgSlug: ORG, email: "gone@n.test" });
    // An item still naming them by text stays unlinked; nothing is stored for them.
    await pam.item.create({ ...scope(), type: "Action Item", title: "After", assignedTo: "Gus Gone" });
    expect(
      await central.notification.count({
        where: { userId: ids["gone@n.test"], title: { contains: "After" } },
      }),
    ).toBe(0);
    // The account remains (other orgs); the bell no longer shows anything from this org.
    expect(await gone.notification.list()).toEqual({ items: [], unread: 0 });
    expect(await listNotifications(central, ids["gone@n.test"]!)).toEqual({ items: [], unread: 0 });
  });

  it("a kind turned off in the preferences is not stored", async () => {
    const quiet = await callerFor("quiet@n.test");
    const prefs = await quiet.user.notificationPrefs();
    expect(prefs).toMatchObject({ assigned: true, digest: true, digestHour: 8, timeZone: "UTC" });
    await quiet.user.setNotificationPrefs({ ...prefs, assigned: false, digest: false });
    const pam = await callerFor("pam@n.test");
    await pam.item.create({
      ...scope(),
      type: "Action Item",
      title: "Quiet one",
      assignedToUserId: ids["quiet@n.test"],
    });
    expect((await list("quiet@n.test")).items).toEqual([]);
  });
});

describe("notification.markRead and user.setNotificationPrefs", () => {
  it("marks only the caller's own notifications read", async () => {
    const ned = await callerFor("ned@n.test");
    const tia = await callerFor("tia@n.test");
    const nedIds = (await ned.notification.list()).items.map((n) => n.id);
    // Someone else's ids change nothing.
    expect(await tia.notification.markRead({ ids: nedIds })).toEqual({ updated: 0 });
    expect((await ned.notification.list()).unread).toBe(nedIds.length);
    expect(await ned.notification.markRead({ ids: [nedIds[0]!] })).toEqual({ updated: 1 });
    expect((await ned.notification.list()).unread).toBe(nedIds.length - 1);
    await ned.notification.markRead({ all: true });
    const after = await ned.notification.list();
    expect(after.unread).toBe(0);
    expect(after.items.every((n) => n.read)).toBe(true);
  });

  it("refuses a bad time zone or hour with field errors, and changes nothing", async () => {
    const tia = await callerFor("tia@n.test");
    const prefs = await tia.user.notificationPrefs();
    expect(await codeOf(tia.user.setNotificationPrefs({ ...prefs, timeZone: "Mars/Olympus" }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(tia.user.setNotificationPrefs({ ...prefs, digestHour: 24 }))).toBe("BAD_REQUEST");
    expect(await tia.user.notificationPrefs()).toEqual(prefs);
    const saved = await tia.user.setNotificationPrefs({ ...prefs, timeZone: "Europe/Paris", digestHour: 7 });
    expect(saved).toMatchObject({ timeZone: "Europe/Paris", digestHour: 7 });
    expect(await tia.user.setNotificationPrefs(prefs)).toEqual(prefs);
  });
});

async function admin(...args: string[]) {
  const { stdout } = await run(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/admin.ts", ...args],
    { cwd: root, env: { ...process.env, LOG_LEVEL: "silent" }, timeout: 90_000 },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe("digest-daily", () => {
  it("waits for each user's local digest hour when scheduled", async () => {
    const log = pino({ level: "silent" });
    // 03:00 UTC: before everyone's 08:00 (UTC, the default).
    const early = new Date(`${today()}T03:00:00Z`);
    const r = await runDigestDaily({ central, now: early, log, send: async () => {} });
    expect(r.processed).toBe(0);
  });

  it(
    "`run-job digest-daily` mails users with news, not those who opted out, and only once a day",
    { timeout: 240_000 },
    async () => {
      const pam = await callerFor("pam@n.test");
      await pam.item.create({
        ...scope(),
        type: "Deliverable",
        title: "Handover pack",
        assignedToUserId: ids["tia@n.test"],
        finish: addDays(today(), 1),
      });
      await pam.item.create({
        ...scope(),
        type: "Deliverable",
        title: "Quiet deliverable",
        assignedToUserId: ids["quiet@n.test"],
        finish: addDays(today(), 1),
      });
      const before = smtp.mails.length;
      const first = await admin("run-job", "digest-daily");
      expect(first).toMatchObject({ failed: 0, orgsFailed: [] });
      const mail = await smtp.waitForMail("tia@n.test", { since: before, match: /digest/ });
      expect(mail.text).toContain("Bridge");
      expect(mail.text).toContain("Due tomorrow");
      expect(mail.text).toMatch(/#\d+ Handover pack/);
      expect(mail.text).toContain(`http://braid.test:3000/o/${ORG}/p/${projectId}?item=`);
      expect(mail.text).toContain("/api/notifications/opt-out?u=");
      // The due-tomorrow notification is in the bell too.
      expect((await list("tia@n.test")).items[0]).toMatchObject({ kind: "due-tomorrow" });
      // Quinn turned the digest off: no mail, though something is due tomorrow.
      expect(smtp.mails.slice(before).some((m) => m.to.includes("quiet@n.test"))).toBe(false);

      const count = smtp.mails.length;
      const second = await admin("run-job", "digest-daily");
      expect(second).toMatchObject({ processed: 0, sent: 0 });
      await new Promise((r) => setTimeout(r, 500));
      expect(smtp.mails.length).toBe(count);
    },
  );

  it("the opt-out signature holds only for its user", () => {
    const link = smtp.mails.find((m) => m.to.includes("tia@n.test"))!.text;
    const [, u, s] = /opt-out\?u=([0-9a-f-]+)&(?:amp;)?s=([\w-]+)/.exec(link)!;
    expect(u).toBe(ids["tia@n.test"]);
    expect(verifyOptOut(u!, s!)).toBe(true);
    expect(verifyOptOut(ids["ned@n.test"]!, s!)).toBe(false);
  });
});
