/** Matrix entries: Projects, members, workstreams, baselines, webhooks. */
import {
  ORG,
  org,
  project,
  next,
  sys,
  P,
  freshProject,
  freshMember,
  firstEvent,
  freshHook,
  RAID_YAML,
  BUDGET_YAML,
  ITEMS_CSV,
  HOOK,
  type Entry,
} from "./world";

export const projectEntries: Entry[] = [
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
];
