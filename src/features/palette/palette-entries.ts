import type { PaletteEntry } from "./palette-model";

/** What choosing an entry does (run by the palette component). */
export type PaletteAction =
  | { kind: "href"; href: string }
  | { kind: "item"; orgSlug: string; projectId: string; itemNum: number }
  | { kind: "new-item"; orgSlug: string; projectId: string }
  | { kind: "ask"; question: string }
  | { kind: "notes" }
  | { kind: "theme"; theme: "light" | "dark" | "system" }
  | { kind: "sign-out" }
  | { kind: "search-page"; orgSlug: string; q: string };

export type Entry = PaletteEntry<PaletteAction>;

type Org = { slug: string; name: string };
type Project = { id: string; name: string };

/**
 * The entries that need no server search: commands, pages of the current org
 * and project, and every project of the user's orgs.
 */
export function staticEntries({
  orgSlug,
  projectId,
  projectName,
  hasAssistant,
  projectsByOrg,
}: {
  orgSlug?: string;
  projectId?: string;
  projectName?: string;
  hasAssistant: boolean;
  projectsByOrg: { org: Org; projects: Project[] }[];
}): Entry[] {
  const out: Entry[] = [];
  const inProject = orgSlug && projectId ? { orgSlug, projectId } : null;
  if (inProject) {
    out.push({
      id: "cmd-new-item",
      group: "Commands",
      label: "New item",
      hint: projectName,
      keywords: ["create", "add", "risk", "action", "issue", "decision"],
      action: { kind: "new-item", ...inProject },
    });
    if (hasAssistant)
      out.push({
        id: "cmd-notes",
        group: "Commands",
        label: "Paste meeting notes…",
        hint: "Draft items from notes",
        keywords: ["draft", "minutes", "import"],
        action: { kind: "notes" },
      });
  }
  out.push(
    {
      id: "cmd-theme-light",
      group: "Commands",
      label: "Switch to light theme",
      keywords: ["theme", "appearance", "mode"],
      action: { kind: "theme", theme: "light" },
    },
    {
      id: "cmd-theme-dark",
      group: "Commands",
      label: "Switch to dark theme",
      keywords: ["theme", "appearance", "mode", "night"],
      action: { kind: "theme", theme: "dark" },
    },
    {
      id: "cmd-theme-system",
      group: "Commands",
      label: "Use the system theme",
      keywords: ["theme", "appearance", "mode", "auto"],
      action: { kind: "theme", theme: "system" },
    },
    {
      id: "cmd-sign-out",
      group: "Commands",
      label: "Sign out",
      keywords: ["log", "logout", "exit"],
      action: { kind: "sign-out" },
    },
  );

  const page = (id: string, label: string, href: string, hint?: string, keywords?: string[]): Entry => ({
    id: `page-${id}`,
    group: "Pages",
    label,
    hint,
    keywords,
    action: { kind: "href", href },
  });
  if (inProject) {
    const home = `/o/${orgSlug}/p/${projectId}`;
    out.push(
      page("dashboard", "Dashboard", `${home}/dashboard`, projectName, ["overview", "home"]),
      page("items", "All items", home, projectName, ["list", "raid", "log"]),
      page("active", "Active items", `${home}/active`, projectName, ["open", "mine"]),
      page("risks", "Risks", `${home}/risks`, projectName, ["register", "matrix"]),
      page("timeline", "Timeline", `${home}/timeline`, projectName, ["gantt", "schedule"]),
      page("chronology", "Chronology", `${home}/chronology`, projectName, ["history", "changes"]),
      page("budget", "Budget", `${home}/budget`, projectName, ["money", "cost", "spend"]),
      page("team", "Team", `${home}/members`, projectName, ["members", "people"]),
      page("project-settings", "Project settings", `${home}/settings`, projectName, ["workstreams"]),
    );
  }
  if (orgSlug) {
    const home = `/o/${orgSlug}`;
    out.push(
      page("projects", "Projects", home, undefined, ["home", "organization"]),
      page("search", "Search", `${home}/search`, undefined, ["find"]),
      page("portfolios", "Portfolios", `${home}/portfolios`),
      page("members", "Members", `${home}/settings/members`, undefined, ["settings", "people", "invite"]),
      page("audit", "Audit log", `${home}/settings/audit`, undefined, ["settings", "history"]),
      page("help", "Help", `${home}/help`, undefined, ["docs", "shortcuts", "guide"]),
    );
  }
  out.push(
    page("profile", "Profile", "/profile", undefined, ["account", "password", "security", "settings"]),
    page("orgs", "Organizations", "/orgs", undefined, ["switch", "org"]),
  );

  const severalOrgs = projectsByOrg.length > 1;
  for (const { org, projects } of projectsByOrg) {
    for (const p of projects) {
      out.push({
        id: `project-${org.slug}-${p.id}`,
        group: "Projects",
        label: p.name,
        hint: severalOrgs ? org.name : undefined,
        keywords: ["project", org.name],
        action: { kind: "href", href: `/o/${org.slug}/p/${p.id}/dashboard` },
      });
    }
  }
  return out;
}
