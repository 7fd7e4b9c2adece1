"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { errorInfo } from "@/lib/trpc-error";
import { api, type RouterOutputs } from "@/trpc/react";

export type ChatMessage = RouterOutputs["chat"]["history"]["messages"][number];
export type ChatScopeInfo = {
  scope: "project" | "all";
  mode: "online" | "offline";
  projects: { id: string; name: string }[];
};

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

const IDLE: StreamState = {
  streaming: false,
  question: null,
  text: "",
  tool: null,
  assistantMessageId: null,
  info: null,
  error: null,
};

type Body = { sessionId?: string; projectId?: string | null; message?: string; regenerate?: boolean };

/**
 * Asks the assistant (chat.ask stores the question after every check) and
 * follows the answer through the chat.stream subscription (Server-Sent Events
 * via tRPC's httpSubscriptionLink). `stop` asks the server to stop (chat.stop,
 * so it works from any instance) and the stream then ends with the stored,
 * stopped answer; leaving the page closes the stream, which stops the answer too.
 */
export function useChatStream(opts: {
  orgSlug: string;
  onDone: (sessionId: string, message: ChatMessage | null) => void;
}) {
  const utils = api.useUtils();
  const [state, setState] = useState<StreamState>(IDLE);
  /** The turn in progress: `cancel` ends the stream (or, before it started, skips it). */
  const turnRef = useRef<{ cancel: () => void } | null>(null);
  const idRef = useRef<string | null>(null);
  const stopMutation = api.chat.stop.useMutation();
  const onDoneRef = useRef(opts.onDone);
  useEffect(() => {
    onDoneRef.current = opts.onDone;
  });
  useEffect(() => () => turnRef.current?.cancel(), []);

  const send = useCallback(
    async (body: Body) => {
      if (turnRef.current) return;
      let cancelled = false;
      let endStream = () => {};
      turnRef.current = {
        cancel: () => {
          cancelled = true;
          endStream();
        },
      };
      idRef.current = null;
      setState({ ...IDLE, streaming: true, question: body.regenerate ? null : (body.message ?? null) });
      let sessionId: string | null = null;
      let final: ChatMessage | null = null;
      try {
        let asked: RouterOutputs["chat"]["ask"];
        try {
          asked = await utils.client.chat.ask.mutate({ orgSlug: opts.orgSlug, ...body });
        } catch (err) {
          const info = errorInfo(err);
          const message =
            info.fieldErrors.message?.[0] ??
            (info.code ? info.message : "The assistant could not answer. Please try again.");
          setState((s) => ({ ...s, error: message }));
          return;
        }
        sessionId = asked.sessionId;
        idRef.current = asked.assistantMessageId;
        setState((s) => ({
          ...s,
          assistantMessageId: asked.assistantMessageId,
          info: { scope: asked.scope, mode: asked.mode, projects: asked.projects },
        }));
        if (cancelled) {
          // Stopped before the answer started: it is stored as stopped, never written.
          await utils.client.chat.stop
            .mutate({ orgSlug: opts.orgSlug, messageId: asked.assistantMessageId })
            .catch(() => {});
          return;
        }
        await new Promise<void>((resolve) => {
          const sub = utils.client.chat.stream.subscribe(
            { orgSlug: opts.orgSlug, messageId: asked.assistantMessageId },
            {
              onData: (ev) => {
                if (ev.type === "start") {
                  setState((s) => ({
                    ...s,
                    info: { scope: ev.scope, mode: ev.mode, projects: ev.projects },
                  }));
                } else if (ev.type === "tool") {
                  setState((s) => ({ ...s, tool: ev.name }));
                } else if (ev.type === "delta") {
                  setState((s) => ({ ...s, tool: null, text: s.text + ev.text }));
                } else if (ev.type === "done") {
                  final = ev.message;
                }
              },
              onError: (err) => {
                const info = errorInfo(err);
                setState((s) => ({
                  ...s,
                  error:
                    info.code && info.code !== "INTERNAL_SERVER_ERROR"
                      ? info.message
                      : "The connection to the assistant was lost. What arrived so far is saved.",
                }));
                resolve();
              },
              onComplete: () => resolve(),
            },
          );
          endStream = () => {
            sub.unsubscribe();
            resolve();
          };
          if (cancelled) endStream();
        });
      } finally {
        turnRef.current = null;
        setState((s) => ({ ...s, streaming: false, tool: null }));
        // Only a turn that started has something stored to show; refusals keep their error visible.
        if (sessionId) onDoneRef.current(sessionId, final);
      }
    },
    [opts.orgSlug, utils],
  );

  const stop = useCallback(() => {
    const id = idRef.current;
    if (id) {
      stopMutation.mutate(
        { orgSlug: opts.orgSlug, messageId: id },
        // If the server cannot be asked, closing the stream stops the answer as well.
        { onError: () => turnRef.current?.cancel() },
      );
    } else {
      turnRef.current?.cancel();
    }
  }, [opts.orgSlug, stopMutation]);

  /** Back to idle; `keepError` leaves an error message visible (e.g. after a lost connection). */
  const reset = useCallback(
    (keepError = false) => setState((s) => (keepError ? { ...IDLE, error: s.error } : IDLE)),
    [],
  );

  return { state, send, stop, reset };
}
