/** The assistant's answer as the chat.stream subscription sends it over real HTTP (chat*.int tests). */
import type { httpClient } from "./live-support";

/** One event of chat.stream; `done` carries the stored answer (`message`, typed by the test as M). */
export type StreamEvent<M> = { event: string; data: Record<string, unknown> & { message?: M } };

/**
 * The chat.stream subscription's events, in order; `onEvent` runs for each, one after another.
 * Aborting `signal` closes the stream (the client goes away) and ends the list there.
 */
export function streamEvents<M>(
  client: ReturnType<typeof httpClient>,
  target: { orgSlug: string; messageId: string },
  opts: { signal?: AbortSignal; onEvent?: (ev: StreamEvent<M>) => void | Promise<void> } = {},
): Promise<StreamEvent<M>[]> {
  const out: StreamEvent<M>[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  return new Promise<StreamEvent<M>[]>((resolve, reject) => {
    const sub = client.chat.stream.subscribe(target, {
      onData: (value) => {
        const { type, ...data } = value;
        const ev = { event: type, data } as StreamEvent<M>;
        out.push(ev);
        chain = chain.then(() => opts.onEvent?.(ev));
      },
      onError: (err) => reject(err),
      onComplete: () => void chain.then(() => resolve(out), reject),
    });
    opts.signal?.addEventListener("abort", () => {
      sub.unsubscribe();
      void chain.then(() => resolve(out), reject);
    });
  });
}

/** The stored answer the `done` event carries. */
export const doneOf = <M>(evs: StreamEvent<M>[]): M => evs.find((e) => e.event === "done")!.data.message!;

/** The answer's text as the `delta` events streamed it. */
export const textOf = (evs: StreamEvent<unknown>[]): string =>
  evs
    .filter((e) => e.event === "delta")
    .map((e) => String(e.data.text))
    .join("");
