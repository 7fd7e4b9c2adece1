import { z } from "zod";

const sessionId = z.uuid({ error: "Not a conversation id" });
/** The session's project; null = an org-wide conversation. */
const chatProjectId = z.uuid({ error: "Not a project id" }).nullable().optional();

export const ZChatCreate = z.object({
  projectId: chatProjectId,
  title: z.string().trim().max(200, "Use at most 200 characters").optional(),
});

export const ZChatSend = z.object({
  /** Continue this conversation; without it a new one starts (in `projectId`, or org-wide). */
  sessionId: sessionId.optional(),
  projectId: chatProjectId,
  message: z.string().trim().min(1, "Type a question").max(8_000, "Keep questions under 8,000 characters"),
});
export type TChatSend = z.infer<typeof ZChatSend>;

export const ZChatSessions = z.object({
  /** A project's conversations; null: the org-wide ones; left out: all of them. */
  projectId: chatProjectId,
  limit: z.number().int().min(1).max(100).optional(),
});

export const ZChatSessionRef = z.object({ sessionId });

export const ZChatRename = z.object({
  sessionId,
  title: z.string().trim().min(1, "Enter a title").max(200, "Use at most 200 characters"),
});

export const ZChatMessageRef = z.object({ messageId: z.uuid({ error: "Not a message id" }) });

/** chat.ask: a question, or `regenerate` to answer a conversation's last question again. */
export const ZChatAsk = z
  .object({
    sessionId: sessionId.optional(),
    projectId: chatProjectId,
    message: z.string().trim().max(8_000, "Keep questions under 8,000 characters").default(""),
    regenerate: z.boolean().optional(),
  })
  .refine((v) => (v.regenerate ? !!v.sessionId : v.message.length > 0), {
    error: "Type a question",
    path: ["message"],
  });

/** chat.stream: the answer chat.ask prepared (tRPC adds `lastEventId` when it reconnects). */
export const ZChatStream = z.object({
  messageId: z.uuid({ error: "Not a message id" }),
  lastEventId: z.string().max(100).nullish(),
});
