import { describe, expect, it } from "vitest";
import { can, canEditItem, canOrg, effectiveProjectRole, PROJECT_ACTIONS, type ProjectAction, type ProjectRole } from "./permissions";

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
  it.each(PROJECT_ACTIONS.flatMap((action) => roles.map((role) => [action, role] as const)))("%s as %s", (action, role) => {
    expect(can(role, action)).toBe(SPEC[action].includes(role));
  });

  it("refuses everything without a role", () => {
    for (const action of PROJECT_ACTIONS) expect(can(null, action)).toBe(false);
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
  const caller = { userId: "u1", names: ["Tina Member", "tina@x.test"] };
  it.each([
    ["project_manager", { createdById: "u2", assignedTo: "Someone" }, true],
    ["team_member", { createdById: "u1", assignedTo: null }, true],
    ["team_member", { createdById: "u2", assignedTo: " tina member " }, true],
    ["team_member", { createdById: "u2", assignedTo: "Someone Else" }, false],
    ["team_member", { createdById: null, assignedTo: null }, false],
    ["viewer", { createdById: "u1", assignedTo: "Tina Member" }, false],
  ] as const)("%s on %o → %s", (role, item, expected) => {
    expect(canEditItem(role, caller, item)).toBe(expected);
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
