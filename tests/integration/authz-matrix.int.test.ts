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
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { appRouter } from "@/server/api/root";
import { resetStorageClient } from "@/server/storage";
import {
  can,
  canOrg,
  effectiveProjectRole,
  type OrgAction,
  type OrgRole,
  type ProjectAction,
  type ProjectRole,
} from "@/domain/permissions";
import { getCentralDb } from "@/server/db/central";
import { dnsDeps } from "@/server/services/domains";
import { startSession } from "@/server/services/sessions";
import { createApiToken } from "@/server/services/api-tokens";
import { startS3 } from "../support/s3";
import { FIXTURES } from "../support/fixtures";
import { anonymousCaller, callerFor, codeOf, makeUser, PASSWORD, systemCaller } from "./helpers";

const WHO = [
  "signedOut",
  "foreignOrg",
  "orgMember",
  "viewer",
  "teamMember",
  "projectManager",
  "projectAdmin",
  "orgAdmin",
  "owner",
] as const;
type Who = (typeof WHO)[number];
type Api = ReturnType<typeof anonymousCaller>;
type Outcome = "OK" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "BAD_REQUEST";

const ORG = "authz";
const FOREIGN = "authz-foreign";
const email = (who: Who) => `${who.toLowerCase()}@authz.test`;
/** An org where every caller holds its org role, with single sign-on turned on. */
const SSO_ORG = "authz-sso";
/** An org that invites the callers (its owner is nobody in the matrix). */
const INVITE_ORG = "authz-inv";
/** A user in no org of the matrix. */
const OUTSIDER = "outsider@authz.test";

const ORG_ROLE: Record<Who, OrgRole | null> = {
  signedOut: null,
  foreignOrg: null,
  orgMember: "member",
  viewer: "member",
  teamMember: "member",
  projectManager: "member",
  projectAdmin: "member",
  orgAdmin: "admin",
  owner: "owner",
};
const PROJECT_ROLE: Partial<Record<Who, ProjectRole>> = {
  viewer: "viewer",
  teamMember: "team_member",
  projectManager: "project_manager",
  projectAdmin: "admin",
};

/* ----------------------------------------------------------- expectations */

type Rule = (who: Who) => Outcome;

/** Anyone, signed in or not, gets `outcome`. */
const open =
  (outcome: Outcome = "OK"): Rule =>
  () =>
    outcome;
const signedIn: Rule = (w) => (w === "signedOut" ? "UNAUTHORIZED" : "OK");
const operatorsOnly: Rule = (w) => (w === "signedOut" ? "UNAUTHORIZED" : "FORBIDDEN");
/** Org members; with an action, only the org roles the matrix allows. */
const org =
  (action?: OrgAction): Rule =>
  (w) => {
    if (w === "signedOut") return "UNAUTHORIZED";
    const role = ORG_ROLE[w];
    if (!role) return "NOT_FOUND";
    return !action || canOrg(role, action) ? "OK" : "FORBIDDEN";
  };
/** Project members (org owners/admins act as project admin); invisible projects answer NOT_FOUND. */
const project =
  (action: ProjectAction): Rule =>
  (w) => {
    if (w === "signedOut") return "UNAUTHORIZED";
    const orgRole = ORG_ROLE[w];
    const role = orgRole ? effectiveProjectRole(orgRole, PROJECT_ROLE[w] ?? null) : null;
    if (!role) return "NOT_FOUND";
    return can(role, action) ? "OK" : "FORBIDDEN";
  };
/** An org action that additionally needs the caller to be the owner (the service refuses admins). */
const ownerOnly =
  (action: OrgAction): Rule =>
  (w) => {
    const outcome = org(action)(w);
    return outcome === "OK" && ORG_ROLE[w] !== "owner" ? "FORBIDDEN" : outcome;
  };
/** Only the caller who owns the thing (a conversation); everyone else is told it does not exist. */
const ownerOfThingOnly =
  (thingOwner: Who): Rule =>
  (w) =>
    w === "signedOut" ? "UNAUTHORIZED" : w === thingOwner ? "OK" : "NOT_FOUND";

/* --------------------------------------------------------------- fixtures */

const callers = {} as Record<Who, Api>;
let projectId = "";
let s3: Awaited<ReturnType<typeof startS3>>;
let seq = 0;
const next = () => ++seq;
const sys = () => systemCaller();
const P = () => ({ orgSlug: ORG, projectId });

async function refreshCaller(who: Who) {
  callers[who] =
    who === "signedOut"
      ? anonymousCaller()
      : await callerFor(who === "foreignOrg" ? "foreign@elsewhere.test" : email(who));
}

/** A project with the four project roles given to their callers. */
async function freshProject(name = `P${next()}`) {
  const p = await sys().project.create({ orgSlug: ORG, name });
  for (const [who, role] of Object.entries(PROJECT_ROLE)) {
    await sys().project.setRole({ orgSlug: ORG, projectId: p.id, email: email(who as Who), role });
  }
  return p;
}

const freshItem = async () =>
  (await sys().item.create({ ...P(), type: "Action Item", title: `item ${next()}` })).itemNum;

async function freshMember() {
  const e = `member${next()}@authz.test`;
  await makeUser(e, `Member ${seq}`);
  await sys().org.addMember({ orgSlug: ORG, email: e, role: "member" });
  return e;
}

/** An org where every caller except the outsider holds its org role (for org-wide destructive calls). */
async function freshOrg(slug = `authz-x${next()}`) {
  await sys().org.create({ name: `Org ${seq}`, slug, ownerEmail: email("owner") });
  for (const who of WHO) {
    const role = ORG_ROLE[who];
    if (role && role !== "owner") await sys().org.addMember({ orgSlug: slug, email: email(who), role });
  }
  return slug;
}

/** The address a caller signs in with. */
const emailOf = (w: Who) => (w === "foreignOrg" ? "foreign@elsewhere.test" : email(w));

