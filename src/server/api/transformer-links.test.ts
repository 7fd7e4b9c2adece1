/**
 * The response serializer (transformer.ts) read back by the links the browser
 * uses: httpBatchStreamLink (streamed batches) and httpSubscriptionLink
 * (Server-Sent Events), both with plain superjson on the client.
 */
import { describe, expect, it } from "vitest";
import { initTRPC, tracked } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createTRPCClient, httpBatchStreamLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { transformer } from "./transformer";

const t = initTRPC.create({ transformer });
const AT = new Date("2026-01-02T03:04:05.678Z");

const router = t.router({
  item: t.procedure.query(() => ({
    at: AT,
    list: [{ due: new Date(0), note: undefined, none: null, "a.b": AT }],
  })),
  exotic: t.procedure.query(() => ({ tags: new Set(["x"]), at: AT })),
  events: t.procedure.subscription(async function* () {
    yield tracked("1", { at: AT, n: 1 });
    yield tracked("2", { at: new Date(0), n: 2 });
  }),
});

const URL_BASE = "http://test.local/api/trpc";
const handler: typeof fetch = (input, init) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(input, init),
    router,
    createContext: () => ({}),
  });

const client = createTRPCClient<typeof router>({
  links: [
    splitLink({
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({
        url: URL_BASE,
        transformer: superjson,
        EventSource,
        eventSourceOptions: { fetch: handler },
      }),
      false: httpBatchStreamLink({ url: URL_BASE, transformer: superjson, fetch: handler }),
    }),
  ],
});

describe("the response serializer through the browser's links", () => {
  it("streamed batches arrive with their Dates and undefineds", async () => {
    const [a, b] = await Promise.all([client.item.query(), client.exotic.query()]);
    expect(a).toEqual({ at: AT, list: [{ due: new Date(0), note: undefined, none: null, "a.b": AT }] });
    expect(a.list[0]!.due).toBeInstanceOf(Date);
    expect("note" in a.list[0]!).toBe(true);
    expect(b.tags).toEqual(new Set(["x"]));
    expect(b.at).toBeInstanceOf(Date);
  });

  it("subscription events arrive with their Dates", async () => {
    const seen: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      const sub = client.events.subscribe(undefined, {
        onData: (e) => {
          seen.push(e.data);
          if (seen.length === 2) {
            sub.unsubscribe();
            resolve();
          }
        },
        onError: reject,
      });
    });
    expect(seen).toEqual([
      { at: AT, n: 1 },
      { at: new Date(0), n: 2 },
    ]);
  });
});
