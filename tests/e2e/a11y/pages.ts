/** Every page the accessibility spec visits, with the document title it must have. */
import type { Demo } from "./a11y-fixture";

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const titled = (...parts: string[]) => new RegExp(`^${[...parts, "braidMgr"].map(esc).join(" · ")}$`);

export type PageCase = {
  name: string;
  signedIn: boolean;
  path: (d: Demo) => string;
  title: (d: Demo) => RegExp;
};

const P = (d: Demo) => `/o/${d.org}/p/${d.projectId}`;
export const PAGES: PageCase[] = [
  { name: "sign-in", signedIn: false, path: () => "/sign-in", title: () => titled("Sign in") },
  { name: "sign-up", signedIn: false, path: () => "/sign-up", title: () => titled("Create account") },
  {
    name: "forgot-password",
    signedIn: false,
    path: () => "/forgot-password",
    title: () => titled("Forgot password"),
  },
  {
    name: "reset-password",
    signedIn: false,
    path: () => "/reset-password?token=not-a-real-token",
    title: () => titled("Choose a new password"),
  },
  {
    name: "verify-email",
    signedIn: false,
    path: () => "/verify-email?token=not-a-real-token",
    title: () => titled("Confirm e-mail"),
  },
  {
    name: "accept-invite",
    signedIn: false,
    path: () => "/accept-invite?token=not-a-real-token",
    title: () => titled("Accept invitation"),
  },
  { name: "offline", signedIn: false, path: () => "/offline", title: () => titled("Offline") },
  { name: "not-found", signedIn: false, path: () => "/no-such-page", title: () => titled("Not found") },
  { name: "orgs", signedIn: true, path: () => "/orgs", title: () => titled("Organizations") },
  { name: "profile", signedIn: true, path: () => "/profile", title: () => titled("Your profile") },
  {
    name: "projects",
    signedIn: true,
    path: (d) => `/o/${d.org}`,
    title: (d) => titled("Projects", d.orgName),
  },
  { name: "help", signedIn: true, path: (d) => `/o/${d.org}/help`, title: (d) => titled("Help", d.orgName) },
  {
    name: "search",
    signedIn: true,
    path: (d) => `/o/${d.org}/search?q=rollout`,
    title: (d) => titled("“rollout”", "Search", d.orgName),
  },
  {
    name: "portfolios",
    signedIn: true,
    path: (d) => `/o/${d.org}/portfolios`,
    title: (d) => titled("Portfolios", d.orgName),
  },
  {
    name: "portfolio",
    signedIn: true,
    path: (d) => `/o/${d.org}/portfolios/${d.portfolioId}`,
    title: (d) => titled(d.portfolioName, d.orgName),
  },
  {
    name: "org-members",
    signedIn: true,
    path: (d) => `/o/${d.org}/settings/members`,
    title: (d) => titled("Members", d.orgName),
  },
  {
    name: "audit-log",
    signedIn: true,
    path: (d) => `/o/${d.org}/settings/audit`,
    title: (d) => titled("Audit log", d.orgName),
  },
  {
    name: "access-log",
    signedIn: true,
    path: (d) => `/o/${d.org}/settings/access-log`,
    title: (d) => titled("Access log", d.orgName),
  },
  {
    name: "sso-settings",
    signedIn: true,
    path: (d) => `/o/${d.org}/settings/sso`,
    title: (d) => titled("Single sign-on", d.orgName),
  },
  {
    name: "ai-settings",
    signedIn: true,
    path: (d) => `/o/${d.org}/settings/ai`,
    title: (d) => titled("AI assistant", d.orgName),
  },
  { name: "all-items", signedIn: true, path: (d) => P(d), title: (d) => titled("All items", d.projectName) },
  {
    name: "dashboard",
    signedIn: true,
    path: (d) => `${P(d)}/dashboard`,
    title: (d) => titled("Dashboard", d.projectName),
  },
  {
    name: "active",
    signedIn: true,
    path: (d) => `${P(d)}/active`,
    title: (d) => titled("Active items", d.projectName),
  },
  {
    name: "risks",
    signedIn: true,
    path: (d) => `${P(d)}/risks`,
    title: (d) => titled("Risks", d.projectName),
  },
  {
    name: "timeline",
    signedIn: true,
    path: (d) => `${P(d)}/timeline`,
    title: (d) => titled("Timeline", d.projectName),
  },
  {
    name: "chronology",
    signedIn: true,
    path: (d) => `${P(d)}/chronology`,
    title: (d) => titled("Chronology", d.projectName),
  },
  {
    name: "budget",
    signedIn: true,
    path: (d) => `${P(d)}/budget`,
    title: (d) => titled("Budget", d.projectName),
  },
  {
    name: "project-members",
    signedIn: true,
    path: (d) => `${P(d)}/members`,
    title: (d) => titled("Members", d.projectName),
  },
  {
    name: "project-settings",
    signedIn: true,
    path: (d) => `${P(d)}/settings`,
    title: (d) => titled("Settings", d.projectName),
  },
  {
    name: "project-not-found",
    signedIn: true,
    path: (d) => `/o/${d.org}/p/00000000-0000-4000-8000-000000000000`,
    title: () => titled("Not found"),
  },
];
