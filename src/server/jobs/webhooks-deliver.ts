/**
 * `webhooks-deliver`: sends the webhook deliveries that are due in every org (new events and
 * retries). Woken after each commit that queued one (src/server/jobs/wake.ts) and run every
 * minute as a sweep. Each org is checked with one cheap query first; claims make sure that two
 * servers running it at once never send the same attempt.
 */
import type { CentralDb } from "@/server/db/central";
import { getTenantDb, type TenantDb } from "@/server/db/tenant";
import type { Logger } from "@/server/logger";
import { forEachOrg, listActiveOrgs, type ActiveOrg, type OrgFailure } from "@/server/services/active-orgs";
import { deliverDueWebhooks, hasDueWebhooks } from "@/server/services/webhook-delivery";

export type WebhooksDeliverResult = {
  orgs: number;
  attempts: number;
  succeeded: number;
  retrying: number;
  failed: number;
  orgsFailed: OrgFailure[];
};

export async function runWebhooksDeliver(opts: {
  central: CentralDb;
  log: Logger;
  tenantDb?: (org: ActiveOrg) => TenantDb;
}): Promise<WebhooksDeliverResult> {
  const tenantDb = opts.tenantDb ?? getTenantDb;
  const orgs = await listActiveOrgs(opts.central);
  const r: WebhooksDeliverResult = {
    orgs: orgs.length,
    attempts: 0,
    succeeded: 0,
    retrying: 0,
    failed: 0,
    orgsFailed: [],
  };
  const { failed } = await forEachOrg(
    orgs,
    async (org) => {
      const db = tenantDb(org);
      if (!(await hasDueWebhooks(db))) return;
      for (const o of await deliverDueWebhooks(db, org)) {
        r.attempts++;
        if (o.status === "succeeded") r.succeeded++;
        else if (o.status === "pending") r.retrying++;
        else r.failed++;
      }
    },
    (org, err) => opts.log.error({ err, org: org.slug }, "webhooks-deliver: org failed"),
  );
  r.orgsFailed = failed;
  if (r.attempts) opts.log.info({ ...r, orgsFailed: failed.length }, "webhooks-deliver: done");
  return r;
}
