/**
 * Audit rows in words for the org's audit log: "changed item #12 · Book the
 * crane" instead of "UPDATE item 6f1c…", and field labels instead of column
 * names. Pure; the log page renders what these return.
 */
import { ITEM_FIELD_LABELS } from "./item-history";

const VERBS: Readonly<Record<string, string>> = {
  CREATE: "created",
  UPDATE: "changed",
  DELETE: "deleted",
  RESTORE: "restored",
  IMPORT: "imported",
  RECALCULATE: "recalculated",
  PERMISSION_CHANGE: "changed",
  LINK: "linked",
  UNLINK: "unlinked",
  LOGIN: "signed in",
  LOGIN_FAILED: "failed to sign in",
  LOGOUT: "signed out",
};

const THINGS: Readonly<Record<string, string>> = {
  item: "item",
  item_note: "a note on item",
  item_dependencies: "the dependencies of item",
  project: "project",
  project_role: "a project role",
  workstream: "workstream",
  workstream_order: "the workstream order",
  portfolio: "portfolio",
  budget: "the budget",
  budget_allocation: "a budget allocation",
  timesheet_entry: "a timesheet entry",
  timesheet_import: "timesheets",
  rate_card: "a rate card entry",
  baseline: "baseline",
  attachment: "an attachment on item",
  organization: "the organization",
  organization_domain: "a verified domain",
  organization_sso: "single sign-on",
  organization_ai: "the AI assistant settings",
  org_membership: "a membership",
  invitation: "an invitation",
  api_token: "an API token",
  chat_session: "an assistant conversation",
  user: "an account",
  user_identity: "a sign-in link",
  registration: "a registration",
  retention: "old records",
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

/** camelCase or snake_case → "Sentence case" words. */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label people know a field by: the item editor's for item fields, else the key in words. */
export function fieldLabel(key: string): string {
  return ITEM_FIELD_LABELS[key] ?? humanizeKey(key);
}

/** "changed item #12 · Book the crane", from the row's action, kind and snapshots. */
export function auditHeadline(e: {
  action: string;
  entityType: string;
  before: unknown;
  after: unknown;
}): string {
  const verb = VERBS[e.action] ?? e.action.toLowerCase().replace(/_/g, " ");
  const thing = THINGS[e.entityType] ?? humanizeKey(e.entityType).toLowerCase();
  const snap = isObj(e.after) ? e.after : isObj(e.before) ? e.before : {};
  const num = typeof snap.itemNum === "number" ? ` #${snap.itemNum}` : "";
  const name =
    typeof snap.title === "string"
      ? snap.title
      : typeof snap.name === "string"
        ? snap.name
        : typeof snap.fileName === "string"
          ? snap.fileName
          : typeof snap.email === "string"
            ? snap.email
            : "";
  return `${verb} ${thing}${num}${name ? ` · ${name}` : ""}`;
}
