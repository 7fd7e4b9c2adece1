/** Matrix entries: Org settings, members, SSO, domains, AI settings. */
import { dnsDeps } from "@/server/services/domains";
import { makeUser } from "../helpers";
import {
  ORG,
  email,
  SSO_ORG,
  signedIn,
  org,
  ownerOnly,
  seq,
  next,
  sys,
  freshMember,
  freshOrg,
  withDomain,
  type Entry,
} from "./world";

export const orgEntries: Entry[] = [
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
];
