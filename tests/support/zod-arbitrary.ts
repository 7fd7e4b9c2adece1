/**
 * fast-check arbitraries from zod schemas (zod 4), for fuzzing the API with
 * inputs shaped like what each procedure expects.
 *
 * Most values are *near-valid*: the right shape, types and bounds (uuids,
 * e-mails, dates, enum members, numbers within min/max, strings within
 * length), with real values mixed in for fields named in `fieldValues` (an
 * org slug, project ids, item numbers …) so calls get past the access checks
 * and run the deeper code. At every node, with probability about
 * 1/(validWeight + 1), the value is replaced by *garbage*: NUL characters,
 * unicode, lone surrogates, long strings, huge / negative / fractional / NaN
 * numbers, wrong types, and objects with keys such as `__proto__`,
 * `constructor` and `prototype`.
 *
 * Covered: string (with formats uuid/email/url/regex and length bounds),
 * number / int (bounds), boolean, enum, literal, null, undefined, nullable,
 * optional, default, prefault, catch, readonly, nonoptional, union, object,
 * array, record, tuple, pipe / transform (the input side), date, lazy,
 * any / unknown / custom. Anything else gets garbage.
 */
import fc from "fast-check";
import { ODD_KEYS, weirdNumber, weirdString, withOwn } from "./hostile-values";

type Def = { type: string } & Record<string, unknown>;
type Internals = {
  def: Def;
  bag?: Record<string, unknown>;
  optin?: "optional" | "defaulted";
  values?: Set<unknown>;
};
type Schema = { _zod: Internals };

export type ZodArbitraryOptions = {
  /** Real values to use (most of the time) for fields of these names, at any depth. */
  fieldValues?: Record<string, readonly unknown[]>;
  /** Longest generated string (the garbage "long string" is up to this long). Default 3000. */
  maxStringLength?: number;
  /** Longest generated array. Default 6. */
  maxArrayLength?: number;
  /** Valid values per garbage value at each node. Default 14. */
  validWeight?: number;
  /**
   * URLs to use for every url-format string (default: random web URLs). A test
   * that sends the values to a server that may fetch them passes loopback URLs.
   */
  urlValues?: readonly string[];
};

type Ctx = Required<Omit<ZodArbitraryOptions, "fieldValues" | "urlValues">> & {
  fieldValues: Record<string, readonly unknown[]>;
  urlValues: readonly string[] | null;
  depth: number;
};

const zodOf = (s: unknown): Internals => (s as Schema)._zod;

function garbage(ctx: Ctx): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    { arbitrary: weirdString(ctx.maxStringLength), weight: 4 },
    { arbitrary: weirdNumber, weight: 3 },
    { arbitrary: fc.constantFrom<unknown>(null, undefined, true, false), weight: 2 },
    { arbitrary: fc.date(), weight: 1 },
    { arbitrary: fc.bigInt(), weight: 1 },
  );
  return fc.oneof(
    { arbitrary: leaf, weight: 6 },
    { arbitrary: fc.array(leaf, { maxLength: 4 }), weight: 1 },
    {
      arbitrary: fc
        .tuple(
          fc.constantFrom(...ODD_KEYS),
          leaf,
          fc.dictionary(fc.string({ maxLength: 8 }), leaf, { maxKeys: 3 }),
        )
        .map(([k, v, rest]) => withOwn(rest, k, v)),
      weight: 1,
    },
    { arbitrary: fc.anything({ maxDepth: 2, maxKeys: 3 }), weight: 1 },
  );
}

/* ----------------------------------------------------------- near-valid */

/**
 * Bounds and formats of a schema, read from its checks (`def.checks`: min_length, max_length,
 * length_equals, greater_than, less_than, number_format, string_format) on top of `_zod.bag`.
 */
