/** The shapes of an assistant turn: what is asked, with which settings, and the events of its answer. */
import type { ChatMode, ChatScope } from "@/domain/assistant";
import type { IsoDate } from "@/domain/types";
import type { ChatLimits } from "./limits";
import type { ModelSettings } from "./model";
import type { ChatMessageDto } from "./sessions";

export type ChatEvent =
  | ({ type: "start" } & PreparedTurn)
  | { type: "tool"; name: string }
  | { type: "delta"; text: string }
  | { type: "done"; message: ChatMessageDto };

export type TurnInput = {
  /** Continue this session; without it a new session is created. */
  sessionId?: string;
  /** For a new session: its project (null = org-wide). */
  projectId?: string | null;
  message: string;
};

export type TurnDeps = {
  today: IsoDate;
  limits: ChatLimits;
  /** Null → offline mode. */
  model: ModelSettings | null;
  /** Stream the model's answer (chat.stream) or fetch it whole (chat.send). */
  stream: boolean;
  /** Aborts the turn (client disconnected); the answer is stored as stopped. */
  signal?: AbortSignal;
  /** How often to look for a stop requested from another app instance (ms). */
  stopPollMs?: number;
};

/** A question stored and accepted; its answer is still to be written. */
export type PreparedTurn = {
  sessionId: string;
  userMessageId: string;
  assistantMessageId: string;
  scope: ChatScope;
  mode: ChatMode;
  /** Projects in scope for this question. */
  projects: { id: string; name: string }[];
};

export type Turn = PreparedTurn & { events: AsyncGenerator<ChatEvent, void, undefined> };
