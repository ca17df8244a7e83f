/**
 * @module catalogue/suggest
 * "Did you mean" for action names: the closest KMS permission by edit distance, as ESLint and
 * IAM Access Analyzer suggest fixes for misspelled names.
 * https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html
 */
import { KMS_ACTIONS } from './actions.js';

/** Levenshtein distance, case-insensitive, with an early cut-off. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[t.length];
}

/**
 * The canonical KMS action closest to `name` (which may lack the `kms:` prefix or contain stray
 * whitespace), or undefined when nothing is close (distance above a third of the name's length).
 * An exact match in another case returns the canonical spelling.
 */
export function suggestAction(name: string): string | undefined {
  const cleaned = name.replace(/\s+/g, '');
  const full = cleaned.includes(':') ? cleaned : `kms:${cleaned}`;
  const max = Math.max(1, Math.floor(full.length / 3));
  let best: string | undefined;
  let bestD = max + 1;
  for (const a of KMS_ACTIONS) {
    const d = editDistance(full, a.name, bestD);
    if (d < bestD) {
      bestD = d;
      best = a.name;
    }
  }
  return best;
}