function bagOf(s: Internals): Record<string, unknown> {
  const bag: Record<string, unknown> = { ...s.bag };
  if (typeof s.def.format === "string") bag.format ??= s.def.format;
  const patterns = new Set<RegExp>(bag.patterns instanceof Set ? (bag.patterns as Set<RegExp>) : []);
  for (const check of (s.def.checks as { _zod?: { def?: Record<string, unknown> } }[] | undefined) ?? []) {
    const c = check._zod?.def;
    if (!c) continue;
    switch (c.check) {
      case "min_length":
        bag.minimum = Math.max(num(bag.minimum) ?? 0, num(c.minimum) ?? 0);
        break;
      case "max_length":
        bag.maximum = Math.min(num(bag.maximum) ?? Infinity, num(c.maximum) ?? Infinity);
        break;
      case "length_equals":
        bag.minimum = bag.maximum = num(c.length);
        break;
      case "greater_than":
        if (c.inclusive) bag.minimum = Math.max(num(bag.minimum) ?? -Infinity, num(c.value) ?? -Infinity);
        else bag.exclusiveMinimum = c.value;
        break;
      case "less_than":
        if (c.inclusive) bag.maximum = Math.min(num(bag.maximum) ?? Infinity, num(c.value) ?? Infinity);
        else bag.exclusiveMaximum = c.value;
        break;
      case "number_format":
      case "string_format":
        if (c.format === "regex" && c.pattern instanceof RegExp) patterns.add(c.pattern);
        else if (typeof c.format === "string") bag.format ??= c.format;
        break;
    }
  }
  if (patterns.size) bag.patterns = patterns;
  return bag;
}

function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

function stringArb(s: Internals, ctx: Ctx): fc.Arbitrary<string> {
  const bag = bagOf(s);
  const format = (bag.format ?? s.def.format) as string | undefined;
  if (format === "uuid" || format === "guid") return fc.uuid();
  if (format === "email") {
    // Plain addresses (zod's e-mail check is stricter than RFC 5322), now and then an exotic one.
    const plain = fc
      .tuple(
        fc.stringMatching(/^[a-z][a-z0-9._-]{0,12}[a-z0-9]$/),
        fc.constantFrom("example.test", "acme.io", "xn--bcher-kva.example"),
      )
      .map(([local, domain]) => `${local.replace(/[._-]{2,}/g, ".")}@${domain}`);
    return fc.oneof({ arbitrary: plain, weight: 6 }, { arbitrary: fc.emailAddress(), weight: 1 });
  }
  if (format === "url") return ctx.urlValues?.length ? fc.constantFrom(...ctx.urlValues) : fc.webUrl();
  const patterns = bag.patterns as Set<RegExp> | undefined;
  const matching = (re: RegExp) => {
    try {
      return fc.stringMatching(re);
    } catch {
      return null; // a construct fast-check cannot generate from (e.g. lookahead)
    }
  };
  if (format !== "regex" && format && s.def.pattern instanceof RegExp) {
    const m = matching(s.def.pattern);
    if (m) return m;
  }
  if (patterns && patterns.size) {
    const m = matching([...patterns][0]!);
    if (m) return m;
  }
  const min = num(bag.minimum) ?? 0;
  const max = Math.min(num(bag.maximum) ?? ctx.maxStringLength, ctx.maxStringLength, min + 60);
  const lengths = { minLength: Math.min(min, max), maxLength: Math.max(min, max) };
  const inRange = fc.oneof(
    { arbitrary: fc.string({ unit: "grapheme-ascii", ...lengths }), weight: 3 },
    { arbitrary: fc.string({ unit: "grapheme", ...lengths }), weight: 1 },
  );
  // Just past the limits: one character too many or too few.
  const edges: fc.Arbitrary<string>[] = [];
  const edgy = ctx.validWeight < 1_000; // no deliberate off-by-ones in "clean" inputs
  if (edgy && num(bag.maximum) !== undefined && num(bag.maximum)! < ctx.maxStringLength)
    edges.push(fc.constant("x".repeat(num(bag.maximum)! + 1)));
  if (edgy && min > 0) edges.push(fc.constant("x".repeat(min - 1)));
  return edges.length
    ? fc.oneof({ arbitrary: inRange, weight: 12 }, ...edges.map((e) => ({ arbitrary: e, weight: 1 })))
    : inRange;
}

