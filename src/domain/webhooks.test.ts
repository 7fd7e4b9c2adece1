import { describe, expect, it } from "vitest";
import { deliverySummary, isDelivered, maxAttempts, nextAttemptAfter } from "./webhooks";

const DELAYS = [60, 300, 1800, 7200, 21600];
const t0 = new Date("2026-01-01T00:00:00Z");

describe("nextAttemptAfter", () => {
  it.each([
    [1, 60],
    [2, 300],
    [3, 1800],
    [4, 7200],
    [5, 21600],
  ])("after attempt %i waits %i s", (attempts, seconds) => {
    expect(nextAttemptAfter(attempts, DELAYS, t0)!.getTime() - t0.getTime()).toBe(seconds * 1000);
  });
  it("gives up after the last attempt", () => {
    expect(maxAttempts(DELAYS)).toBe(6);
    expect(nextAttemptAfter(6, DELAYS, t0)).toBeNull();
    expect(nextAttemptAfter(1, [], t0)).toBeNull();
  });
  it("takes fractions of a second (tests shorten the schedule)", () => {
    expect(nextAttemptAfter(1, [0.25], t0)!.getTime() - t0.getTime()).toBe(250);
  });
});

describe("isDelivered", () => {
  it.each([
    [200, true],
    [204, true],
    [299, true],
    [199, false],
    [301, false],
    [404, false],
    [500, false],
    [null, false],
  ])("%s → %s", (status, ok) => expect(isDelivered(status)).toBe(ok));
});

describe("deliverySummary", () => {
  const project = { id: "p", name: "Apollo" };
  const item = {
    itemNum: 7,
    title: "Migrate",
    type: "Risk",
    workstream: null,
    assignedTo: null,
    start: null,
    finish: null,
    deadline: null,
    percentComplete: 0,
    indicator: null,
    priority: null,
    draft: false,
    deleted: false,
  };
  it("names the item and what happened", () => {
    expect(deliverySummary({ type: "item.created", item, project })).toBe("Item #7 created: Migrate");
    expect(deliverySummary({ type: "note.added", item, project })).toBe("Item #7 note added: Migrate");
    expect(deliverySummary({ type: "ping", project })).toBe("Test event (ping) for Apollo");
  });
  it("stays within 300 characters", () => {
    expect(
      deliverySummary({ type: "item.updated", item: { ...item, title: "x".repeat(400) }, project }),
    ).toHaveLength(300);
  });
});
