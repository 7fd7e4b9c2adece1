import type { Metadata } from "next";
import { AuditLogView } from "@/features/org-settings/audit/audit-log-view";
import { loadOrg } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { orgSlug } = await params;
  const org = await loadOrg(orgSlug);
  return { title: `Audit log · ${org.name}` };
}

export default async function AuditLogPage({ params }: Props) {
  const { orgSlug } = await params;
  const org = await loadOrg(orgSlug);
  return <AuditLogView orgSlug={orgSlug} orgRole={org.role} />;
}
