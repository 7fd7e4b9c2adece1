import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./errors";

const sockErr = (code: string) =>
  Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: "connect" });
const pgErr = (code: string, message: string) =>
  Object.assign(new Error(message), { code, severity: "FATAL" });
/** How Prisma's driver adapter wraps what node-postgres threw. */
const prismaWrapped = (cause: object) =>
  Object.assign(new Error("Invalid invocation"), { code: "P2010", meta: { driverAdapterError: { cause } } });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["connection refused (server down)", sockErr("ECONNREFUSED")],
    ["connection reset", sockErr("ECONNRESET")],
    ["57P01 admin shutdown", pgErr("57P01", "terminating connection due to administrator command")],
    ["57P03 cannot connect now", pgErr("57P03", "the database system is starting up")],
    ["08006 connection failure", pgErr("08006", "connection failure")],
    ["pg: Connection terminated unexpectedly", new Error("Connection terminated unexpectedly")],
    ["pg: timeout while connecting", new Error("timeout exceeded when trying to connect")],
    [
      "Prisma P1001",
      Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" }),
    ],
    ["Prisma P1017", Object.assign(new Error("Server has closed the connection."), { code: "P1017" })],
    [
      "adapter kind DatabaseNotReachable",
      prismaWrapped({ kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 }),
    ],
    ["adapter kind ConnectionClosed", prismaWrapped({ kind: "ConnectionClosed" })],
    ["adapter postgres 57P01", prismaWrapped({ kind: "postgres", code: "57P01", originalCode: "57P01" })],
    [
      "wrapped in a cause chain",
      new Error("procedure failed", { cause: new Error("x", { cause: sockErr("ECONNREFUSED") }) }),
    ],
    [
      "AggregateError of refusals (IPv4 and IPv6)",
      Object.assign(new AggregateError([sockErr("ECONNREFUSED")], ""), {}),
    ],
  ])("%s → unavailable", (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ["unique violation", prismaWrapped({ kind: "UniqueConstraintViolation" })],
    ["23505 in the driver", pgErr("23505", "duplicate key value violates unique constraint")],
    ["22P02 invalid text", pgErr("22P02", "invalid input syntax for type uuid")],
    [
      "read-only database (moves: its own 503)",
      pgErr("25006", "cannot execute UPDATE in a read-only transaction"),
    ],
    ["a plain bug", new TypeError("Cannot read properties of undefined")],
    ["not an error", "ECONNREFUSED"],
    ["null", null],
  ])("%s → not unavailable", (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });

  it("stops on cyclic causes", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    const b = new Error("b", { cause: a });
    a.cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
