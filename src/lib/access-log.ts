/** One readable sentence per access-log entry (audit.central), for the access log page (pure). */
type Entry = {
  action: string;
  entityType: string;
  after: unknown;
  before: unknown;
  subject: { name: string; email: string } | null;
};

function rec(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

const PROVIDERS: Record<string, string> = {
  credentials: "password",
  google: "Google",
  "azure-ad": "Microsoft",
};
const provider = (p: unknown) =>
  typeof p === "string" ? (PROVIDERS[p] ?? (p.startsWith("sso-") ? "single sign-on" : p)) : "password";

export function describeAccessEntry(e: Entry): string {
  const a = rec(e.after);
  const b = rec(e.before);
  const who = e.subject?.name || e.subject?.email || "someone";
  switch (`${e.action}:${e.entityType}`) {
    case "LOGIN:user":
      return `${who} signed in with ${provider(a.provider)}${a.created ? " (new account)" : ""}`;
    case "LOGIN_FAILED:user":
      return `Sign-in refused for ${typeof a.email === "string" ? a.email : who}${typeof a.reason === "string" ? ` (${a.reason.replace(/_/g, " ")})` : ""}`;
    case "LOGOUT:user":
      return `${who} signed out${typeof a.reason === "string" && a.reason !== "logout" ? ` (${a.reason.replace(/_/g, " ")})` : ""}`;
    case "LINK:user_identity":
      return `${who} linked a ${provider(a.provider)} sign-in${a.via === "domain" ? " (verified domain)" : ""}`;
    case "UNLINK:user_identity":
      return `${who}'s external sign-ins were removed (${String(a.reason ?? "unlinked").replace(/_/g, " ")})`;
    case "UPDATE:user":
      return a.password === "reset"
        ? `${who} reset their password with an e-mailed link`
        : a.password === "changed"
          ? `${who} changed their password`
          : `${who} updated their account`;
    case "PERMISSION_CHANGE:org_membership":
      if (!e.after) return `Member removed${typeof b.email === "string" ? `: ${b.email}` : ""}`;
      return b.role
        ? `Role changed${typeof a.email === "string" ? ` for ${a.email}` : ""}: ${String(b.role)} → ${String(a.role)}`
        : `Member joined as ${String(a.role)}${a.via ? ` (${String(a.via).replace(/_/g, " ")})` : ""}`;
    case "PERMISSION_CHANGE:invitation":
      if (a.declined) return `Invitation declined${typeof b.email === "string" ? `: ${b.email}` : ""}`;
      if (a.revoked) return `Invitation withdrawn${typeof b.email === "string" ? `: ${b.email}` : ""}`;
      return `Invitation sent to ${String(a.email ?? "someone")} as ${String(a.role ?? "member")}`;
    case "UPDATE:organization_sso":
      return "Single sign-on settings changed";
    case "UPDATE:organization_ai":
      return "AI assistant settings changed";
    case "CREATE:organization_domain":
      return `Domain claimed: ${String(a.domain ?? "")}`;
    case "UPDATE:organization_domain":
      return `Domain verified: ${String(a.domain ?? "")} (${a.verifiedBy === "dns" ? "DNS" : "owner confirmed"})`;
    case "DELETE:organization_domain":
      return `Domain removed: ${String(b.domain ?? "")}`;
    case "CREATE:api_token":
      return `API token created: “${String(a.name ?? "")}”`;
    case "DELETE:api_token":
      return `API token revoked: “${String(b.name ?? "")}”`;
    case "LOGIN:api_token":
      return `API token used${typeof a.path === "string" ? ` (${a.path})` : ""}`;
    case "CREATE:organization":
      return "Organization created";
    default:
      return `${e.action.toLowerCase().replace(/_/g, " ")} ${e.entityType.replace(/_/g, " ")}`;
  }
}