function numberArb(s: Internals, ctx: Ctx): fc.Arbitrary<number> {
  const bag = bagOf(s);
  const isInt = typeof bag.format === "string" && /int/.test(bag.format);
  const step = isInt ? 1 : Number.EPSILON;
  const exMin = num(bag.exclusiveMinimum);
  const exMax = num(bag.exclusiveMaximum);
  const lo = num(bag.minimum) ?? (exMin !== undefined ? exMin + step : undefined);
  const hi = num(bag.maximum) ?? (exMax !== undefined ? exMax - step : undefined);
  if (isInt) {
    const min = Math.max(lo ?? -1_000_000, Number.MIN_SAFE_INTEGER);
    const max = Math.min(hi ?? 1_000_000, Number.MAX_SAFE_INTEGER);
    const inRange = fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) });
    const edges = [
      lo,
      hi,
      lo !== undefined ? lo - 1 : undefined,
      hi !== undefined ? hi + 1 : undefined,
    ].filter((v): v is number => v !== undefined && Number.isFinite(v));
    return edges.length && ctx.validWeight < 1_000
      ? fc.oneof({ arbitrary: inRange, weight: 8 }, { arbitrary: fc.constantFrom(...edges), weight: 1 })
      : inRange;
  }
  const min = lo ?? -1e6;
  const max = hi ?? 1e6;
  const double = fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  const intMin = Math.ceil(Math.max(min, -1e9));
  const intMax = Math.floor(Math.min(max, 1e9));
  // Whole numbers too: many plain number fields hold counts or amounts.
  return intMin <= intMax ? fc.oneof(double, fc.integer({ min: intMin, max: intMax })) : double;
}

function build(schema: unknown, ctx: Ctx, fieldName?: string): fc.Arbitrary<unknown> {
  const near = nearValid(schema, { ...ctx, depth: ctx.depth + 1 });
  const real =
    fieldName !== undefined && Object.hasOwn(ctx.fieldValues, fieldName) ? ctx.fieldValues[fieldName]! : null;
  const valid =
    real && real.length
      ? fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 6 }, { arbitrary: near, weight: 1 })
      : near;
  if (ctx.depth > 6) return valid;
  return fc.oneof({ arbitrary: valid, weight: ctx.validWeight }, { arbitrary: garbage(ctx), weight: 1 });
}

function nearValid(schema: unknown, ctx: Ctx): fc.Arbitrary<unknown> {
  const s = zodOf(schema);
  if (!s?.def) return garbage(ctx);
  const d = s.def;
  const inner = (key: string) => build(d[key], ctx);
  switch (d.type) {
    case "string":
      return stringArb(s, ctx);
    case "number":
      return numberArb(s, ctx);
    case "bigint":
      return fc.bigInt();
    case "boolean":
      return fc.boolean();
    case "date":
      return fc.oneof(
        fc.date({ noInvalidDate: true }),
        fc.constantFrom("2026-01-01", "2026-01-01T10:00:00Z", "yesterday"),
      );
    case "null":
      return fc.constant(null);
    case "undefined":
    case "void":
      return fc.constant(undefined);
    case "literal":
      return fc.constantFrom(...(d.values as unknown[]));
    case "enum": {
      const values = Object.values(d.entries as Record<string, unknown>);
      return values.length ? fc.constantFrom(...values) : garbage(ctx);
    }
    case "nullable":
      return fc.oneof(
        { arbitrary: fc.constant(null), weight: 1 },
        { arbitrary: inner("innerType"), weight: 3 },
      );
    case "optional":
    case "default":
    case "prefault":
      return fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 1 },
        { arbitrary: inner("innerType"), weight: 3 },
      );
    case "nonoptional": {
      // `.partial().required({…})` wraps an optional: generate what is inside it.
      const inner =
        zodOf(d.innerType)?.def?.type === "optional" ? zodOf(d.innerType).def.innerType : d.innerType;
      return nearValid(inner, ctx);
    }
    case "catch":
    case "readonly":
    case "promise":
      return nearValid(d.innerType, ctx);
    case "lazy":
      return ctx.depth > 6 ? garbage(ctx) : nearValid((d.getter as () => unknown)(), ctx);
    case "pipe": {
      // The input side; a transform on the input side (preprocess) takes anything.
      const input = zodOf(d.in)?.def?.type === "transform" ? d.out : d.in;
      return nearValid(input, ctx);
    }
    case "union":
      return fc.oneof(...(d.options as unknown[]).map((o) => build(o, ctx)));
    case "intersection":
      return fc
        .tuple(nearValid(d.left, ctx), nearValid(d.right, ctx))
        .map(([l, r]) => (isPlain(l) && isPlain(r) ? { ...l, ...r } : l));
    case "array": {
      const bag = bagOf(s);
      const min = num(bag.minimum) ?? 0;
      const max = Math.max(min, Math.min(num(bag.maximum) ?? ctx.maxArrayLength, ctx.maxArrayLength));
      return fc.array(build(d.element, ctx), { minLength: Math.min(min, max), maxLength: max });
    }
    case "tuple":
      return fc.tuple(...(d.items as unknown[]).map((i) => build(i, ctx)));
    case "set":
      return fc.array(build(d.valueType, ctx), { maxLength: ctx.maxArrayLength });
    case "record":
    case "map":
      return fc.dictionary(
        fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...ODD_KEYS)),
        build(d.valueType, ctx),
        { maxKeys: 4 },
      );
    case "object":
      return objectArb(d.shape as Record<string, unknown>, ctx);
    case "any":
    case "unknown":
    case "custom":
    case "transform":
      return garbage(ctx);
    default:
      return garbage(ctx);
  }
}

