import { describe, expect, it } from "vitest";
import { passwordProblems, ZPassword } from "./password";

describe("password policy (SPEC §9)", () => {
  it.each([
    ["Short1A", false],
    ["alllowercase1", false],
    ["ALLUPPERCASE1", false],
    ["NoDigitsHere", false],
    ["Correct-Horse-1", true],
    ["Abcdefg1", true],
  ])("%s → %s", (pw, ok) => {
    expect(ZPassword.safeParse(pw).success).toBe(ok);
    expect(passwordProblems(pw).length === 0).toBe(ok);
  });
  it("names what is missing", () => {
    expect(passwordProblems("abc")).toEqual([
      "Use at least 8 characters",
      "Include an upper-case letter",
      "Include a digit",
    ]);
  });
});
