import { HelpView } from "@/features/help/help-view";
import { loadOrg, orgPageMetadata } from "@/app/_lib/guard";

type Props = { params: Promise<{ orgSlug: string }> };

export const generateMetadata = orgPageMetadata("Help");

export default async function HelpPage({ params }: Props) {
  const { orgSlug } = await params;
  await loadOrg(orgSlug);
  return <HelpView orgSlug={orgSlug} />;
}
