"use client";

import {
  Bot,
  Briefcase,
  CircleHelp,
  History,
  KeyRound,
  type LucideIcon,
  Search,
  ShieldCheck,
} from "lucide-react";
import { canOrg } from "@/domain/permissions";
import { api } from "@/trpc/react";

/**
 * Sidebar links for search, portfolios, audit log, single sign-on and AI settings (admins; members too when the
 * org has SSO on, to link their account) and help.
 */
export function useMoreOrgLinks(orgSlug: string): { href: string; label: string; icon: LucideIcon }[] {
  const org = api.org.get.useQuery({ orgSlug }, { staleTime: 60_000 });
  const home = `/o/${orgSlug}`;
  const ssoOn = (org.data?.settings as { sso?: { enabled?: boolean } } | undefined)?.sso?.enabled === true;
  return [
    { href: `${home}/search`, label: "Search", icon: Search },
    { href: `${home}/portfolios`, label: "Portfolios", icon: Briefcase },
    ...(canOrg(org.data?.role, "org.manageSettings")
      ? [
          { href: `${home}/settings/audit`, label: "Audit log", icon: History },
          { href: `${home}/settings/access-log`, label: "Access log", icon: ShieldCheck },
          { href: `${home}/settings/sso`, label: "Single sign-on", icon: KeyRound },
          { href: `${home}/settings/ai`, label: "AI assistant", icon: Bot },
        ]
      : ssoOn
        ? [{ href: `${home}/settings/sso`, label: "Single sign-on", icon: KeyRound }]
        : []),
    { href: `${home}/help`, label: "Help", icon: CircleHelp },
  ];
}
