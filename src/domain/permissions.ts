/**
 * The permission matrix (SPEC §6) as data. Both the server middleware and the
 * UI (to hide what a user cannot do) read it through `can`.
 */

export const ORG_ROLES = ["owner", "admin", "member"] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const PROJECT_ROLES = ["admin", "project_manager", "team_member", "viewer"] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export const PROJECT_ACTIONS = [
  "project.view", // project, items, budget, timeline, exports, AI chat
  "item.create", // also: add notes
  "item.editOwn", // items assigned to or created by the caller
  "item.editAny",
  "item.delete", // delete / restore
  "project.manage", // workstreams, project settings, budget editing
  "project.admin", // assign project roles, delete the project
] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

const ALL: readonly ProjectRole[] = PROJECT_ROLES;

export const PROJECT_PERMISSIONS = {
  "project.view": ALL,
  "item.create": ["team_member", "project_manager", "admin"],
  "item.editOwn": ["team_member", "project_manager", "admin"],
  "item.editAny": ["project_manager", "admin"],
  "item.delete": ["project_manager", "admin"],
  "project.manage": ["project_manager", "admin"],
  "project.admin": ["admin"],
} as const satisfies Record<ProjectAction, readonly ProjectRole[]>;

export function can(role: ProjectRole | null | undefined, action: ProjectAction): boolean {
  if (!role) return false;
  return (PROJECT_PERMISSIONS[action] as readonly ProjectRole[]).includes(role);
}

/**
 * Effective project role: org owners and admins act as project admin on every
 * project of their org; members need an explicit project role.
 */
export function effectiveProjectRole(orgRole: OrgRole, projectRole: ProjectRole | null): ProjectRole | null {
  if (orgRole === "owner" || orgRole === "admin") return "admin";
  return projectRole;
}

/**
 * Can this caller edit this particular item? Project managers and admins may
 * edit any; team members only items they created or that are assigned to
 * them — by user id, never by name (anyone can take another member's name).
 */
export function canEditItem(
  role: ProjectRole | null,
  caller: { userId: string | null },
  item: { createdById: string | null; assignedToUserId: string | null },
): boolean {
  if (can(role, "item.editAny")) return true;
  if (!can(role, "item.editOwn") || !caller.userId) return false;
  return item.createdById === caller.userId || item.assignedToUserId === caller.userId;
}

/**
 * Can this caller delete a note or file of an item? Whoever may delete any (`mayDeleteAny`);
 * anyone else only their own — `ownerId` is the author / uploader, by user id, never by name.
 */
export function canDeleteOwned(
  mayDeleteAny: boolean,
  caller: { userId: string | null },
  ownerId: string | null,
): boolean {
  return mayDeleteAny || (!!caller.userId && ownerId === caller.userId);
}

export const ORG_ACTIONS = [
  "org.view",
  "org.manageMembers",
  "org.manageSettings",
  "org.createProject",
  "org.delete",
  "org.transferOwnership",
] as const;
export type OrgAction = (typeof ORG_ACTIONS)[number];

export const ORG_PERMISSIONS = {
  "org.view": ORG_ROLES,
  "org.manageMembers": ["owner", "admin"],
  "org.manageSettings": ["owner", "admin"],
  // Any member may start a project; they become its admin.
  "org.createProject": ORG_ROLES,
  "org.delete": ["owner"],
  "org.transferOwnership": ["owner"],
} as const satisfies Record<OrgAction, readonly OrgRole[]>;

export function canOrg(role: OrgRole | null | undefined, action: OrgAction): boolean {
  if (!role) return false;
  return (ORG_PERMISSIONS[action] as readonly OrgRole[]).includes(role);
}

/** An action in words, for "You may not …" refusals. */
export function describeAction(action: OrgAction | ProjectAction): string {
  const words: Record<OrgAction | ProjectAction, string> = {
    "project.view": "view this project",
    "item.create": "create items in this project",
    "item.editOwn": "edit items in this project",
    "item.editAny": "edit other people's items",
    "item.delete": "delete or restore items",
    "project.manage": "change this project's settings",
    "project.admin": "manage this project's members",
    "org.view": "view this organization",
    "org.manageMembers": "manage this organization's members",
    "org.manageSettings": "change this organization's settings",
    "org.createProject": "create projects here",
    "org.delete": "delete this organization",
    "org.transferOwnership": "transfer ownership",
  };
  return words[action];
}
