/**
 * Structured JSON logs (pino). Secrets never reach a log line: known secret
 * fields are redacted, and URLs with passwords are redacted where they are logged.
 */
import pino from "pino";

const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info");

export const logger = pino({
  level,
  base: { app: "braidmgr" },
  redact: {
    paths: [
      "password",
      "*.password",
      "*.passwordHash",
      "*.token",
      "*.secret",
      "*.clientSecret",
      "*.apiKey",
      "headers.cookie",
      "headers.authorization",
      "*.headers.cookie",
      "*.headers.authorization",
    ],
    censor: "[redacted]",
  },
});

export type Logger = pino.Logger;
