/** SPEC §9 password policy: at least 8 characters with an upper-case letter, a lower-case letter and a digit. */
import { z } from "zod";

export const PASSWORD_RULES = [
  { test: (p: string) => p.length >= 8, message: "Use at least 8 characters" },
  { test: (p: string) => /[A-Z]/.test(p), message: "Include an upper-case letter" },
  { test: (p: string) => /[a-z]/.test(p), message: "Include a lower-case letter" },
  { test: (p: string) => /\d/.test(p), message: "Include a digit" },
] as const;

export const PASSWORD_MAX = 200;

export const ZPassword = z
  .string()
  .min(8, "Use at least 8 characters")
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`)
  .regex(/[A-Z]/, "Include an upper-case letter")
  .regex(/[a-z]/, "Include a lower-case letter")
  .regex(/\d/, "Include a digit");

/** Which rules a password still breaks (for a live checklist). */
export function passwordProblems(password: string): string[] {
  const problems: string[] = PASSWORD_RULES.filter((r) => !r.test(password)).map((r) => r.message);
  if (password.length > PASSWORD_MAX) problems.push(`Use at most ${PASSWORD_MAX} characters`);
  return problems;
}
