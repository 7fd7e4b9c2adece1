import { describe, expect, it } from "vitest";
import { effectiveBudget, keyLast4, publicAiConfig, readAiConfig } from "./ai-settings";

describe("effectiveBudget", () => {
  it.each([
    [null, 1000, false, 1000],
    [null, 1000, true, 1000],
    [500, 1000, false, 500],
    [5000, 1000, false, 1000], // on the server's key: never above the server's
    [5000, 1000, true, 5000], // own key or own server: the org decides
    [0, 1000, true, 0],
  ])("org %j, server %j, own key %j → %j", (org, server, own, want) => {
    expect(effectiveBudget(org, server, own)).toBe(want);
  });
});

describe("keys and stored config", () => {
  it.each([
    ["sk-abcdefghijkl1234", "1234"],
    ["short-key", null],
  ])("keyLast4(%j) = %j", (key, want) => expect(keyLast4(key)).toBe(want));

  it("reads only a well-formed `ai` entry; the public view drops the ciphertext", () => {
    const ai = {
      provider: "openai",
      model: "m",
      baseUrl: "https://x/v1",
      apiKeyEncrypted: "v1.a.b.c",
      apiKeyLast4: "1234",
      orgDailyTokens: null,
      userDailyTokens: 10,
    };
    expect(readAiConfig({ ai })).toEqual(ai);
    expect(readAiConfig({ ai: { provider: "other" } })).toBeNull();
    expect(readAiConfig(null)).toBeNull();
    const pub = publicAiConfig(readAiConfig({ ai })!);
    expect(pub).toMatchObject({ hasApiKey: true, apiKeyLast4: "1234" });
    expect(JSON.stringify(pub)).not.toContain("v1.a.b.c");
  });
});
