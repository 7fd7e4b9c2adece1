/**
 * The small nuqs parsers the URL-state views share (src/lib/url-state.ts says
 * how the views write them). A parser never throws on junk: an unknown value
 * reads as absent (the default). Imported from "nuqs/server", not "nuqs": server
 * pages parse the same query strings (the items page prefetches its list).
 */
import { createMultiParser, createParser, parseAsNativeArrayOf, type SingleParser } from "nuqs/server";

/**
 * A switch written as one token: `?open=1` reads true, anything else (or
 * nothing) false. `whenPresent: false` inverts it (`?drafts=0` hides drafts,
 * which are shown by default).
 */
export function parseAsToken(token: string, whenPresent = true) {
  return createParser<boolean>({
    parse: (v) => (v === token ? whenPresent : null),
    serialize: (v) => (v === whenPresent ? token : ""),
  }).withDefault(!whenPresent);
}

/** Free text, trimmed and cut to `max` characters; empty reads as "". */
export function parseAsText(max = 200) {
  return createParser<string>({
    parse: (v) => v.trim().slice(0, max) || null,
    serialize: (v) => v.trim().slice(0, max),
  }).withDefault("");
}

/** A name (workstream, assignee): non-empty, at most `max` characters (longer is dropped as junk). */
export function parseAsName(max: number) {
  return createParser<string>({
    parse: (v) => (v && v.length <= max ? v : null),
    serialize: String,
  });
}

/**
 * A repeated key (`?type=Risk&type=Issue`) as a list without duplicates, in
 * URL order; values the item parser rejects are dropped. Absent reads as [].
 */
export function parseAsSetOf<T>(item: SingleParser<T>) {
  const list = parseAsNativeArrayOf(item);
  return createMultiParser<T[]>({
    parse: (values) => {
      const parsed = list.parse(values);
      return parsed ? [...new Set(parsed)] : null;
    },
    serialize: list.serialize,
    eq: list.eq,
  }).withDefault([]);
}

/** A positive item number (`?item=12`); anything else reads as no item. */
export const parseAsItemNum = createParser<number>({
  parse: (v) => (/^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : null),
  serialize: String,
});