/** `{...a, ...b}` that copies a `__proto__` key as a property (Object.assign would set the prototype). */
function mergeOwn(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  let out = a;
  for (const k of Object.keys(b)) out = withOwn(out, k, b[k]);
  return out;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function objectArb(shape: Record<string, unknown>, ctx: Ctx): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(shape);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const k of keys) {
    model[k] = build(shape[k], ctx, k);
    // Optional and defaulted fields are sometimes left out altogether.
    if (!zodOf(shape[k])?.optin) requiredKeys.push(k);
  }
  const record = fc.record(model, { requiredKeys });
  // Now and then an odd extra key (own property, even `__proto__`).
  const extra = fc.oneof(
    { arbitrary: fc.constant(null), weight: ctx.validWeight },
    { arbitrary: fc.tuple(fc.constantFrom(...ODD_KEYS, "extra"), garbage(ctx)), weight: 2 },
  );
  return fc.tuple(record, extra).map(([r, e]) => (e ? withOwn(r, e[0], e[1]) : r));
}

/* ---------------------------------------------------------------- entry */

function context(opts: ZodArbitraryOptions): Ctx {
  return {
    fieldValues: opts.fieldValues ?? {},
    maxStringLength: opts.maxStringLength ?? 3000,
    maxArrayLength: opts.maxArrayLength ?? 6,
    validWeight: opts.validWeight ?? 14,
    urlValues: opts.urlValues ?? null,
    depth: 0,
  };
}

/** Values for `schema`: mostly near-valid (real values for named fields), sometimes garbage. */
export function zodArbitrary(schema: unknown, opts: ZodArbitraryOptions = {}): fc.Arbitrary<unknown> {
  return build(schema, context(opts));
}

/**
 * The input of a tRPC procedure with these input parsers (`_def.inputs`): tRPC
 * merges the objects they accept, so the generated objects are merged too.
 */
export function procedureInputArbitrary(
  inputs: readonly unknown[],
  opts: ZodArbitraryOptions = {},
): fc.Arbitrary<unknown> {
  const ctx = context(opts);
  if (!inputs.length) {
    return fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: garbage(ctx), weight: 1 });
  }
  const merged = (c: Ctx) =>
    fc
      .tuple(...inputs.map((i) => nearValid(i, c)))
      .map((parts) =>
        parts.every(isPlain) ? parts.reduce<Record<string, unknown>>(mergeOwn, {}) : parts[parts.length - 1],
      );
  // Half the calls carry no garbage at all (so inputs with many fields still get past validation and
  // into the services), the others garbage here and there, a few are garbage as a whole.
  const clean = merged({ ...ctx, validWeight: 1_000_000 });
  const dirty = merged(ctx);
  return fc.oneof(
    { arbitrary: clean, weight: ctx.validWeight },
    { arbitrary: dirty, weight: ctx.validWeight },
    { arbitrary: garbage(ctx), weight: 2 },
  );
}
