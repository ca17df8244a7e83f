/**
 * @module render/stylish
 * ESLint's default `stylish` layout (https://eslint.org/docs/latest/use/formatters/#stylish):
 * the file name, one aligned row per finding (`line:column  severity  message  ruleId`), then
 * `✖ N problems (E errors, W warnings)` and a fixable line. Nothing at all when clean. ESLint has
 * no `info` severity; ours is shown as `info` and counted apart.
 */
import type { Finding, LintResult } from '../lint/index.js';

/** Options of {@link renderStylish}. */
export interface StylishOptions {
  /** ANSI colours, as ESLint does on a terminal. */
  readonly color?: boolean;
}

const plural = (n: number, word: string): string => `${String(n)} ${word}${n === 1 ? '' : 's'}`;

/** Renders lint results in ESLint's stylish layout. */
export function renderStylish(results: readonly LintResult[], opts: StylishOptions = {}): string {
  const paint = (code: string, s: string): string => (opts.color === true ? `\u001b[${code}m${s}\u001b[0m` : s);
  let out = '';
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixErrors = 0;
  let fixWarnings = 0;
  for (const r of results) {
    if (r.findings.length === 0) continue;
    out += `\n${paint('4', r.file)}\n`;
    const rows = r.findings.map((f: Finding) => [`${String(f.line)}:${String(f.column)}`, f.severity, f.message.replace(/\.$/, ''), f.ruleId] as const);
    const w0 = Math.max(...rows.map((x) => x[0].length));
    const w1 = Math.max(...rows.map((x) => x[1].length));
    const w2 = Math.max(...rows.map((x) => x[2].length));
    for (const [pos, sev, msg, rule] of rows) {
      const sevText = paint(sev === 'error' ? '31' : sev === 'warning' ? '33' : '36', sev.padEnd(w1));
      out += `  ${paint('2', pos.padEnd(w0))}  ${sevText}  ${msg.padEnd(w2)}  ${paint('2', rule)}\n`;
    }
    for (const f of r.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
      if (f.fix !== null && f.severity === 'error') fixErrors++;
      if (f.fix !== null && f.severity === 'warning') fixWarnings++;
    }
  }
  const total = errors + warnings + infos;
  if (total === 0) return '';
  const parts = [plural(errors, 'error'), plural(warnings, 'warning'), ...(infos > 0 ? [`${String(infos)} info`] : [])];
  out += `\n${paint(errors > 0 ? '31;1' : '33;1', `\u2716 ${plural(total, 'problem')} (${parts.join(', ')})`)}\n`;
  if (fixErrors + fixWarnings > 0) {
    out += `${paint(errors > 0 ? '31;1' : '33;1', `  ${plural(fixErrors, 'error')} and ${plural(fixWarnings, 'warning')} potentially fixable with the \`--fix\` option.`)}\n`;
  }
  return out;
}
