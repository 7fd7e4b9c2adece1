/**
 * An organization under maintenance (its database being moved to another
 * cluster) is read-only: queries work, changes are refused with a message
 * saying why. The flag lives in organizations.settings under `maintenance`
 * (pure helpers; other settings keys are left alone).
 */

export type OrgMaintenance = {
  readOnly: true;
  reason: "moving";
  /** ISO timestamp the maintenance started. */
  since: string;
};

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** The maintenance flag, or null when the org is in normal service. */
export function readMaintenance(settings: unknown): OrgMaintenance | null {
  const m = asRecord(asRecord(settings).maintenance);
  if (m.readOnly !== true) return null;
  return {
    readOnly: true,
    reason: "moving",
    since: typeof m.since === "string" ? m.since : new Date(0).toISOString(),
  };
}

export function isOrgReadOnly(settings: unknown): boolean {
  return readMaintenance(settings) !== null;
}

export const READ_ONLY_MESSAGE =
  "This organization is being moved to another database server and is read-only for a few minutes. " +
  "Your changes were not saved; try again shortly.";
