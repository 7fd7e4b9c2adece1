/** Matrix entries: Budget, audit logs, API tokens. */
import { canOrg } from "@/domain/permissions";
import { getCentralDb } from "@/server/db/central";
import { createApiToken } from "@/server/services/api-tokens";
import {
  ORG,
  email,
  ORG_ROLE,
  org,
  project,
  next,
  P,
  freshProject,
  rateCardEntry,
  allocation,
  timesheet,
  CSV,
  CSV_MAPPING,
  BUDGET_YAML,
  type Entry,
} from "./world";

export const budgetEntries: Entry[] = [
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
];
