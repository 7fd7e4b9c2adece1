import { createCallerFactory, createTRPCRouter, registerTokenProcedures, ZOrgScope } from "./trpc";
import { orgRouter } from "./routers/org.router";
import { projectRouter } from "./routers/project.router";
import { itemRouter } from "./routers/item.router";
import { userRouter } from "./routers/user.router";
import { budgetRouter } from "./routers/budget.router";
import { auditRouter } from "./routers/audit.router";
import { chatRouter } from "./routers/chat.router";
import { authRouter } from "./routers/auth.router";
import { portfolioRouter } from "./routers/portfolio.router";
import { searchRouter } from "./routers/search.router";
import { attachmentRouter } from "./routers/attachment.router";
import { baselineRouter } from "./routers/baseline.router";
import { apiTokenRouter } from "./routers/api-token.router";
import { notificationRouter } from "./routers/notification.router";
import { webhookRouter } from "./routers/webhook.router";

export const appRouter = createTRPCRouter({
  org: orgRouter,
  project: projectRouter,
  item: itemRouter,
  user: userRouter,
  budget: budgetRouter,
  audit: auditRouter,
  chat: chatRouter,
  auth: authRouter,
  portfolio: portfolioRouter,
  search: searchRouter,
  attachment: attachmentRouter,
  baseline: baselineRouter,
  apiToken: apiTokenRouter,
  notification: notificationRouter,
  webhook: webhookRouter,
});

/** API tokens may call the org-scoped procedures (input through ZOrgScope), except those trpc.ts forbids. */
registerTokenProcedures(
  Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>)
    .filter(([, p]) => p._def.inputs.includes(ZOrgScope))
    .map(([path]) => path),
);

export type AppRouter = typeof appRouter;

/** Server-side calls (admin scripts, tests, RSC): same validation, permissions and audit. */
export const createCaller = createCallerFactory(appRouter);
