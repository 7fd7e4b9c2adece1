"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { FolderKanban, Search, SearchX } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { PageContainer, PageHeader } from "@/components/page-header";
import { QueryError } from "@/components/query-error";
import { IndicatorBadge, TypeBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SearchInput } from "@/components/ui/field";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { plural } from "@/lib/format";
import { api } from "@/trpc/react";
import { Highlighted } from "./highlighted";

const MATCHED_IN: Record<string, string> = {
  title: "Title",
  description: "Description",
  note: "Note",
  attachment: "Attachment",
  number: "Item number",
};

export function SearchView({ orgSlug }: { orgSlug: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const q = (searchParams.get("q") ?? "").trim().slice(0, 200);
  const [draft, setDraft] = useState(q);
  const [prevQ, setPrevQ] = useState(q);
  if (q !== prevQ) {
    setPrevQ(q);
    setDraft(q);
  }
  const search = api.search.query.useQuery(
    { orgSlug, q, limit: 100 },
    { enabled: q.length > 0, placeholderData: keepPreviousData },
  );
  const count = search.data?.groups.reduce((n, g) => n + g.items.length, 0) ?? 0;

  return (
    <PageContainer className="max-w-5xl">
      <PageHeader
        title="Search"
        description="Titles, descriptions, notes and attachment names across all your projects. Type #12 to find item 12."
      />
      <form
        role="search"
        className="mt-6 flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const term = draft.trim();
          router.replace(term ? `${pathname}?q=${encodeURIComponent(term)}` : pathname);
        }}
      >
        <SearchInput
          id="search-page-input"
          label="Search all projects"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="Search items, notes, attachments…"
          maxLength={200}
          autoFocus={!q}
          className="flex-1"
        />
        <Button type="submit" loading={search.isFetching && q.length > 0}>
          Search
        </Button>
      </form>

      <div className="mt-6" aria-live="polite">
        {!q ? (
          <EmptyState icon={Search} title="Search everything you can see">
            Enter a word or two — matches are found as prefixes, so &ldquo;migr&rdquo; finds
            &ldquo;migration&rdquo;.
          </EmptyState>
        ) : search.isPending ? (
          <LoadingRegion label="Searching" className="flex flex-col gap-3">
            {[0, 1].map((g) => (
              <div key={g} className="rounded-xl border border-slate-200 bg-white p-4">
                <Skeleton className="h-5 w-48" />
                {[0, 1, 2].map((i) => (
                  <div key={i} className="mt-4 flex flex-col gap-2">
                    <Skeleton className="h-4 w-2/3" />
                    <Skeleton className="h-3 w-full" />
                  </div>
                ))}
              </div>
            ))}
          </LoadingRegion>
        ) : search.isError ? (
          <QueryError error={search.error} what="search results" onRetry={() => void search.refetch()} />
        ) : count === 0 ? (
          <EmptyState icon={SearchX} title={`No results for “${q}”`}>
            Check the spelling, try fewer or shorter words, or search for an item number such as #12.
          </EmptyState>
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-600">
              {plural(count, "result")} in {plural(search.data!.groups.length, "project")}
              {search.data!.total > count && ` (showing the best ${count} of ${search.data!.total})`}
            </p>
            <div className="flex flex-col gap-4">
              {search.data!.groups.map((g) => (
                <section
                  key={g.projectId}
                  aria-labelledby={`sg-${g.projectId}`}
                  className="overflow-hidden rounded-xl border border-slate-200 bg-white"
                >
                  <h2
                    id={`sg-${g.projectId}`}
                    className="flex items-center gap-2 border-b border-slate-100 bg-slate-50 px-4 py-2.5 text-sm font-semibold text-slate-900"
                  >
                    <FolderKanban className="size-4 text-slate-600" aria-hidden="true" />
                    <Link
                      href={`/o/${orgSlug}/p/${g.projectId}/dashboard`}
                      className="truncate hover:underline"
                    >
                      {g.projectName}
                    </Link>
                    <span className="ml-auto font-normal text-slate-600">
                      {plural(g.items.length, "match", "matches")}
                    </span>
                  </h2>
                  <ul className="divide-y divide-slate-100">
                    {g.items.map((it) => (
                      <li key={it.itemNum}>
                        <Link
                          href={`/o/${orgSlug}/p/${g.projectId}?item=${it.itemNum}`}
                          className="block px-4 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600"
                        >
                          <div className="flex flex-wrap items-center gap-2">
                            <span className="font-mono text-sm text-slate-600">#{it.itemNum}</span>
                            <span className="min-w-0 font-medium break-words text-slate-900">{it.title}</span>
                          </div>
                          <p className="mt-1 text-sm break-words text-slate-700">
                            <span className="mr-1.5 text-xs font-medium text-slate-500 uppercase">
                              {MATCHED_IN[it.matchedIn] ?? it.matchedIn}:
                            </span>
                            <Highlighted text={it.snippet} />
                          </p>
                          <div className="mt-2 flex flex-wrap items-center gap-2">
                            <TypeBadge type={it.type} />
                            <IndicatorBadge indicator={it.indicator} />
                          </div>
                        </Link>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </div>
          </>
        )}
      </div>
    </PageContainer>
  );
}
