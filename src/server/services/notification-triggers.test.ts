import { describe, expect, it } from "vitest";
import { itemChangeDrafts } from "./notification-triggers";

const item = (over: Partial<Parameters<typeof itemChangeDrafts>[1]> = {}) => ({
  itemNum: 7,
  title: "Pour concrete",
  assignedToUserId: "ned" as string | null,
  indicator: "In Progress" as Parameters<typeof itemChangeDrafts>[1]["indicator"],
  ...over,
});

describe("itemChangeDrafts", () => {
  it.each([
    ["created with an assignee", null, item(), ["assigned"]],
    ["created without one", null, item({ assignedToUserId: null }), []],
    ["re-assigned", item({ assignedToUserId: "tia" }), item(), ["assigned"]],
    ["unassigned", item(), item({ assignedToUserId: null }), []],
    ["saved unchanged", item(), item({ title: "Pour more" }), []],
    ["turned critical", item(), item({ indicator: "Late Finish!!" }), ["critical"]],
    ["critical already", item({ indicator: "Late Start!!" }), item({ indicator: "Late Finish!!" }), []],
    [
      "re-assigned and critical: one notification",
      item({ assignedToUserId: "tia" }),
      item({ indicator: "Late Finish!!" }),
      ["assigned"],
    ],
  ])("%s", (_label, before, after, kinds) => {
    expect(itemChangeDrafts(before, after, "Pam").map((d) => d.kind)).toEqual(kinds);
  });

  it("names the actor, or nobody for the system", () => {
    expect(itemChangeDrafts(null, item(), "Pam")[0]!.title).toBe("Assigned to you by Pam: #7 Pour concrete");
    expect(itemChangeDrafts(null, item(), null)[0]!.title).toBe("Assigned to you: #7 Pour concrete");
  });
});