/** Claims `domain` for ORG afresh (unverified), runs `fn` with it, then removes it again. */
async function withDomain<T>(
  domain: string,
  fn: (claimed: { id: string; record: { value: string } }) => Promise<T>,
): Promise<T> {
  const drop = async () => {
    for (const d of await sys().org.domain.list({ orgSlug: ORG }))
      if (d.domain === domain) await sys().org.domain.remove({ orgSlug: ORG, domainId: d.id });
  };
  await drop();
  try {
    return await fn(await sys().org.domain.add({ orgSlug: ORG, domain }));
  } finally {
    await drop();
  }
}

/** A second signed-in device of the user with that address. */
async function deviceSessionOf(address: string) {
  const user = await getCentralDb().user.findUniqueOrThrow({
    where: { email: address },
    select: { id: true },
  });
  return startSession(getCentralDb(), user.id, {
    userAgent: "Matrix/1.0",
    ip: "127.0.0.1",
    method: "password",
  });
}

/** A fresh invitation to INVITE_ORG for `address` (an earlier membership is removed first). */
async function invitationFor(address: string) {
  const members = await sys().org.members({ orgSlug: INVITE_ORG });
  if (members.some((m) => m.email === address))
    await sys().org.removeMember({ orgSlug: INVITE_ORG, email: address });
  return (await sys().org.invite({ orgSlug: INVITE_ORG, email: address, role: "member" })).id;
}

async function storedAttachment(itemNum: number) {
  const body = `file ${next()}`;
  const file = { fileName: `f${seq}.txt`, contentType: "text/plain" };
  const started = await sys().attachment.startUpload({
    ...P(),
    itemNum,
    ...file,
    size: Buffer.byteLength(body),
  });
  const put = await fetch(started.uploadUrl, { method: "PUT", body, headers: started.headers });
  expect(put.status).toBe(200);
  return { key: started.key, ...file };
}

const rateCardEntry = () =>
  sys().budget.rateCard.create({ orgSlug: ORG, resourceName: `R${next()}`, hourlyRate: "100.00" });
const allocation = () => sys().budget.allocation.create({ ...P(), amount: "1000" });
const timesheet = () =>
  sys().budget.timesheet.create({
    ...P(),
    resource: `T${next()}`,
    weekEnding: "2025-03-07",
    hours: 8,
    rate: "50.00",
  });
const CSV = "Week Ending,Resource,Hours,Rate,Complete Week\r\n2025-03-07,Csv Person,8,50,yes";
const CSV_MAPPING = { weekEnding: 0, resource: 1, hours: 2, rate: 3, completeWeek: 4 };

/** Each user's own conversation (with one answered question) in the project. */
const conversations = {} as Record<Who, { sessionId: string; messageId: string }>;

/** Calls a subscription and reads its first event (then closes it): authorization happens at the call. */
async function firstEvent(subscribe: Promise<AsyncIterable<unknown>>): Promise<unknown> {
  const iterator = (await subscribe)[Symbol.asyncIterator]();
  try {
    const first = await iterator.next();
    return first.value;
  } finally {
    await iterator.return?.();
  }
}

/* ------------------------------------------------------------------ table */

type Entry = { path: string; label?: string; rule: Rule; call: (api: Api, who: Who) => Promise<unknown> };

const BOGUS_TOKEN = "x".repeat(40);

