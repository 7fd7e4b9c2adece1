/** The assistant's "weekly status report" request (SPEC §14), offline mode included. Pure. */

/** "status report", "write this week's status", "weekly report", "write the status". */
export function asksForStatusReport(question: string): boolean {
  const t = question.toLowerCase().replace(/[’`]/g, "'").replace(/\s+/g, " ");
  return /\bstatus\s+report\b|\bthis\s+week'?s\s+status\b|\bweekly\s+(?:status\s+)?report\b|\bwrite\s+(?:up\s+)?(?:the\s+|a\s+|our\s+)?(?:weekly\s+)?status\b/.test(
    t,
  );
}
