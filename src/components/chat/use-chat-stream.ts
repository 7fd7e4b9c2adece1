"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { api, type RouterOutputs } from "@/trpc/react";
import { readSse } from "@/lib/sse";

export type ChatMessage = RouterOutputs["chat"]["history"]["messages"][number];
export type ChatScopeInfo = { scope: "project" | "all"; mode: "online" | "offline"; projects: { id: string; name: string }[] };

export type StreamState = {
  streaming: boolean;
  /** The question being answered (shown until history has it). */
  question: string | null;
  /** Answer text received so far. */
  text: string;
  /** The tool the assistant is using right now. */
  tool: string | null;
  assistantMessageId: string | null;
  info: ChatScopeInfo | null;
  error: string | null;
};

const IDLE: StreamState = { streaming: false, question: null, text: "", tool: null, assistantMessageId: null, info: null, error: null };

type Body = { sessionId?: string; projectId?: string | null; message?: string; regenerate?: boolean };

/**
 * Sends a question to /api/chat/stream and follows the SSE answer. `stop`
 * asks the server to stop (chat.stop, so it works from any instance) and the
 * stream then ends with the stored, stopped answer; leaving the page aborts
 * the request, which stops the answer too.
 */
export function useChatStream(opts: { orgSlug: string; onDone: (sessionId: string, message: ChatMessage | null) => void }) {
  const [state, setState] = useState<StreamState>(IDLE);
  const abortRef = useRef<AbortController | null>(null);
  const idRef = useRef<string | null>(null);
  const stopMutation = api.chat.stop.useMutation();
  const onDoneRef = useRef(opts.onDone);
  useEffect(() => {
    onDoneRef.current = opts.onDone;
  });
  useEffect(() => () => abortRef.current?.abort(), []);

  const send = useCallback(
    async (body: Body) => {
      if (abortRef.current) return;
      const controller = new AbortController();
      abortRef.current = controller;
      idRef.current = null;
      setState({ ...IDLE, streaming: true, question: body.regenerate ? null : (body.message ?? null) });
      let sessionId: string | null = null;
      let final: ChatMessage | null = null;
      try {
        const res = await fetch("/api/chat/stream", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ orgSlug: opts.orgSlug, ...body }),
          signal: controller.signal,
        });
        if (!res.ok || !res.body) {
          const err = (await res.json().catch(() => null)) as { error?: { message?: string; code?: string } } | null;
          const message =
            res.status === 401
              ? "Your session has ended. Please sign in again."
              : (err?.error?.message ?? "The assistant could not answer. Please try again.");
          setState((s) => ({ ...s, streaming: false, error: message }));
          return;
        }
        for await (const ev of readSse(res.body)) {
          const data = JSON.parse(ev.data) as Record<string, unknown>;
          if (ev.event === "start") {
            sessionId = String(data.sessionId);
            idRef.current = String(data.assistantMessageId);
            setState((s) => ({
              ...s,
              assistantMessageId: idRef.current,
              info: { scope: data.scope as "project" | "all", mode: data.mode as "online" | "offline", projects: data.projects as ChatScopeInfo["projects"] },
            }));
          } else if (ev.event === "tool") {
            setState((s) => ({ ...s, tool: String(data.name) }));
          } else if (ev.event === "delta") {
            const text = String(data.text);
            setState((s) => ({ ...s, tool: null, text: s.text + text }));
          } else if (ev.event === "done") {
            final = data.message as ChatMessage;
          } else if (ev.event === "error") {
            setState((s) => ({ ...s, error: String(data.message ?? "The assistant stopped unexpectedly.") }));
          }
        }
      } catch (err) {
        if (!controller.signal.aborted) {
          setState((s) => ({ ...s, error: "The connection to the assistant was lost. What arrived so far is saved." }));
        }
        void err;
      } finally {
        abortRef.current = null;
        setState((s) => ({ ...s, streaming: false, tool: null }));
        // Only a turn that started has something stored to show; refusals keep their error visible.
        if (sessionId) onDoneRef.current(sessionId, final);
      }
    },
    [opts.orgSlug],
  );

  const stop = useCallback(() => {
    const id = idRef.current;
    if (id) {
      stopMutation.mutate(
        { orgSlug: opts.orgSlug, messageId: id },
        // If the server cannot be asked, dropping the connection stops the answer as well.
        { onError: () => abortRef.current?.abort() },
      );
    } else {
      abortRef.current?.abort();
    }
  }, [opts.orgSlug, stopMutation]);

  /** Back to idle; `keepError` leaves an error message visible (e.g. after a lost connection). */
  const reset = useCallback((keepError = false) => setState((s) => (keepError ? { ...IDLE, error: s.error } : IDLE)), []);

  return { state, send, stop, reset };
}