const entries: Entry[] = [
  // org
  {
    path: "org.create",
    rule: signedIn,
    call: (a, w) => a.org.create({ name: `Own org ${next()}`, slug: `own-${w.toLowerCase()}-${seq}` }),
  },
  { path: "org.list", rule: signedIn, call: (a) => a.org.list() },
  { path: "org.get", rule: org(), call: (a) => a.org.get({ orgSlug: ORG }) },
  { path: "org.members", rule: org(), call: (a) => a.org.members({ orgSlug: ORG }) },
  {
    path: "org.addMember",
    rule: org("org.manageMembers"),
    call: async (a) => {
      const e = `added${next()}@authz.test`;
      await makeUser(e);
      return a.org.addMember({ orgSlug: ORG, email: e, role: "member" });
    },
  },
  {
    path: "org.setMemberRole",
    rule: org("org.manageMembers"),
    call: async (a) => a.org.setMemberRole({ orgSlug: ORG, email: await freshMember(), role: "admin" }),
  },
  {
    path: "org.removeMember",
    rule: org("org.manageMembers"),
    call: async (a) => a.org.removeMember({ orgSlug: ORG, email: await freshMember() }),
  },
  {
    path: "org.transferOwnership",
    rule: org("org.transferOwnership"),
    call: async (a) => {
      const slug = await freshOrg();
      return a.org.transferOwnership({ orgSlug: slug, email: email("orgMember") });
    },
  },
  {
    path: "org.invite",
    rule: org("org.manageMembers"),
    call: (a) => a.org.invite({ orgSlug: ORG, email: `invitee${next()}@authz.test`, role: "member" }),
  },
  {
    path: "org.invitations",
    rule: org("org.manageMembers"),
    call: (a) => a.org.invitations({ orgSlug: ORG }),
  },
  {
    path: "org.revokeInvitation",
    rule: org("org.manageMembers"),
    call: async (a) => {
      const inv = await sys().org.invite({
        orgSlug: ORG,
        email: `revoke${next()}@authz.test`,
        role: "member",
      });
      return a.org.revokeInvitation({ orgSlug: ORG, invitationId: inv.id });
    },
  },
  { path: "org.sso.get", rule: org("org.manageSettings"), call: (a) => a.org.sso.get({ orgSlug: ORG }) },
  {
    path: "org.sso.update",
    rule: org("org.manageSettings"),
    call: (a) =>
      a.org.sso.update({
        orgSlug: ORG,
        enabled: false,
        issuer: "https://idp.example.com",
        clientId: "braidmgr",
      }),
  },
  // A closed port on loopback: the test answers quickly with ok:false.
  {
    path: "org.sso.test",
    rule: org("org.manageSettings"),
    call: (a) => a.org.sso.test({ orgSlug: ORG, issuer: "http://127.0.0.1:9" }),
  },
  {
    path: "org.aiSettings",
    rule: org("org.manageSettings"),
    call: (a) => a.org.aiSettings({ orgSlug: ORG }),
  },
  {
    path: "org.setAiSettings",
    rule: org("org.manageSettings"),
    call: (a) => a.org.setAiSettings({ orgSlug: ORG, provider: "default", orgDailyTokens: 1_000_000 }),
  },
  // The server's default without a configured model: answers at once that the assistant is offline.
  {
    path: "org.testAiSettings",
    rule: org("org.manageSettings"),
    call: (a) => a.org.testAiSettings({ orgSlug: ORG, provider: "default" }),
  },
  {
    path: "org.delete",
    rule: org("org.delete"),
    call: async (a) => {
      const slug = await freshOrg();
      return a.org.delete({ orgSlug: slug, confirmSlug: slug });
    },
  },
  { path: "org.sso.linkStatus", rule: org(), call: (a) => a.org.sso.linkStatus({ orgSlug: ORG }) },
  {
    path: "org.sso.startLink",
    label: "org with SSO on",
    rule: org(),
    call: (a) => a.org.sso.startLink({ orgSlug: SSO_ORG }),
  },
  {
    path: "org.domain.list",
    rule: org("org.manageSettings"),
    call: (a) => a.org.domain.list({ orgSlug: ORG }),
  },
  {
    path: "org.domain.add",
    rule: org("org.manageSettings"),
    call: async (a) => {
      const added = await a.org.domain.add({ orgSlug: ORG, domain: `d${next()}.authz.test` });
      await sys().org.domain.remove({ orgSlug: ORG, domainId: added.id });
      return added;
    },
  },
  {
    path: "org.domain.verifyDns",
    label: "its TXT record published",
    rule: org("org.manageSettings"),
    call: async (a) =>
      withDomain(`d${next()}.authz.test`, (d) => {
        dnsDeps.resolveTxt = async () => [[d.record.value]];
        return a.org.domain.verifyDns({ orgSlug: ORG, domainId: d.id });
      }),
  },
  {
    path: "org.domain.confirm",
    label: "the domain of the owner's confirmed address",
    rule: ownerOnly("org.manageSettings"),
    call: (a) => withDomain("authz.test", (d) => a.org.domain.confirm({ orgSlug: ORG, domainId: d.id })),
  },
  {
    path: "org.domain.remove",
    rule: org("org.manageSettings"),
    call: (a) =>
      withDomain(`d${next()}.authz.test`, (d) => a.org.domain.remove({ orgSlug: ORG, domainId: d.id })),
  },

  // project
  {
    path: "project.create",
    rule: org("org.createProject"),
    call: (a) => a.project.create({ orgSlug: ORG, name: `Made ${next()}` }),
  },
  { path: "project.list", rule: org(), call: (a) => a.project.list({ orgSlug: ORG }) },
  { path: "project.get", rule: project("project.view"), call: (a) => a.project.get(P()) },
  {
    path: "project.update",
    rule: project("project.manage"),
    call: (a) => a.project.update({ ...P(), clientName: `Client ${next()}` }),
  },
  {
    path: "project.delete",
    rule: project("project.admin"),
    call: async (a) => {
      const p = await freshProject();
      return a.project.delete({ orgSlug: ORG, projectId: p.id, confirmName: p.name });
    },
  },
  {
    path: "project.onChange",
    rule: project("project.view"),
    call: (a) => firstEvent(a.project.onChange(P())),
  },
  { path: "project.members", rule: project("project.view"), call: (a) => a.project.members(P()) },
  {
    path: "project.workstream.list",
    rule: project("project.view"),
    call: (a) => a.project.workstream.list(P()),
  },
  {
    path: "project.workstream.add",
    rule: project("project.manage"),
    call: (a) => a.project.workstream.add({ ...P(), name: `WS ${next()}` }),
  },
  {
    path: "project.workstream.rename",
    rule: project("project.manage"),
    call: async (a) => {
      const ws = await sys().project.workstream.add({ ...P(), name: `WS ${next()}` });
      return a.project.workstream.rename({ ...P(), workstreamId: ws.id, name: `WS ${next()}` });
    },
  },
  {
    path: "project.workstream.reorder",
    rule: project("project.manage"),
    call: async (a) => {
      const list = await sys().project.workstream.list(P());
      return a.project.workstream.reorder({ ...P(), order: list.map((w) => w.id).reverse() });
    },
  },
  {
    path: "project.workstream.remove",
    rule: project("project.manage"),
    call: async (a) => {
      const ws = await sys().project.workstream.add({ ...P(), name: `WS ${next()}` });
      return a.project.workstream.remove({ ...P(), workstreamId: ws.id });
    },
  },
  { path: "project.dashboard", rule: project("project.view"), call: (a) => a.project.dashboard(P()) },
  { path: "project.timeline", rule: project("project.view"), call: (a) => a.project.timeline(P()) },
  { path: "project.statusReport", rule: project("project.view"), call: (a) => a.project.statusReport(P()) },
  { path: "project.riskRegister", rule: project("project.view"), call: (a) => a.project.riskRegister(P()) },
  { path: "project.criticalPath", rule: project("project.view"), call: (a) => a.project.criticalPath(P()) },
  {
    path: "project.forecast",
    rule: project("project.view"),
    call: (a) => a.project.forecast({ ...P(), seed: 7, runs: 50 }),
  },
  {
    path: "baseline.create",
    rule: project("project.manage"),
    call: (a) => a.baseline.create({ ...P(), name: `B ${next()}` }),
  },
  { path: "baseline.list", rule: project("project.view"), call: (a) => a.baseline.list(P()) },
  {
    path: "baseline.get",
    rule: project("project.view"),
    call: async (a) => {
      const b = await sys().baseline.create({ ...P(), name: `B ${next()}` });
      return a.baseline.get({ ...P(), baselineId: b.id });
    },
  },
  {
    path: "baseline.compare",
    rule: project("project.view"),
    call: async (a) => {
      const b = await sys().baseline.create({ ...P(), name: `B ${next()}` });
      return a.baseline.compare({ ...P(), baselineId: b.id });
    },
  },
  {
    path: "baseline.delete",
    rule: project("project.manage"),
    call: async (a) => {
      const b = await sys().baseline.create({ ...P(), name: `B ${next()}` });
      return a.baseline.delete({ ...P(), baselineId: b.id });
    },
  },
  // Webhooks: a closed loopback port as receiver (test and redeliver answer quickly, with a failed outcome).
  { path: "webhook.list", rule: project("project.manage"), call: (a) => a.webhook.list(P()) },
  {
    path: "webhook.create",
    rule: project("project.manage"),
    call: async (a) => {
      await freshHook(); // makes room
      return a.webhook.create({ ...P(), ...HOOK });
    },
  },
  {
    path: "webhook.update",
    rule: project("project.manage"),
    call: async (a) => a.webhook.update({ ...P(), webhookId: await freshHook(), active: false }),
  },
  {
    path: "webhook.rotateSecret",
    rule: project("project.manage"),
    call: async (a) => a.webhook.rotateSecret({ ...P(), webhookId: await freshHook() }),
  },
  {
    path: "webhook.delete",
    rule: project("project.manage"),
    call: async (a) => a.webhook.delete({ ...P(), webhookId: await freshHook() }),
  },
  {
    path: "webhook.test",
    rule: project("project.manage"),
    call: async (a) => a.webhook.test({ ...P(), webhookId: await freshHook() }),
  },
  {
    path: "webhook.deliveries",
    rule: project("project.manage"),
    call: async (a) => a.webhook.deliveries({ ...P(), webhookId: await freshHook() }),
  },
  {
    path: "webhook.redeliver",
    rule: project("project.manage"),
    call: async (a) => {
      const r = await sys().webhook.test({ ...P(), webhookId: await freshHook() });
      return a.webhook.redeliver({ ...P(), deliveryId: r.delivery.id });
    },
  },
  {
    path: "project.importYaml",
    rule: org("org.createProject"),
    call: (a) => a.project.importYaml({ orgSlug: ORG, raid: RAID_YAML, name: `Imported ${next()}` }),
  },
  {
    path: "project.importPreview",
    rule: org("org.createProject"),
    call: (a) => a.project.importPreview({ orgSlug: ORG, raid: RAID_YAML, budget: BUDGET_YAML }),
  },
  {
    path: "project.importInto",
    rule: project("project.manage"),
    call: async (a) => {
      const p = await freshProject();
      return a.project.importInto({ orgSlug: ORG, projectId: p.id, raid: RAID_YAML });
    },
  },
  {
    path: "project.importTablePreview",
    rule: org("org.createProject"),
    call: (a) => a.project.importTablePreview({ orgSlug: ORG, file: { kind: "csv", data: ITEMS_CSV } }),
  },
  {
    path: "project.importTable",
    rule: org("org.createProject"),
    call: (a) =>
      a.project.importTable({
        orgSlug: ORG,
        file: { kind: "csv", data: ITEMS_CSV },
        mapping: { type: 0, title: 1 },
        name: `Table ${next()}`,
      }),
  },
  {
    path: "project.importTableInto",
    rule: project("project.manage"),
    call: async (a) => {
      const p = await freshProject();
      return a.project.importTableInto({
        orgSlug: ORG,
        projectId: p.id,
        file: { kind: "csv", data: ITEMS_CSV },
        mapping: { type: 0, title: 1 },
      });
    },
  },
  {
    path: "project.linkAssignees",
    rule: project("project.manage"),
    call: (a) => a.project.linkAssignees(P()),
  },
  {
    path: "project.export",
    rule: project("project.view"),
    call: (a) => a.project.export({ ...P(), format: "csv" }),
  },
  {
    path: "project.setRole",
    rule: project("project.admin"),
    call: async (a) => a.project.setRole({ ...P(), email: await freshMember(), role: "viewer" }),
  },

  // item (items made by the system: "someone else's item" for every caller)
  {
    path: "item.create",
    rule: project("item.create"),
    call: (a) => a.item.create({ ...P(), type: "Risk", title: "new risk" }),
  },
  {
    path: "item.get",
    rule: project("project.view"),
    call: async (a) => a.item.get({ ...P(), itemNum: await freshItem() }),
  },
  {
    path: "item.history",
    rule: project("project.view"),
    call: async (a) => a.item.history({ ...P(), itemNum: await freshItem() }),
  },
  { path: "item.list", rule: project("project.view"), call: (a) => a.item.list(P()) },
  { path: "item.facets", rule: project("project.view"), call: (a) => a.item.facets(P()) },
  {
    path: "item.update",
    label: "someone else's item",
    rule: project("item.editAny"),
    call: async (a) => a.item.update({ ...P(), itemNum: await freshItem(), version: 1, percentComplete: 10 }),
  },
  {
    path: "item.delete",
    rule: project("item.delete"),
    call: async (a) => a.item.delete({ ...P(), itemNum: await freshItem() }),
  },
  {
    path: "item.restore",
    rule: project("item.delete"),
    call: async (a) => {
      const itemNum = await freshItem();
      await sys().item.delete({ ...P(), itemNum });
      return a.item.restore({ ...P(), itemNum });
    },
  },
  {
    path: "item.addNote",
    rule: project("item.create"),
    call: async (a) => a.item.addNote({ ...P(), itemNum: await freshItem(), content: "a note" }),
  },
  {
    path: "item.deleteNote",
    label: "someone else's note",
    rule: project("item.editAny"),
    call: async (a) => {
      const itemNum = await freshItem();
      await sys().item.addNote({ ...P(), itemNum, content: "system note" });
      const { notes } = await sys().item.get({ ...P(), itemNum });
      return a.item.deleteNote({ ...P(), itemNum, noteId: notes[0]!.id });
    },
  },
  {
    path: "item.setDependencies",
    label: "someone else's item",
    rule: project("item.editAny"),
    call: async (a) => {
      const first = await freshItem();
      return a.item.setDependencies({ ...P(), itemNum: await freshItem(), dependsOn: [first] });
    },
  },
  {
    path: "item.recalculateIndicators",
    rule: project("project.manage"),
    call: (a) => a.item.recalculateIndicators(P()),
  },

  // user (the signed-in person's own account)
  {
    path: "user.create",
    rule: operatorsOnly,
    call: (a) => a.user.create({ email: `made${next()}@authz.test`, name: "Made", password: PASSWORD }),
  },
  { path: "user.me", rule: signedIn, call: (a) => a.user.me() },
  { path: "user.profile", rule: signedIn, call: (a) => a.user.profile() },
  {
    path: "user.updateProfile",
    rule: signedIn,
    call: (a, w) => a.user.updateProfile({ name: `${w} renamed` }),
  },
  {
    path: "user.changePassword",
    rule: signedIn,
    call: async (a, w) => {
      // Sessions end with the change, so the caller signs in afresh afterwards.
      const r = await a.user.changePassword({ currentPassword: PASSWORD, newPassword: "Another-pass-9" });
      await refreshCaller(w);
      return r;
    },
  },
  { path: "user.resendVerification", rule: signedIn, call: (a) => a.user.resendVerification() },
  { path: "user.sessions", rule: signedIn, call: (a) => a.user.sessions() },
  {
    path: "user.revokeSession",
    label: "my other device",
    rule: signedIn,
    call: async (a, w) => {
      const id = w === "signedOut" ? crypto.randomUUID() : await deviceSessionOf(emailOf(w));
      return a.user.revokeSession({ id });
    },
  },
  {
    path: "user.revokeSession",
    label: "someone else's device",
    rule: (w) => (w === "signedOut" ? "UNAUTHORIZED" : "NOT_FOUND"),
    call: async (a) => a.user.revokeSession({ id: await deviceSessionOf(OUTSIDER) }),
  },
  {
    path: "user.signOutEverywhere",
    rule: signedIn,
    call: async (a, w) => {
      const r = await a.user.signOutEverywhere();
      if (w !== "signedOut") await refreshCaller(w);
      return r;
    },
  },
  { path: "user.invitations", rule: signedIn, call: (a) => a.user.invitations() },
  { path: "user.notificationPrefs", rule: signedIn, call: (a) => a.user.notificationPrefs() },
  {
    path: "user.setNotificationPrefs",
    rule: signedIn,
    call: (a) =>
      a.user.setNotificationPrefs({
        assigned: true,
        mentioned: false,
        critical: true,
        dueTomorrow: true,
        digest: false,
        digestHour: 9,
        timeZone: "Europe/Paris",
      }),
  },
  // User-scoped: each caller only ever sees and marks their own (someone else's ids change nothing).
  { path: "notification.list", rule: signedIn, call: (a) => a.notification.list() },
  { path: "notification.markRead", rule: signedIn, call: (a) => a.notification.markRead({ all: true }) },
  {
    path: "notification.markRead",
    label: "someone else's id",
    rule: signedIn,
    call: async (a) => {
      const r = await a.notification.markRead({ ids: [crypto.randomUUID()] });
      if (r.updated !== 0) throw new Error("marked a notification that is not the caller's");
      return r;
    },
  },
  {
    path: "user.acceptInvitation",
    label: "an invitation to my address",
    rule: signedIn,
    call: async (a, w) => a.user.acceptInvitation({ invitationId: await invitationFor(emailOf(w)) }),
  },
  {
    path: "user.acceptInvitation",
    label: "an invitation to someone else",
    rule: (w) => (w === "signedOut" ? "UNAUTHORIZED" : "NOT_FOUND"),
    call: async (a) =>
      a.user.acceptInvitation({ invitationId: await invitationFor(`other${next()}@authz.test`) }),
  },
  {
    path: "user.declineInvitation",
    label: "an invitation to my address",
    rule: signedIn,
    call: async (a, w) => a.user.declineInvitation({ invitationId: await invitationFor(emailOf(w)) }),
  },
  {
    path: "user.declineInvitation",
    label: "an invitation to someone else",
    rule: (w) => (w === "signedOut" ? "UNAUTHORIZED" : "NOT_FOUND"),
    call: async (a) =>
      a.user.declineInvitation({ invitationId: await invitationFor(`other${next()}@authz.test`) }),
  },

  // budget
  { path: "budget.metrics", rule: project("project.view"), call: (a) => a.budget.metrics(P()) },
  { path: "budget.overview", rule: project("project.view"), call: (a) => a.budget.overview(P()) },
  {
    path: "budget.importYaml",
    rule: project("project.manage"),
    call: async (a) => {
      const p = await freshProject();
      return a.budget.importYaml({ orgSlug: ORG, projectId: p.id, budget: BUDGET_YAML });
    },
  },
  {
    path: "budget.rateCard.list",
    label: "org-wide card",
    rule: org(),
    call: (a) => a.budget.rateCard.list({ orgSlug: ORG }),
  },
  {
    path: "budget.rateCard.list",
    label: "a project's card",
    rule: project("project.view"),
    call: (a) => a.budget.rateCard.list(P()),
  },
  {
    path: "budget.rateCard.create",
    label: "org-wide card",
    rule: org("org.manageSettings"),
    call: (a) => a.budget.rateCard.create({ orgSlug: ORG, resourceName: `R${next()}`, hourlyRate: "90.00" }),
  },
  {
    path: "budget.rateCard.create",
    label: "a project's card",
    rule: project("project.manage"),
    call: (a) => a.budget.rateCard.create({ ...P(), resourceName: `R${next()}`, hourlyRate: "90.00" }),
  },
  {
    path: "budget.rateCard.update",
    label: "org-wide card",
    rule: org("org.manageSettings"),
    call: async (a) => {
      const e = await rateCardEntry();
      return a.budget.rateCard.update({
        orgSlug: ORG,
        id: e.id,
        expectedUpdatedAt: e.updatedAt,
        hourlyRate: "110.00",
      });
    },
  },
  {
    path: "budget.rateCard.delete",
    label: "org-wide card",
    rule: org("org.manageSettings"),
    call: async (a) => a.budget.rateCard.delete({ orgSlug: ORG, id: (await rateCardEntry()).id }),
  },
  {
    path: "budget.allocation.list",
    rule: project("project.view"),
    call: (a) => a.budget.allocation.list(P()),
  },
  {
    path: "budget.allocation.create",
    rule: project("project.manage"),
    call: (a) => a.budget.allocation.create({ ...P(), amount: "500" }),
  },
  {
    path: "budget.allocation.update",
    rule: project("project.manage"),
    call: async (a) => {
      const x = await allocation();
      return a.budget.allocation.update({ ...P(), id: x.id, expectedUpdatedAt: x.updatedAt, amount: "750" });
    },
  },
  {
    path: "budget.allocation.delete",
    rule: project("project.manage"),
    call: async (a) => a.budget.allocation.delete({ ...P(), id: (await allocation()).id }),
  },
  { path: "budget.timesheet.list", rule: project("project.view"), call: (a) => a.budget.timesheet.list(P()) },
  {
    path: "budget.timesheet.create",
    rule: project("project.manage"),
    call: (a) =>
      a.budget.timesheet.create({
        ...P(),
        resource: `T${next()}`,
        weekEnding: "2025-03-07",
        hours: 4,
        rate: "60.00",
      }),
  },
  {
    path: "budget.timesheet.update",
    rule: project("project.manage"),
    call: async (a) => {
      const x = await timesheet();
      return a.budget.timesheet.update({ ...P(), id: x.id, expectedUpdatedAt: x.updatedAt, hours: 6 });
    },
  },
  {
    path: "budget.timesheet.delete",
    rule: project("project.manage"),
    call: async (a) => a.budget.timesheet.delete({ ...P(), id: (await timesheet()).id }),
  },
  {
    path: "budget.timesheet.previewCsv",
    rule: project("project.manage"),
    call: (a) => a.budget.timesheet.previewCsv({ ...P(), csv: CSV }),
  },
  {
    path: "budget.timesheet.importCsv",
    rule: project("project.manage"),
    call: (a) => a.budget.timesheet.importCsv({ ...P(), csv: CSV, mapping: CSV_MAPPING, duplicates: "add" }),
  },

  // audit
  {
    path: "audit.list",
    label: "the whole org",
    rule: org("org.manageSettings"),
    call: (a) => a.audit.list({ orgSlug: ORG }),
  },
  {
    path: "audit.list",
    label: "one project",
    rule: project("project.admin"),
    call: (a) => a.audit.list(P()),
  },
  { path: "audit.central", rule: org("org.manageSettings"), call: (a) => a.audit.central({ orgSlug: ORG }) },

  // API tokens (own tokens for every member; org admins may also revoke others')
  {
    path: "apiToken.create",
    rule: org(),
    call: (a) => a.apiToken.create({ orgSlug: ORG, name: `t${next()}`, expiresInDays: 1 }),
  },
  { path: "apiToken.list", rule: org(), call: (a) => a.apiToken.list({ orgSlug: ORG }) },
  {
    path: "apiToken.revoke",
    label: "own token",
    rule: org(),
    call: async (a) => {
      const { id } = await a.apiToken.create({ orgSlug: ORG, name: `t${next()}` });
      return a.apiToken.revoke({ orgSlug: ORG, id });
    },
  },
  {
    path: "apiToken.revoke",
    label: "the owner's token",
    rule: (w) => {
      const outcome = org()(w);
      return outcome === "OK" && !canOrg(ORG_ROLE[w]!, "org.manageMembers") ? "NOT_FOUND" : outcome;
    },
    call: async (a) => {
      const central = getCentralDb();
      const owner = await central.user.findUniqueOrThrow({ where: { email: email("owner") } });
      const org = await central.organization.findUniqueOrThrow({ where: { slug: ORG } });
      const { id } = await createApiToken(
        central,
        { userId: owner.id, name: "owner", correlationId: "matrix-token" },
        org,
        { name: `owner t${next()}` },
      );
      return a.apiToken.revoke({ orgSlug: ORG, id });
    },
  },

  // chat (offline mode: no model configured in tests)
  { path: "chat.info", rule: org(), call: (a) => a.chat.info({ orgSlug: ORG }) },
  { path: "chat.create", label: "org-wide", rule: org(), call: (a) => a.chat.create({ orgSlug: ORG }) },
  {
    path: "chat.create",
    label: "in a project",
    rule: project("project.view"),
    call: (a) => a.chat.create(P()),
  },
  { path: "chat.sessions", rule: org(), call: (a) => a.chat.sessions({ orgSlug: ORG }) },
  {
    path: "chat.history",
    label: "own conversation",
    rule: project("project.view"),
    call: (a, w) => a.chat.history({ orgSlug: ORG, sessionId: ownSession(w) }),
  },
  {
    path: "chat.history",
    label: "the owner's conversation",
    rule: ownerOfThingOnly("owner"),
    call: (a) => a.chat.history({ orgSlug: ORG, sessionId: conversations.owner.sessionId }),
  },
  {
    path: "chat.rename",
    label: "own conversation",
    rule: project("project.view"),
    call: (a, w) => a.chat.rename({ orgSlug: ORG, sessionId: ownSession(w), title: "Renamed" }),
  },
  {
    path: "chat.rename",
    label: "the owner's conversation",
    rule: ownerOfThingOnly("owner"),
    call: (a) =>
      a.chat.rename({ orgSlug: ORG, sessionId: conversations.owner.sessionId, title: "Taken over" }),
  },
  {
    path: "chat.delete",
    label: "own conversation",
    rule: project("project.view"),
    call: async (a, w) => {
      // A conversation of the caller's own, made for this call; others can only aim at the owner's.
      const id = conversations[w] ? (await a.chat.create(P())).id : conversations.owner.sessionId;
      return a.chat.delete({ orgSlug: ORG, sessionId: id });
    },
  },
  {
    path: "chat.delete",
    label: "the owner's conversation",
    rule: (w) => (w === "owner" ? "OK" : ownerOfThingOnly("owner")(w)),
    call: async (a, w) => {
      // The owner deletes a conversation of their own made for this call, so the shared one stays.
      const id = w === "owner" ? (await a.chat.create(P())).id : conversations.owner.sessionId;
      return a.chat.delete({ orgSlug: ORG, sessionId: id });
    },
  },
  {
    path: "chat.proposeFromNotes",
    rule: project("item.create"),
    call: (a) => a.chat.proposeFromNotes({ ...P(), text: "Risk: Matrix risk @Tess Team by 2025-05-01" }),
  },
  {
    path: "chat.applyProposals",
    rule: project("item.create"),
    call: (a) =>
      a.chat.applyProposals({
        ...P(),
        proposals: [{ kind: "create", type: "Risk", title: "Matrix proposal" }],
      }),
  },
  {
    path: "chat.ask",
    rule: project("project.view"),
    call: (a) => a.chat.ask({ ...P(), message: "Which risks are open?" }),
  },
  {
    path: "chat.stream",
    label: "own question",
    rule: project("project.view"),
    call: async (a, w) => {
      // The caller's own question where they can ask one; others aim at the owner's.
      const asker = conversations[w] ? a : callers.owner;
      const asked = await asker.chat.ask({ ...P(), message: "What is late?" });
      return firstEvent(a.chat.stream({ orgSlug: ORG, messageId: asked.assistantMessageId }));
    },
  },
  {
    path: "chat.stream",
    label: "the owner's question",
    rule: ownerOfThingOnly("owner"),
    call: async (a) => {
      const asked = await callers.owner.chat.ask({ ...P(), message: "Who owns the biggest risk?" });
      return firstEvent(a.chat.stream({ orgSlug: ORG, messageId: asked.assistantMessageId }));
    },
  },
  {
    path: "chat.send",
    rule: project("project.view"),
    call: (a) => a.chat.send({ ...P(), message: "What is late?" }),
  },
  // Before chat.regenerate, which replaces the answer whose id this uses.
  {
    path: "chat.stop",
    label: "own answer",
    rule: project("project.view"),
    call: (a, w) => a.chat.stop({ orgSlug: ORG, messageId: ownMessage(w) }),
  },
  {
    path: "chat.regenerate",
    label: "own conversation",
    rule: project("project.view"),
    call: (a, w) => a.chat.regenerate({ orgSlug: ORG, sessionId: ownSession(w) }),
  },
  { path: "chat.usage", rule: org("org.manageMembers"), call: (a) => a.chat.usage({ orgSlug: ORG }) },

  // auth (public; every caller gets the same answer)
  {
    path: "auth.register",
    rule: open(),
    call: () =>
      anonymousCaller().auth.register({ name: "New", email: `reg${next()}@authz.test`, password: PASSWORD }),
  },
  {
    path: "auth.register",
    label: "signed-in caller",
    rule: open(),
    call: (a) => a.auth.register({ name: "New", email: `reg${next()}@authz.test`, password: PASSWORD }),
  },
  {
    path: "auth.requestPasswordReset",
    rule: open(),
    call: (a) => a.auth.requestPasswordReset({ email: email("viewer") }),
  },
  {
    path: "auth.resetPassword",
    label: "bad token",
    rule: open("BAD_REQUEST"),
    call: (a) => a.auth.resetPassword({ token: BOGUS_TOKEN, password: "Another-pass-9" }),
  },
  {
    path: "auth.verifyEmail",
    label: "bad token",
    rule: open("BAD_REQUEST"),
    call: (a) => a.auth.verifyEmail({ token: BOGUS_TOKEN }),
  },
  {
    path: "auth.invitation",
    label: "bad token",
    rule: open("NOT_FOUND"),
    call: (a) => a.auth.invitation({ token: BOGUS_TOKEN }),
  },
  {
    path: "auth.acceptInvitation",
    label: "bad token",
    rule: open("NOT_FOUND"),
    call: (a) => a.auth.acceptInvitation({ token: BOGUS_TOKEN, name: "X", password: "Another-pass-9" }),
  },
  {
    path: "auth.declineInvitation",
    label: "bad token",
    rule: open("NOT_FOUND"),
    call: (a) => a.auth.declineInvitation({ token: BOGUS_TOKEN }),
  },
  {
    path: "auth.ssoProvider",
    label: "org without SSO",
    rule: open("NOT_FOUND"),
    call: (a) => a.auth.ssoProvider({ orgSlug: ORG }),
  },

  // portfolio (lists filtered to the projects the caller sees)
  { path: "portfolio.list", rule: org(), call: (a) => a.portfolio.list({ orgSlug: ORG }) },
  {
    path: "portfolio.get",
    rule: org(),
    call: (a) => a.portfolio.get({ orgSlug: ORG, portfolioId: portfolioId }),
  },
  {
    path: "portfolio.dashboard",
    rule: org(),
    call: (a) => a.portfolio.dashboard({ orgSlug: ORG, portfolioId: portfolioId }),
  },
  {
    path: "portfolio.create",
    rule: org("org.manageSettings"),
    call: (a) => a.portfolio.create({ orgSlug: ORG, name: `Folio ${next()}`, projectIds: [projectId] }),
  },
  {
    path: "portfolio.update",
    rule: org("org.manageSettings"),
    call: async (a) => {
      const f = await sys().portfolio.create({ orgSlug: ORG, name: `Folio ${next()}` });
      return a.portfolio.update({ orgSlug: ORG, portfolioId: f.id, name: `Folio ${next()}` });
    },
  },
  {
    path: "portfolio.delete",
    rule: org("org.manageSettings"),
    call: async (a) =>
      a.portfolio.delete({
        orgSlug: ORG,
        portfolioId: (await sys().portfolio.create({ orgSlug: ORG, name: `Folio ${next()}` })).id,
      }),
  },

  // search
  { path: "search.query", rule: org(), call: (a) => a.search.query({ orgSlug: ORG, q: "item" }) },

  // attachments (real S3-compatible server on loopback)
  {
    path: "attachment.list",
    rule: project("project.view"),
    call: (a) => a.attachment.list({ ...P(), itemNum: attachmentItem }),
  },
  {
    path: "attachment.startUpload",
    rule: project("item.create"),
    call: (a) =>
      a.attachment.startUpload({
        ...P(),
        itemNum: attachmentItem,
        fileName: "a.txt",
        contentType: "text/plain",
        size: 3,
      }),
  },
  {
    path: "attachment.completeUpload",
    rule: project("item.create"),
    call: async (a) =>
      a.attachment.completeUpload({
        ...P(),
        itemNum: attachmentItem,
        ...(await storedAttachment(attachmentItem)),
      }),
  },
  {
    path: "attachment.downloadUrl",
    rule: project("project.view"),
    call: (a) => a.attachment.downloadUrl({ ...P(), itemNum: attachmentItem, attachmentId: attachmentId }),
  },
  {
    path: "attachment.delete",
    label: "someone else's upload",
    rule: project("item.delete"),
    call: async (a) => {
      const stored = await storedAttachment(attachmentItem);
      const made = await sys().attachment.completeUpload({ ...P(), itemNum: attachmentItem, ...stored });
      return a.attachment.delete({ ...P(), itemNum: attachmentItem, attachmentId: made.id });
    },
  },
];

