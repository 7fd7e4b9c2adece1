/**
 * Structured JSON logs (pino). Secrets never reach a log line: known secret
 * fields are redacted, and URLs with passwords are redacted where they are logged.
 */
import pino from "pino";

const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info");

// Logs go to stderr so that command output (the admin CLI's JSON) stays clean on stdout.
export const logger = pino(
  {
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
  },
  pino.destination({ dest: 2, sync: false }),
);

export type Logger = pino.Logger;
