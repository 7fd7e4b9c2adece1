import { describe, expect, it } from "vitest";
import {
  can,
  canDeleteOwned,
  canEditItem,
  canOrg,
  effectiveProjectRole,
  PROJECT_ACTIONS,
  type ProjectAction,
  type ProjectRole,
} from "./permissions";

// SPEC §6, row by row: which project roles may do what.
const SPEC: Record<ProjectAction, ProjectRole[]> = {
  "project.view": ["viewer", "team_member", "project_manager", "admin"],
  "item.create": ["team_member", "project_manager", "admin"],
  "item.editOwn": ["team_member", "project_manager", "admin"],
  "item.editAny": ["project_manager", "admin"],
  "item.delete": ["project_manager", "admin"],
  "project.manage": ["project_manager", "admin"],
  "project.admin": ["admin"],
};

describe("project permission matrix", () => {
  const roles: ProjectRole[] = ["viewer", "team_member", "project_manager", "admin"];
  it.each(PROJECT_ACTIONS.flatMap((action) => roles.map((role) => [action, role] as const)))(
    "%s as %s",
    (action, role) => {
      expect(can(role, action)).toBe(SPEC[action].includes(role));
    },
  );

  it("refuses everything without a role", () => {
    for (const action of PROJECT_ACTIONS) expect(can(null, action)).toBe(false);
  });
});

describe("deleting a note or file", () => {
  it.each([
    [true, { userId: "u1" }, "u2", true],
    [true, { userId: null }, null, true],
    [false, { userId: "u1" }, "u1", true],
    [false, { userId: "u1" }, "u2", false],
    [false, { userId: "u1" }, null, false],
    [false, { userId: null }, null, false],
    [false, { userId: "" }, "", false],
  ] as const)("may delete any: %s, caller %o, owner %s → %s", (any, caller, owner, expected) => {
    expect(canDeleteOwned(any, caller, owner)).toBe(expected);
  });
});

describe("effective project role", () => {
  it.each([
    ["owner", null, "admin"],
    ["admin", "viewer", "admin"],
    ["member", "viewer", "viewer"],
    ["member", "project_manager", "project_manager"],
    ["member", null, null],
  ] as const)("org %s with project role %s acts as %s", (orgRole, projectRole, expected) => {
    expect(effectiveProjectRole(orgRole, projectRole)).toBe(expected);
  });
});

describe("editing one item", () => {
  const caller = { userId: "u1" };
  it.each([
    ["project_manager", { createdById: "u2", assignedToUserId: "u3" }, true],
    ["team_member", { createdById: "u1", assignedToUserId: null }, true],
    ["team_member", { createdById: "u2", assignedToUserId: "u1" }, true],
    ["team_member", { createdById: "u2", assignedToUserId: "u3" }, false],
    ["team_member", { createdById: null, assignedToUserId: null }, false],
    ["viewer", { createdById: "u1", assignedToUserId: "u1" }, false],
  ] as const)("%s on %o → %s", (role, item, expected) => {
    expect(canEditItem(role, caller, item)).toBe(expected);
  });

  it("ignores names: an item shown as assigned to the caller's name is not theirs unless linked to their id", () => {
    // The caller renamed themselves "Alice Smith"; Alice's item carries Alice's id.
    const alicesItem = { createdById: "alice", assignedToUserId: "alice", assignedTo: "Alice Smith" };
    expect(canEditItem("team_member", { userId: "mallory" }, alicesItem)).toBe(false);
    expect(canEditItem("team_member", { userId: "alice" }, alicesItem)).toBe(true);
  });

  it("gives a caller without a user id no item of their own", () => {
    expect(canEditItem("team_member", { userId: null }, { createdById: null, assignedToUserId: null })).toBe(
      false,
    );
  });
});

describe("org permissions", () => {
  it.each([
    ["owner", "org.delete", true],
    ["admin", "org.delete", false],
    ["admin", "org.manageMembers", true],
    ["member", "org.manageMembers", false],
    ["member", "org.createProject", true],
    ["member", "org.view", true],
  ] as const)("%s may %s: %s", (role, action, expected) => {
    expect(canOrg(role, action)).toBe(expected);
  });
});
