import type { Severity } from "../types";

/** Indicator severities as print colours (the PDF report and the timeline SVG; always next to text). */
export const SEVERITY_PRINT_COLOUR: Record<Severity | "none", string> = {
  critical: "#dc2626",
  warning: "#d97706",
  active: "#2563eb",
  upcoming: "#7c3aed",
  completed: "#16a34a",
  done: "#64748b",
  none: "#94a3b8",
};
