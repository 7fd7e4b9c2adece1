import { AuditLogView } from "@/features/org-settings/audit/audit-log-view";
import { loadOrg, orgPageMetadata } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string }> };

export const generateMetadata = orgPageMetadata("Audit log");

export default async function AuditLogPage({ params }: Props) {
  const { orgSlug } = await params;
  const org = await loadOrg(orgSlug);
  return <AuditLogView orgSlug={orgSlug} orgRole={org.role} />;
}
