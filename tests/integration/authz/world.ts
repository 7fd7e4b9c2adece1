/**
 * The authorization matrix's world: the nine kinds of caller, their org and
 * project roles, the rules (what each caller must get), fresh objects for calls
 * that change or remove things, and the set-up (orgs, project, SSO, portfolio,
 * attachment, a conversation per caller). `setUpAuthzWorld()` registers it;
 * the exported lets are live bindings.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { resetEnvCache } from "@/env";
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
import { startSession } from "@/server/services/sessions";
import { startS3 } from "../../support/s3";
import { FIXTURES } from "../../support/fixtures";
import { anonymousCaller, callerFor, makeUser, systemCaller } from "../helpers";

export const WHO = [
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
export type Who = (typeof WHO)[number];
export type Api = ReturnType<typeof anonymousCaller>;
export type Outcome = "OK" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "BAD_REQUEST";

export const ORG = "authz";
export const FOREIGN = "authz-foreign";
export const email = (who: Who) => `${who.toLowerCase()}@authz.test`;
/** An org where every caller holds its org role, with single sign-on turned on. */
export const SSO_ORG = "authz-sso";
/** An org that invites the callers (its owner is nobody in the matrix). */
export const INVITE_ORG = "authz-inv";
/** A user in no org of the matrix. */
export const OUTSIDER = "outsider@authz.test";

