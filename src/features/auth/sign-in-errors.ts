/** What the sign-in page says for each next-auth `error` code (from `signIn()` or `?error=`). */
export const SIGN_IN_ERROR_MESSAGES: Record<string, string> = {
  TooManyAttempts:
    "Too many failed sign-in attempts. For your security, sign-in is paused for 15 minutes. You can reset your password meanwhile.",
  SsoRequired: "Your organization requires single sign-on. Use “Sign in with SSO” below.",
  CredentialsSignin: "E-mail or password is incorrect.",
  OAuthAccountNotLinked:
    "An account with this e-mail already exists. Sign in with your password, then link your organization's single sign-on from its Single sign-on page.",
  SsoDomainNotVerified:
    "This organization's single sign-on cannot create accounts for your e-mail domain yet. Ask its admin to verify the domain, or to invite you.",
  SsoNotAMember: "You are not a member of this organization. Ask its admin for an invitation.",
  SsoIdentityInUse: "That single sign-on identity is already linked to another braidMgr account.",
  SsoLinkExpired: "The link request expired. Start “Link my single sign-on” again.",
  SsoDomainNotAllowed: "Your e-mail domain is not allowed for this organization's single sign-on.",
  SsoAccessRemoved: "Your access to this organization was removed. Contact its admin.",
  SsoNotConfigured: "Single sign-on is not set up for this organization.",
  AccountDisabled: "This account is disabled.",
  EmailRequired: "Your identity provider did not share an e-mail address.",
  AccessDenied: "Sign-in was refused.",
  OAuthSignin: "Could not start the sign-in with that provider. Try again.",
  OAuthCallback: "The sign-in with that provider did not complete. Try again.",
  Callback: "The sign-in did not complete. Try again.",
  SessionRequired: "Please sign in to continue.",
};

export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return SIGN_IN_ERROR_MESSAGES[code] ?? "Sign-in failed. Please try again.";
}
