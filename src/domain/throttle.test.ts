import { describe, expect, it } from "vitest";
import { accountFailures, LOGIN_THROTTLE, lockedUntil, throttleDecision } from "./throttle";

const T0 = new Date("2026-03-02T10:00:00Z").getTime();
const at = (min: number) => new Date(T0 + min * 60_000);

describe("lockedUntil", () => {
  it("needs five failures within fifteen minutes", () => {
    expect(lockedUntil([at(0), at(1), at(2), at(3)])).toBeNull();
    expect(lockedUntil([at(0), at(1), at(2), at(3), at(4)])).toEqual(at(19));
    // spread over more than 15 minutes: no lock
    expect(lockedUntil([at(0), at(4), at(8), at(12), at(16)])).toBeNull();
    // exactly 15 minutes apart still counts
    expect(lockedUntil([at(0), at(5), at(10), at(14), at(15)])).toEqual(at(30));
  });

  it("takes the latest lock and ignores order", () => {
    expect(lockedUntil([at(9), at(0), at(8), at(1), at(2), at(3), at(4)])).toEqual(at(24));
  });
});

describe("accountFailures", () => {
  it("counts only failures after the latest success", () => {
    const attempts = [
      { at: at(0), success: false },
      { at: at(1), success: false },
      { at: at(2), success: true },
      { at: at(3), success: false },
    ];
    expect(accountFailures(attempts)).toEqual([at(3)]);
  });
});

describe("throttleDecision", () => {
  const five = [0, 1, 2, 3, 4].map(at);
  it("locks an account for 15 minutes after the fifth failure", () => {
    const account = five.map((a) => ({ at: a, success: false }));
    expect(throttleDecision({ account, ipFailures: [] }, at(5))).toEqual({
      locked: true,
      retryAt: at(4 + LOGIN_THROTTLE.lockMs / 60_000),
      scope: "account",
    });
    expect(throttleDecision({ account, ipFailures: [] }, at(19)).locked).toBe(false);
  });

  it("locks an IP even when the failures are spread over accounts", () => {
    expect(throttleDecision({ account: [], ipFailures: five }, at(6))).toMatchObject({
      locked: true,
      scope: "ip",
    });
  });

  it("a success clears the account but not the IP", () => {
    const account = [...five.map((a) => ({ at: a, success: false })), { at: at(5), success: true }];
    expect(throttleDecision({ account, ipFailures: [] }, at(6)).locked).toBe(false);
    expect(throttleDecision({ account, ipFailures: five }, at(6)).locked).toBe(true);
  });
});
