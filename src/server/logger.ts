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

type LogArgs = [obj: unknown, msg?: string, ...rest: unknown[]];
type LogLevel = "debug" | "info" | "warn" | "error";

/** The logging calls request code makes. */
export type LogMethods = Record<LogLevel, (...args: LogArgs) => void>;

/**
 * A request's logger, tagged with its correlation id. The pino child is made
 * on the first call only: most requests log nothing at the default level, and
 * a child per request costs an allocation and a serialisation of its bindings.
 */
class RequestLogger implements LogMethods {
  private child: Logger | undefined;

  constructor(private readonly correlationId: string) {}

  private write(level: LogLevel, args: LogArgs): void {
    if (!logger.isLevelEnabled(level)) return;
    const child = (this.child ??= logger.child({ correlationId: this.correlationId }));
    (child[level] as (...a: LogArgs) => void).apply(child, args);
  }

  debug(...args: LogArgs): void {
    this.write("debug", args);
  }
  info(...args: LogArgs): void {
    this.write("info", args);
  }
  warn(...args: LogArgs): void {
    this.write("warn", args);
  }
  error(...args: LogArgs): void {
    this.write("error", args);
  }
}

export function requestLogger(correlationId: string): LogMethods {
  return new RequestLogger(correlationId);
}
