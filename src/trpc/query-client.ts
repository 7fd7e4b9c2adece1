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
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
