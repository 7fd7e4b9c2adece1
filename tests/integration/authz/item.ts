/** Matrix entries: Items and the signed-in user's own account and notifications. */
import { PASSWORD } from "../helpers";
import {
  OUTSIDER,
  signedIn,
  operatorsOnly,
  project,
  next,
  sys,
  P,
  refreshCaller,
  freshItem,
  emailOf,
  deviceSessionOf,
  invitationFor,
  type Entry,
} from "./world";

export const itemEntries: Entry[] = [
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
];
