/**
 * The session as the app sees it (decoded from the next-auth JWT). The token
 * carries the user id, the current org and a session version; the protected
 * middleware checks the version against the database on every request, so
 * logout-everywhere, password changes and removals take effect at once.
 */
export type AppSession = {
  user: { id: string; email: string; name: string };
  /** Slug of the org the user is working in (switching org re-issues the token). */
  orgSlug: string | null;
  sessionVersion: number;
  /** This device's session (user_sessions.id); null for tokens issued before per-device sessions. */
  sessionId?: string | null;
  expires: string;
};
