/**
 * The accessibility spec's fixture: signs in once per worker, skips the first-run tour for good and
 * finds (or makes) what the pages need — the demo project and a portfolio.
 */
import { expect, test as base, type APIRequestContext } from "@playwright/test";
import { demoLogin, signIn } from "../helpers";

/** What the tests need to know about the demo data, found once per worker. */
export type Demo = {
  org: string;
  orgName: string;
  projectId: string;
  projectName: string;
  portfolioId: string;
  portfolioName: string;
};

async function trpc<T>(
  request: APIRequestContext,
  proc: string,
  input: unknown,
  mutation = false,
): Promise<T> {
  const res = mutation
    ? await request.post(`/api/trpc/${proc}`, { data: { json: input } })
    : await request.get(`/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(res.ok(), `${proc}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

export const test = base.extend<{ demo: Demo }, { auth: { state: string; demo: Demo } }>({
  // Signs in once per worker (the sign-in throttle never sees a burst), skips the first-run tour for
  // good (it lives in localStorage, which the saved state keeps) and makes sure a portfolio exists.
  auth: [
    async ({ browser }, provide, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL;
      const context = await browser.newContext({ baseURL });
      const page = await context.newPage();
      const login = demoLogin();
      await signIn(page, login);
      const tour = page.getByTestId("first-run-tour");
      await tour
        .getByRole("button", { name: "Skip tour" })
        .click({ timeout: 5_000 })
        .catch(() => undefined);
      await expect(tour).toBeHidden();
      const org = await trpc<{ name: string }>(page.request, "org.get", { orgSlug: login.org });
      const projects = await trpc<{ id: string; name: string }[]>(page.request, "project.list", {
        orgSlug: login.org,
      });
      const project = projects.find((p) => /Harbor Bridge Upgrade/.test(p.name));
      expect(project, "the demo project is listed").toBeTruthy();
      let portfolios = await trpc<{ id: string; name: string }[]>(page.request, "portfolio.list", {
        orgSlug: login.org,
      });
      if (portfolios.length === 0) {
        await trpc(
          page.request,
          "portfolio.create",
          { orgSlug: login.org, name: "All client work", projectIds: [project!.id] },
          true,
        );
        portfolios = await trpc(page.request, "portfolio.list", { orgSlug: login.org });
      }
      const state = workerInfo.project.outputDir + `/a11y-auth-${workerInfo.workerIndex}.json`;
      await context.storageState({ path: state });
      await context.close();
      await provide({
        state,
        demo: {
          org: login.org,
          orgName: org.name,
          projectId: project!.id,
          projectName: project!.name,
          portfolioId: portfolios[0]!.id,
          portfolioName: portfolios[0]!.name,
        },
      });
    },
    { scope: "worker" },
  ],
  demo: async ({ auth }, provide) => provide(auth.demo),
});
