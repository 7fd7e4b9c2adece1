import { afterEach, describe, expect, it, vi } from "vitest";
import { historyFor, itemStep, markItemEntry, onItemEntry } from "./url-state";

/** A window whose screen is (or is not) phone-sized, with a one-entry history (node has no window). */
function fakeWindow(phone: boolean) {
  let state: Record<string, unknown> | null = { __NA: true };
  const replaceState = vi.fn((next: Record<string, unknown> | null) => {
    state = next;
  });
  vi.stubGlobal("window", {
    history: {
      get state() {
        return state;
      },
      replaceState,
    },
    matchMedia: () => ({ matches: phone }),
  });
  return { replaceState, state: () => state };
}

afterEach(() => vi.unstubAllGlobals());

describe("historyFor: a filter change", () => {
  it.each([
    { phone: false, step: true, history: "push" },
    { phone: false, step: false, history: "replace" },
    { phone: true, step: true, history: "replace" },
    { phone: true, step: false, history: "replace" },
  ])("phone=$phone, a step=$step: $history", ({ phone, step, history }) => {
    fakeWindow(phone);
    expect(historyFor(step)).toBe(history);
  });
});

describe("itemStep: opening an item and Back", () => {
  it.each([
    {
      phone: false,
      step: { history: "push", mark: true },
      why: "desktop: an entry of its own, so Back closes it",
    },
    {
      phone: true,
      step: { history: "replace", mark: false },
      why: "phone: replaced (the full-screen editor keeps its own Back entry)",
    },
  ])("$why", ({ phone, step }) => {
    fakeWindow(phone);
    expect(itemStep(12, false)).toEqual(step);
  });

  it("closing from inside steps back out of the entry opening pushed (Back never reopens it)", () => {
    fakeWindow(false);
    expect(itemStep(null, true)).toBe("back");
  });

  it("switching to another item while one is open replaces its entry, still marked", () => {
    fakeWindow(false);
    expect(itemStep(13, true)).toEqual({ history: "replace", mark: true });
  });

  it("a deep link (no entry of ours) closes by replacing the URL, not by leaving the page", () => {
    fakeWindow(false);
    expect(itemStep(null, false)).toEqual({ history: "replace", mark: false });
  });

  it("marks the current entry, keeping the router's state", () => {
    const tab = fakeWindow(false);
    expect(onItemEntry()).toBe(false);
    markItemEntry();
    expect(tab.state()).toEqual({ __NA: true, braidmgrItem: true });
    expect(onItemEntry()).toBe(true);
  });
});
