import { defaultShouldDehydrateQuery, MutationCache, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";
import { isStale, readTrpcKey, staleAfter } from "./stale-after";

/**
 * Marks what `mutation` (a procedure path) changed as stale, by the one rule in
 * stale-after.ts, and waits for the answers on screen to be fetched again.
 * Called for every `useMutation`; call it yourself after a change sent some other way.
 */
export function refreshAfter(client: QueryClient, mutation: string, input: unknown): Promise<void> {
  const targets = staleAfter(mutation, input);
  if (!targets.length) return Promise.resolve();
  return client.invalidateQueries({
    predicate: (query) => {
      const key = readTrpcKey(query.queryKey);
      return !!key && isStale(targets, key.path, key.input);
    },
  });
}

/** The procedure path of a tRPC mutation key (`[["item","update"]]`). */
const mutationPath = (key: readonly unknown[] | undefined) => {
  const path = key && readTrpcKey(key)?.path;
  return path ? path.join(".") : null;
};

/** Refused because the stored copy moved under us: what we show is stale too. */
const STORED_COPY_MOVED = new Set(["CONFLICT", "NOT_FOUND"]);

export const createQueryClient = () => {
  const client: QueryClient = new QueryClient({
    // Every mutation, declared nowhere else: when it lands, what it changed is fetched again
    // before `mutateAsync` resolves (TanStack awaits these), so a dialog closing after a save
    // shows the saved state.
    mutationCache: new MutationCache({
      onSuccess: (_data, variables, _context, mutation) => {
        const path = mutationPath(mutation.options.mutationKey);
        return path ? refreshAfter(client, path, variables) : undefined;
      },
      onError: (error, variables, _context, mutation) => {
        const code = (error as { data?: { code?: string } } | null)?.data?.code;
        const path = mutationPath(mutation.options.mutationKey);
        return path && code && STORED_COPY_MOVED.has(code)
          ? refreshAfter(client, path, variables)
          : undefined;
      },
    }),
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
  return client;
};
