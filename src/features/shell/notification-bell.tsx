"use client";

import { AlarmClock, AtSign, Bell, CheckCheck, Flame, UserPlus } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Popover } from "@/components/ui/popover";
import { RelativeTime } from "@/components/ui/relative-time";
import { cn } from "@/lib/cn";
import { api, type RouterOutputs } from "@/trpc/react";

type Item = RouterOutputs["notification"]["list"]["items"][number];

const ICON = { assigned: UserPlus, mentioned: AtSign, critical: Flame, "due-tomorrow": AlarmClock } as const;

/** Where a notification leads: the item, opened in the project's item list. */
export function notificationHref(n: Pick<Item, "orgSlug" | "projectId" | "itemNum">): string {
  if (!n.projectId) return `/o/${n.orgSlug}`;
  return `/o/${n.orgSlug}/p/${n.projectId}${n.itemNum ? `?item=${n.itemNum}` : ""}`;
}

/** The header bell: unread count (checked every minute), the newest notifications, "Mark all read". */
export function NotificationBell() {
  const router = useRouter();
  const list = api.notification.list.useQuery(undefined, {
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
  const markRead = api.notification.markRead.useMutation();
  const unread = list.data?.unread ?? 0;
  const label = `Notifications, ${unread} unread`;

  const open = (n: Item, close: () => void) => {
    close();
    if (!n.read) markRead.mutate({ ids: [n.id] });
    router.push(notificationHref(n));
  };

  return (
    <Popover
      align="end"
      triggerLabel={label}
      triggerClassName="relative inline-flex size-11 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100"
      trigger={
        <>
          <Bell className="size-5" aria-hidden="true" />
          {unread > 0 && (
            <span
              aria-hidden="true"
              data-testid="notification-count"
              className="absolute top-1.5 right-1 min-w-5 rounded-full bg-red-700 px-1 text-center text-[11px] leading-5 font-semibold text-white"
            >
              {unread > 99 ? "99+" : unread}
            </span>
          )}
        </>
      }
      panelClassName="w-[min(24rem,calc(100vw-4rem))] p-0"
    >
      {(close) => (
        <div
          className="flex max-h-[min(32rem,calc(100dvh-5rem))] flex-col"
          aria-label="Notifications"
          role="region"
        >
          <div className="flex items-center justify-between gap-2 border-b border-slate-100 px-3 py-2">
            <h2 className="text-sm font-semibold text-slate-900">Notifications</h2>
            <button
              type="button"
              disabled={unread === 0 || markRead.isPending}
              onClick={() => markRead.mutate({ all: true })}
              className="inline-flex min-h-9 items-center gap-1.5 rounded-lg px-2 text-sm font-medium text-blue-800 hover:bg-blue-50 disabled:text-slate-400 disabled:hover:bg-transparent"
            >
              <CheckCheck className="size-4" aria-hidden="true" />
              Mark all read
            </button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto p-1.5">
            {list.isPending ? (
              <p className="px-2.5 py-3 text-sm text-slate-600">Loading…</p>
            ) : list.isError ? (
              <p className="px-2.5 py-3 text-sm text-red-800">Notifications could not be loaded.</p>
            ) : !list.data.items.length ? (
              <p className="px-2.5 py-6 text-center text-sm text-slate-600">
                Nothing yet. You will hear about items assigned to you, mentions, items turning critical and
                what is due tomorrow.
              </p>
            ) : (
              <ul className="flex flex-col">
                {list.data.items.map((n) => {
                  const Icon = ICON[n.kind] ?? Bell;
                  return (
                    <li key={n.id}>
                      <button
                        type="button"
                        onClick={() => open(n, close)}
                        className={cn(
                          "flex w-full items-start gap-2.5 rounded-lg px-2.5 py-2 text-left hover:bg-slate-100 focus-visible:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600",
                          !n.read && "bg-blue-50/70",
                        )}
                      >
                        <Icon
                          className={cn(
                            "mt-0.5 size-4 shrink-0",
                            n.kind === "critical" ? "text-red-700" : "text-slate-600",
                          )}
                          aria-hidden="true"
                        />
                        <span className="min-w-0 flex-1">
                          <span className={cn("block text-sm text-slate-900", !n.read && "font-semibold")}>
                            {n.title}
                          </span>
                          <span className="mt-0.5 block text-xs text-slate-600">
                            {[n.projectName, n.orgName].filter(Boolean).join(" · ")} ·{" "}
                            <RelativeTime value={n.createdAt} />
                          </span>
                        </span>
                        {!n.read && (
                          <span
                            className="mt-1.5 size-2 shrink-0 rounded-full bg-blue-700"
                            aria-label="unread"
                          />
                        )}
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
          <div className="border-t border-slate-100 px-3 py-2">
            <Link
              href="/profile#notifications"
              onClick={close}
              className="text-sm text-blue-800 underline-offset-2 hover:underline"
            >
              Notification settings
            </Link>
          </div>
        </div>
      )}
    </Popover>
  );
}
