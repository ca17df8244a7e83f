/**
 * @module compile/wildcard
 * The only place IAM wildcards become matchers. In IAM, `*` matches any run of characters
 * (including none) and `?` exactly one, and both cross `/` and `:` — unlike path globs.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 * ArnLike: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */

/** A compiled string predicate. */
export type Matcher = (s: string) => boolean;

/** Options of {@link compileWildcard}. */
export interface WildcardOptions {
  readonly ignoreCase?: boolean;
}

const ANY: Matcher = () => true;

/** Escapes every RegExp syntax character (the set the `u` flag allows to be escaped). */
function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The RegExp source of a pattern: escape, then `*` → `[^]*`, `?` → `[^]` (any character, newlines too). */
export function wildcardSource(pattern: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c !== 42 && c !== 63) continue; // `*`, `?`
    out += escapeRegExp(pattern.slice(start, i)) + (c === 42 ? '[^]*' : '[^]');
    start = i + 1;
  }
  return out + escapeRegExp(pattern.slice(start));
}

/** Builds a matcher (no cache). */
function build(pattern: string, ignoreCase: boolean): Matcher {
  if (pattern === '*') return ANY;
  if (!pattern.includes('*') && !pattern.includes('?')) {
    if (!ignoreCase) return (s) => s === pattern;
    const lower = pattern.toLowerCase();
    return (s) => s.length === pattern.length && s.toLowerCase() === lower;
  }
  // A trailing `*` after plain text (`kms:Generate*`) is a prefix test.
  const body = pattern.slice(0, -1);
  if (pattern.endsWith('*') && !body.includes('*') && !body.includes('?')) {
    if (!ignoreCase) return (s) => s.startsWith(body);
    const lower = body.toLowerCase();
    return (s) => s.toLowerCase().startsWith(lower);
  }
  // `u` makes `?` match one code point, as AWS compares characters, not UTF-16 halves.
  const re = new RegExp(`^${wildcardSource(pattern)}$`, ignoreCase ? 'iu' : 'u');
  return (s) => re.test(s);
}

/** Matchers are pure, and the same patterns recur across policies: share them (bounded). */
const CACHE_LIMIT = 20_000;
const cache = new Map<string, Matcher>();

/**
 * Compiles an IAM wildcard pattern once into a predicate. Fast paths: `*` alone matches
 * everything; a pattern without wildcards is a string comparison; `text*` is a prefix test.
 */
export function compileWildcard(pattern: string, opts: WildcardOptions = {}): Matcher {
  const ignoreCase = opts.ignoreCase === true;
  const key = (ignoreCase ? 'i' : 's') + pattern;
  let m = cache.get(key);
  if (m === undefined) {
    m = build(pattern, ignoreCase);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, m);
  }
  return m;
}

/**
 * The RegExp source of a Resource pattern. Wildcards stay inside their colon-separated segment,
 * except a `*` that ends a segment, which "can expand to match beyond the colon boundaries"
 * (Resource page, "Using wildcards in resource ARNs"). AWS does not say whether `?` matches a
 * colon; we choose that it does not (it stays in its segment).
 */
export function resourceSource(pattern: string): string {
  return pattern.split(':').map((seg) => {
    let out = '';
    let start = 0;
    for (let i = 0; i < seg.length; i++) {
      const c = seg.charCodeAt(i);
      if (c !== 42 && c !== 63) continue;
      const last = i === seg.length - 1;
      out += escapeRegExp(seg.slice(start, i)) + (c === 63 ? '[^:]' : last ? '[^]*' : '[^:]*');
      start = i + 1;
    }
    return out + escapeRegExp(seg.slice(start));
  }).join(':');
}

/** Compiles a Resource/NotResource pattern (see {@link resourceSource}); `*` alone matches everything. */
export function compileResourcePattern(pattern: string): Matcher {
  if (pattern === '*') return ANY;
  if (!pattern.includes('*') && !pattern.includes('?')) return (s) => s === pattern;
  const key = `r${pattern}`;
  let m = cache.get(key);
  if (m === undefined) {
    const re = new RegExp(`^${resourceSource(pattern)}$`, 'u');
    m = (s) => re.test(s);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, m);
  }
  return m;
}

/**
 * Compiles an ARN pattern for ArnLike/ArnEquals: both sides are split on their first five colons
 * into six components (partition-prefix `arn`, partition, service, region, account, resource),
 * each matched with IAM wildcards; inside the sixth (resource) component `*` may match `:`.
 * A value that does not have six components never matches.
 */
export function compileArnPattern(pattern: string): Matcher {
  if (pattern === '*') return ANY;
  const parts = splitArn(pattern);
  // A pattern with fewer than six components cannot be compared component by component; AWS
  // does not document this case and we choose: it matches nothing.
  if (parts === undefined) return () => false;
  const matchers = parts.map((p) => compileWildcard(p));
  return (s) => {
    const v = splitArn(s);
    if (v === undefined) return false;
    for (let i = 0; i < 6; i++) if (!matchers[i](v[i])) return false;
    return true;
  };
}

/** Splits on the first five colons; undefined when there are fewer. */
export function splitArn(s: string): string[] | undefined {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const c = s.indexOf(':', start);
    if (c < 0) return undefined;
    out.push(s.slice(start, c));
    start = c + 1;
  }
  out.push(s.slice(start));
  return out;
}
