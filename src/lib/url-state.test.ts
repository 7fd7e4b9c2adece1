import { afterEach, describe, expect, it, vi } from "vitest";
import { pushSearchParams, setItemParam } from "./url-state";

type Entry = { state: Record<string, unknown> | null; url: string };

/** A browser history of one tab, enough for the URL-state helpers (node has no window). */
function fakeWindow({ phone, start }: { phone: boolean; start: Entry }) {
  const entries: Entry[] = [start];
  let at = 0;
  const history = {
    get state() {
      return entries[at]!.state;
    },
    pushState(state: Record<string, unknown> | null, _: string, url: string) {
      entries.splice(at + 1, entries.length, { state, url });
      at += 1;
    },
    replaceState(state: Record<string, unknown> | null, _: string, url: string) {
      entries[at] = { state, url };
    },
    back() {
      if (at > 0) at -= 1;
    },
  };
  vi.stubGlobal("window", { history, matchMedia: () => ({ matches: phone }) });
  return { entries, current: () => entries[at]!, depth: () => at + 1 };
}

afterEach(() => vi.unstubAllGlobals());

const list = "/o/acme/p/1/items";

describe("setItemParam: opening an item and Back", () => {
  it.each([
    { phone: false, depth: 2, why: "desktop: a history entry of its own, so Back closes the item" },
    { phone: true, depth: 1, why: "phone: replaced (the full-screen editor keeps its own Back entry)" },
  ])("$why", ({ phone, depth }) => {
    const tab = fakeWindow({ phone, start: { state: null, url: `${list}?open=1` } });
    setItemParam(list, new URLSearchParams("open=1"), 12);
    expect(tab.current().url).toBe(`${list}?open=1&item=12`);
    expect(tab.depth()).toBe(depth);
  });

  it("closing from inside steps back out of the entry opening pushed (Back never reopens it)", () => {
    const tab = fakeWindow({ phone: false, start: { state: null, url: `${list}?open=1` } });
    setItemParam(list, new URLSearchParams("open=1"), 12);
    setItemParam(list, new URLSearchParams("open=1&item=12"), null);
    expect(tab.current().url).toBe(`${list}?open=1`);
    expect(tab.depth()).toBe(1);
  });

  it("switching to another item while one is open replaces its entry, still closable by stepping back", () => {
    const tab = fakeWindow({ phone: false, start: { state: null, url: list } });
    setItemParam(list, new URLSearchParams(), 12);
    setItemParam(list, new URLSearchParams("item=12"), 13);
    expect(tab.depth()).toBe(2);
    expect(tab.current().url).toBe(`${list}?item=13`);
    setItemParam(list, new URLSearchParams("item=13"), null);
    expect(tab.current().url).toBe(list);
    expect(tab.depth()).toBe(1);
  });

  it("a deep link (no entry of ours) closes by replacing the URL, not by leaving the page", () => {
    const tab = fakeWindow({ phone: false, start: { state: null, url: `${list}?item=12&q=crane` } });
    setItemParam(list, new URLSearchParams("item=12&q=crane"), null);
    expect(tab.depth()).toBe(1);
    expect(tab.current().url).toBe(`${list}?q=crane`);
  });
});

describe("pushSearchParams: a filter change", () => {
  it.each([
    { phone: false, depth: 2 },
    { phone: true, depth: 1 },
  ])("phone=$phone: history depth $depth", ({ phone, depth }) => {
    const tab = fakeWindow({ phone, start: { state: null, url: list } });
    pushSearchParams(list, new URLSearchParams("critical=1"));
    expect(tab.current().url).toBe(`${list}?critical=1`);
    expect(tab.depth()).toBe(depth);
  });
});
