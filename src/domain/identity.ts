/**
 * Identity rules that keep one organization from taking over accounts it does not own (pure).
 *
 * - Membership needs the person's consent: an org admin's `addMember` of anyone but a current member
 *   becomes an invitation, which the invitee accepts from a signed-in session (or the e-mailed link).
 * - An org's SSO identity provider speaks only for the e-mail domains the org has VERIFIED: by a DNS
 *   TXT record (`braidmgr-verify=<token>`), or confirmed by an owner whose own confirmed address is on
 *   the domain. Only DNS proves control of the domain (and so of its mailboxes): only then may an
 *   SSO sign-in be linked to an existing account by its e-mail address. An owner's confirmation is
 *   enough to create NEW accounts just in time and to make SSO-only bind the org's accepted members,
 *   but existing accounts then link from their own signed-in session ("Link my <org> SSO").
 * - An identity provider's `email_verified` claim never marks our address verified.
 */
import { z } from "zod";
import { ZDomain } from "./sso";

export type DomainVerification = "dns" | "owner_confirmed";

export const VERIFY_PREFIX = "braidmgr-verify=";

export const ZDomainInput = z.object({ domain: ZDomain.transform((d) => d.replace(/\.$/, "")) });

/** The lower-cased domain of an address ("" when there is none). */
export function emailDomain(email: string): string {
  const e = email.trim().toLowerCase();
  const at = e.lastIndexOf("@");
  return at < 0 ? "" : e.slice(at + 1).replace(/\.$/, "");
}

/** The TXT record value an org publishes on its domain to prove control. */
export function verificationRecord(token: string): string {
  return `${VERIFY_PREFIX}${token}`;
}

/**
 * Whether DNS TXT records (as node:dns resolveTxt returns them: each record a list of chunks)
 * contain exactly this org's verification value. Chunks of one record are joined (long records are
 * split into 255-byte strings); surrounding quotes and blanks are ignored; nothing else matches.
 */
export function txtRecordsProve(records: readonly (readonly string[])[], token: string): boolean {
  if (!token) return false;
  const want = verificationRecord(token);
  return records.some((chunks) => chunks.join("").trim().replace(/^"|"$/g, "").trim() === want);
}

/**
 * Free / public mail providers: anyone can own an address there, so an owner's address proves
 * nothing about the domain. Such domains can only be verified through DNS (which their users cannot
 * do). Not exhaustive — the DNS rule is what really protects existing accounts.
 */
export const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "yahoo.com",
  "ymail.com",
  "aol.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "proton.me",
  "protonmail.com",
  "pm.me",
  "gmx.com",
  "gmx.net",
  "gmx.de",
  "web.de",
  "mail.com",
  "yandex.com",
  "yandex.ru",
  "zoho.com",
  "fastmail.com",
  "hey.com",
  "tutanota.com",
  "qq.com",
  "163.com",
]);

export type OwnerConfirmCheck =
  { ok: true } | { ok: false; reason: "not_owner" | "unverified_address" | "other_domain" | "public_mail" };

/**
 * May this person confirm the domain for their org without DNS? Only an org owner whose own account
 * address is on exactly that domain and has been confirmed (by our link, never an IdP's claim), and
 * never for a public mail provider.
 */
export function ownerMayConfirm(p: {
  orgRole: string | null;
  email: string;
  emailVerified: Date | null;
  domain: string;
}): OwnerConfirmCheck {
  const domain = p.domain.toLowerCase();
  if (p.orgRole !== "owner") return { ok: false, reason: "not_owner" };
  if (PUBLIC_MAIL_DOMAINS.has(domain)) return { ok: false, reason: "public_mail" };
  if (emailDomain(p.email) !== domain) return { ok: false, reason: "other_domain" };
  if (!p.emailVerified) return { ok: false, reason: "unverified_address" };
  return { ok: true };
}

export const OWNER_CONFIRM_REFUSALS: Record<Exclude<OwnerConfirmCheck, { ok: true }>["reason"], string> = {
  not_owner: "Only an owner of this organization can confirm a domain without DNS.",
  public_mail:
    "Addresses at public mail providers can be had by anyone: verify this domain with the DNS record.",
  other_domain: "Your own e-mail address is not on this domain: verify it with the DNS record.",
  unverified_address:
    "Confirm your own e-mail address first (Profile → resend the confirmation link), or use the DNS record.",
};

/**
 * What an org's SSO sign-in may do for an e-mail address on one of its domains:
 * - `createAccount`: just-in-time creation of a NEW account (verified domain, either way);
 * - `linkExisting`: link the sign-in to an EXISTING account with that address (DNS only).
 */
export function ssoDomainPowers(verification: DomainVerification | null) {
  return {
    createAccount: verification !== null,
    linkExisting: verification === "dns",
  };
}

/**
 * Whether an org's SSO-only setting binds this member. It binds only an accepted (active) member
 * whose address is on one of the org's verified domains — never a stranger an admin named — and
 * only when the member can actually sign in through the org's SSO: an identity is linked, or the
 * domain is DNS-verified (the sign-in will link by e-mail). Otherwise password sign-in stays open,
 * so a member can sign in and link their SSO identity.
 */
export function ssoOnlyApplies(p: {
  ssoRequired: boolean;
  activeMember: boolean;
  domainVerification: DomainVerification | null;
  hasLinkedIdentity: boolean;
}): boolean {
  if (!p.ssoRequired || !p.activeMember || !p.domainVerification) return false;
  return p.hasLinkedIdentity || p.domainVerification === "dns";
}

/**
 * A password reset proves the address. External identities linked before the address was proved
 * (our own `emailVerified` was empty, or set only after the link) are dropped: they may be someone
 * else's (an identity provider that asserted this address before its owner ever confirmed it).
 */
export function linkPredatesProof(linkedAt: Date, emailVerified: Date | null): boolean {
  return emailVerified === null || emailVerified.getTime() > linkedAt.getTime();
}
