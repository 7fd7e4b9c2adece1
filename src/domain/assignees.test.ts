import { describe, expect, it } from "vitest";
import { assigneeMatcher, resolveAssignee, type AssignableMember } from "./assignees";

const members: AssignableMember[] = [
  { userId: "alice", name: "Alice Smith", email: "alice@x.test" },
  { userId: "bob", name: "Bob Jones", email: "bob@x.test" },
  { userId: "bob2", name: "bob  jones", email: "bob2@x.test" },
  { userId: "carol", name: "Carol", email: "carol@x.test" },
];

describe("assigneeMatcher", () => {
  const match = assigneeMatcher(members);
  it.each([
    ["Alice Smith", "alice"],
    ["  alice   smith ", "alice"],
    ["ALICE@X.TEST", "alice"],
    ["alice@other.test", null],
    ["Bob Jones", null], // two members share the name: nobody is linked
    ["bob@x.test", "bob"], // …but an e-mail is unique
    ["Caro", null],
    ["", null],
    [null, null],
  ] as const)("%j → %s", (text, expected) => {
    expect(match(text)).toBe(expected);
  });
});

describe("resolveAssignee", () => {
  it.each([
    ["nothing about the assignee", {}, null],
    [
      "a member picked by id (the text becomes their name)",
      { assignedToUserId: "alice", assignedTo: "whatever" },
      { assignedTo: "Alice Smith", assignedToUserId: "alice" },
    ],
    [
      "free text explicitly unlinked",
      { assignedTo: "Alice Smith", assignedToUserId: null },
      { assignedTo: "Alice Smith", assignedToUserId: null },
    ],
    [
      "text matching one member",
      { assignedTo: "carol@x.test" },
      { assignedTo: "carol@x.test", assignedToUserId: "carol" },
    ],
    [
      "text matching nobody",
      { assignedTo: "Vendor PM" },
      { assignedTo: "Vendor PM", assignedToUserId: null },
    ],
    ["an emptied assignee", { assignedTo: "  " }, { assignedTo: null, assignedToUserId: null }],
    [
      "someone outside the org",
      { assignedToUserId: "mallory" },
      { problem: "That person is not a member of this organization" },
    ],
  ] as const)("%s", (_, input, expected) => {
    expect(resolveAssignee(input, members)).toEqual(expected);
  });
});
