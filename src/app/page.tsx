import { redirect } from "next/navigation";
import { getLiveAppSession } from "@/server/auth/server-session";

export const dynamic = "force-dynamic";

export default async function Home() {
  const session = await getLiveAppSession();
  if (!session) redirect("/sign-in");
  redirect(session.orgSlug ? `/o/${session.orgSlug}` : "/orgs");
}
