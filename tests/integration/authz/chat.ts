/** Matrix entries: The assistant, sign-in procedures, portfolios, search, attachments. */
import { anonymousCaller, PASSWORD } from "../helpers";
import {
  ORG,
  email,
  open,
  org,
  project,
  ownerOfThingOnly,
  callers,
  projectId,
  next,
  sys,
  P,
  storedAttachment,
  conversations,
  firstEvent,
  BOGUS_TOKEN,
  portfolioId,
  attachmentItem,
  attachmentId,
  ownSession,
  ownMessage,
  type Entry,
} from "./world";

export const chatEntries: Entry[] = [
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
