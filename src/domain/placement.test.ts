import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { chooseCluster, type PlacementMode } from "./placement";
import { isOrgReadOnly, readMaintenance } from "./org-maintenance";

const clusters = ["default", "eu-1", "us-1"];

describe("chooseCluster", () => {
  it.each<
    [
      string,
      { requested?: string; mode: PlacementMode; defaultCluster?: string; load?: Record<string, number> },
      string,
      string,
    ]
  >([
    [
      "an operator's choice wins over any default",
      { requested: "us-1", mode: "fixed", defaultCluster: "eu-1" },
      "us-1",
      "requested",
    ],
    [
      "an operator's choice wins over the load",
      { requested: "default", mode: "least-loaded", load: { default: 9 } },
      "default",
      "requested",
    ],
    ["fixed: the configured default cluster", { mode: "fixed", defaultCluster: "eu-1" }, "eu-1", "fixed"],
    ["fixed: the central server by default", { mode: "fixed" }, "default", "fixed"],
    ["fixed ignores the load", { mode: "fixed", load: { default: 50, "eu-1": 0 } }, "default", "fixed"],
    [
      "least-loaded: the fewest org databases",
      { mode: "least-loaded", load: { default: 3, "eu-1": 1, "us-1": 2 } },
      "eu-1",
      "least-loaded",
    ],
    [
      "least-loaded: a cluster with none counts as 0",
      { mode: "least-loaded", load: { default: 3, "eu-1": 1 } },
      "us-1",
      "least-loaded",
    ],
    [
      "least-loaded: ties go to the first listed",
      { mode: "least-loaded", load: { default: 2, "eu-1": 1, "us-1": 1 } },
      "eu-1",
      "least-loaded",
    ],
    ["least-loaded: all empty → default", { mode: "least-loaded", load: {} }, "default", "least-loaded"],
  ])("%s", (_name, opts, clusterKey, how) => {
    expect(
      chooseCluster({
        clusters,
        defaultCluster: opts.defaultCluster ?? "default",
        load: opts.load ?? {},
        ...opts,
      }),
    ).toEqual({ clusterKey, how });
  });

  it("refuses an unknown cluster with a field error on clusterKey", () => {
    let err: unknown;
    try {
      chooseCluster({ clusters, requested: "mars", mode: "fixed", defaultCluster: "default", load: {} });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      code: "INVALID",
      fieldErrors: { clusterKey: [expect.stringMatching(/mars.*default, eu-1, us-1/)] },
    });
  });
});

describe("org maintenance flag", () => {
  it.each<[unknown, boolean]>([
    [{}, false],
    [null, false],
    ["junk", false],
    [{ maintenance: null }, false],
    [{ maintenance: { readOnly: false } }, false],
    [{ maintenance: { readOnly: "true" } }, false],
    [{ maintenance: { readOnly: true, reason: "moving", since: "2026-01-01T00:00:00.000Z" } }, true],
    [{ sso: { enabled: true }, maintenance: { readOnly: true } }, true],
  ])("settings %j → read-only %s", (settings, readOnly) => {
    expect(isOrgReadOnly(settings)).toBe(readOnly);
  });

  it("reads the start time", () => {
    expect(
      readMaintenance({
        maintenance: { readOnly: true, reason: "moving", since: "2026-01-01T00:00:00.000Z" },
      }),
    ).toEqual({
      readOnly: true,
      reason: "moving",
      since: "2026-01-01T00:00:00.000Z",
    });
  });
});