export const ORG_ROLE: Record<Who, OrgRole | null> = {
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
export const PROJECT_ROLE: Partial<Record<Who, ProjectRole>> = {
  viewer: "viewer",
  teamMember: "team_member",
  projectManager: "project_manager",
  projectAdmin: "admin",
};

/* ----------------------------------------------------------- expectations */

export type Rule = (who: Who) => Outcome;

/** Anyone, signed in or not, gets `outcome`. */
export const open =
  (outcome: Outcome = "OK"): Rule =>
  () =>
    outcome;
export const signedIn: Rule = (w) => (w === "signedOut" ? "UNAUTHORIZED" : "OK");
export const operatorsOnly: Rule = (w) => (w === "signedOut" ? "UNAUTHORIZED" : "FORBIDDEN");
/** Org members; with an action, only the org roles the matrix allows. */
export const org =
  (action?: OrgAction): Rule =>
  (w) => {
    if (w === "signedOut") return "UNAUTHORIZED";
    const role = ORG_ROLE[w];
    if (!role) return "NOT_FOUND";
    return !action || canOrg(role, action) ? "OK" : "FORBIDDEN";
  };
/** Project members (org owners/admins act as project admin); invisible projects answer NOT_FOUND. */
export const project =
  (action: ProjectAction): Rule =>
  (w) => {
    if (w === "signedOut") return "UNAUTHORIZED";
    const orgRole = ORG_ROLE[w];
    const role = orgRole ? effectiveProjectRole(orgRole, PROJECT_ROLE[w] ?? null) : null;
    if (!role) return "NOT_FOUND";
    return can(role, action) ? "OK" : "FORBIDDEN";
  };
/** An org action that additionally needs the caller to be the owner (the service refuses admins). */
export const ownerOnly =
  (action: OrgAction): Rule =>
  (w) => {
    const outcome = org(action)(w);
    return outcome === "OK" && ORG_ROLE[w] !== "owner" ? "FORBIDDEN" : outcome;
  };
/** Only the caller who owns the thing (a conversation); everyone else is told it does not exist. */
export const ownerOfThingOnly =
  (thingOwner: Who): Rule =>
  (w) =>
    w === "signedOut" ? "UNAUTHORIZED" : w === thingOwner ? "OK" : "NOT_FOUND";

/* --------------------------------------------------------------- fixtures */

export const callers = {} as Record<Who, Api>;
export let projectId = "";
export let s3: Awaited<ReturnType<typeof startS3>>;
export let seq = 0;
export const next = () => ++seq;
export const sys = () => systemCaller();
export const P = () => ({ orgSlug: ORG, projectId });

export async function refreshCaller(who: Who) {
  callers[who] =
    who === "signedOut"
      ? anonymousCaller()
      : await callerFor(who === "foreignOrg" ? "foreign@elsewhere.test" : email(who));
}

/** A project with the four project roles given to their callers. */
export async function freshProject(name = `P${next()}`) {
  const p = await sys().project.create({ orgSlug: ORG, name });
  for (const [who, role] of Object.entries(PROJECT_ROLE)) {
    await sys().project.setRole({ orgSlug: ORG, projectId: p.id, email: email(who as Who), role });
  }
  return p;
}

export const freshItem = async () =>
  (await sys().item.create({ ...P(), type: "Action Item", title: `item ${next()}` })).itemNum;

export async function freshMember() {
  const e = `member${next()}@authz.test`;
  await makeUser(e, `Member ${seq}`);
  await sys().org.addMember({ orgSlug: ORG, email: e, role: "member" });
  return e;
}

/** An org where every caller except the outsider holds its org role (for org-wide destructive calls). */
export async function freshOrg(slug = `authz-x${next()}`) {
  await sys().org.create({ name: `Org ${seq}`, slug, ownerEmail: email("owner") });
  for (const who of WHO) {
    const role = ORG_ROLE[who];
    if (role && role !== "owner") await sys().org.addMember({ orgSlug: slug, email: email(who), role });
  }
  return slug;
}

/** The address a caller signs in with. */
export const emailOf = (w: Who) => (w === "foreignOrg" ? "foreign@elsewhere.test" : email(w));

/** Claims `domain` for ORG afresh (unverified), runs `fn` with it, then removes it again. */
export async function withDomain<T>(
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
export async function deviceSessionOf(address: string) {
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
export async function invitationFor(address: string) {
  const members = await sys().org.members({ orgSlug: INVITE_ORG });
  if (members.some((m) => m.email === address))
    await sys().org.removeMember({ orgSlug: INVITE_ORG, email: address });
  return (await sys().org.invite({ orgSlug: INVITE_ORG, email: address, role: "member" })).id;
}

export async function storedAttachment(itemNum: number) {
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

export const rateCardEntry = () =>
  sys().budget.rateCard.create({ orgSlug: ORG, resourceName: `R${next()}`, hourlyRate: "100.00" });
export const allocation = () => sys().budget.allocation.create({ ...P(), amount: "1000" });
export const timesheet = () =>
  sys().budget.timesheet.create({
    ...P(),
    resource: `T${next()}`,
    weekEnding: "2025-03-07",
    hours: 8,
    rate: "50.00",
  });
export const CSV = "Week Ending,Resource,Hours,Rate,Complete Week\r\n2025-03-07,Csv Person,8,50,yes";
export const CSV_MAPPING = { weekEnding: 0, resource: 1, hours: 2, rate: 3, completeWeek: 4 };

/** Each user's own conversation (with one answered question) in the project. */
export const conversations = {} as Record<Who, { sessionId: string; messageId: string }>;

/** Calls a subscription and reads its first event (then closes it): authorization happens at the call. */
export async function firstEvent(subscribe: Promise<AsyncIterable<unknown>>): Promise<unknown> {
  const iterator = (await subscribe)[Symbol.asyncIterator]();
  try {
    const first = await iterator.next();
    return first.value;
  } finally {
    await iterator.return?.();
  }
}

/* ------------------------------------------------------------------ table */

export type Entry = {
  path: string;
  label?: string;
  rule: Rule;
  call: (api: Api, who: Who) => Promise<unknown>;
};

export const BOGUS_TOKEN = "x".repeat(40);

export const HOOK = { url: "http://127.0.0.1:9/hook", events: ["item.created" as const] };
/** A new webhook of the project (older ones are cleared: a project holds at most 20). */
export const freshHook = async () => {
  const list = await sys().webhook.list(P());
  if (list.length >= 10) for (const h of list) await sys().webhook.delete({ ...P(), webhookId: h.id });
  return (await sys().webhook.create({ ...P(), ...HOOK })).id;
};

export let RAID_YAML = "";
export let BUDGET_YAML = "";
export const ITEMS_CSV = "Type,Title\nRisk,Supplier slips\nDecision,Go with plan B\n";
export let portfolioId = "";
export let attachmentItem = 0;
export let attachmentId = "";

export const ownSession = (w: Who) => (conversations[w] ?? conversations.owner).sessionId;
export const ownMessage = (w: Who) => (conversations[w] ?? conversations.owner).messageId;

/* ------------------------------------------------------------------ set-up */

/** Creates every caller, org and object the matrix calls on (once per file). */
export function setUpAuthzWorld(): void {
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
    portfolioId = (
      await sys().portfolio.create({ orgSlug: ORG, name: "Everything", projectIds: [projectId] })
    ).id;
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
}
