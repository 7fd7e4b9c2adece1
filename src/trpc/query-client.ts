import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

export const createQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: {
        // Fresh enough to avoid refetch storms, short enough that others' changes show up soon.
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        retry: (count, err) => {
          const code = (err as { data?: { code?: string } } | null)?.data?.code;
          return count < 2 && !["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "BAD_REQUEST"].includes(code ?? "");
        },
      },
      mutations: {
        // Offline, fail at once with "Can't reach the server" rather than waiting silently
        // with a spinner and replaying the change later over whatever happened meanwhile.
        networkMode: "always",
      },
      dehydrate: {
        serializeData: superjson.serialize,
        // Only finished queries: every page awaits its prefetches. Next renders a layout and its page
        // concurrently, so a layout's HydrateClient may dehydrate while a page query is still in flight;
        // sent as pending, it would reach the browser's cache before the page's finished copy, which the
        // page's HydrationBoundary then applies only after hydration (a skeleton against server HTML).
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query),
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