const HOOK = { url: "http://127.0.0.1:9/hook", events: ["item.created" as const] };
/** A new webhook of the project (older ones are cleared: a project holds at most 20). */
const freshHook = async () => {
  const list = await sys().webhook.list(P());
  if (list.length >= 10) for (const h of list) await sys().webhook.delete({ ...P(), webhookId: h.id });
  return (await sys().webhook.create({ ...P(), ...HOOK })).id;
};

let RAID_YAML = "";
let BUDGET_YAML = "";
const ITEMS_CSV = "Type,Title\nRisk,Supplier slips\nDecision,Go with plan B\n";
let portfolioId = "";
let attachmentItem = 0;
let attachmentId = "";

const ownSession = (w: Who) => (conversations[w] ?? conversations.owner).sessionId;
const ownMessage = (w: Who) => (conversations[w] ?? conversations.owner).messageId;

/* ------------------------------------------------------------------ set-up */

beforeAll(async () => {
  process.env.ENCRYPTION_KEY = randomBytes(32).toString("base64url");
  s3 = await startS3();
  Object.assign(process.env, s3.env);
  resetEnvCache();
  resetStorageClient();
  RAID_YAML = readFileSync(path.join(FIXTURES, "RAID-Log-Sample-Platform-Upgrade.yaml"), "utf8");
  BUDGET_YAML = readFileSync(path.join(FIXTURES, "Budget-Harbor-Bridge-Upgrade.yaml"), "utf8");

  for (const who of WHO) if (who !== "signedOut" && who !== "foreignOrg") await makeUser(email(who), who);
  await makeUser("foreign@elsewhere.test", "Foreign");
  await makeUser(OUTSIDER, "Outsider");
  await makeUser("inviter@authz.test", "Inviter");
  // The matrix users have confirmed their addresses (needed for a second org and for invitations).
  await getCentralDb().user.updateMany({ data: { emailVerified: new Date() } });
  await sys().org.create({ name: "Authz", slug: ORG, ownerEmail: email("owner") });
  await sys().org.create({ name: "Elsewhere", slug: FOREIGN, ownerEmail: "foreign@elsewhere.test" });
  for (const who of WHO) {
    const role = ORG_ROLE[who];
    if (role && role !== "owner") await sys().org.addMember({ orgSlug: ORG, email: email(who), role });
  }
  projectId = (await freshProject("Main")).id;
  await sys().org.create({ name: "Invites", slug: INVITE_ORG, ownerEmail: "inviter@authz.test" });
  await freshOrg(SSO_ORG);
  await sys().org.sso.update({
    orgSlug: SSO_ORG,
    enabled: true,
    issuer: "https://idp.example.com",
    clientId: "braidmgr",
    clientSecret: "matrix-secret",
    allowedDomains: [],
  });
  await sys().project.workstream.add({ ...P(), name: "Build" });
  await sys().project.workstream.add({ ...P(), name: "Test" });
  portfolioId = (await sys().portfolio.create({ orgSlug: ORG, name: "Everything", projectIds: [projectId] }))
    .id;
  attachmentItem = await freshItem();
  attachmentId = (
    await sys().attachment.completeUpload({
      ...P(),
      itemNum: attachmentItem,
      ...(await storedAttachment(attachmentItem)),
    })
  ).id;

  for (const who of WHO) await refreshCaller(who);
  // Every caller who can see the project gets a conversation of their own, with one answered question.
  for (const who of WHO) {
    if (project("project.view")(who) !== "OK") continue;
    const r = await callers[who].chat.send({ ...P(), message: "What is due this week?" });
    conversations[who] = { sessionId: r.sessionId, messageId: r.message.id };
  }
}, 240_000);

afterAll(async () => {
  await s3?.stop();
});

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
