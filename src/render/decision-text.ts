/**
 * @module render/decision-text
 * An explanation as text a person reads in ten seconds: the decision first, then the path
 * through the layers, the deciding statements quoted with file:line, and what is missing.
 */
import { isAbsolute, relative } from 'node:path';
import type { Explanation } from '../explain/explain.js';
import type { Reason } from '../model/decision.js';

const MARK = { allow: '✓', deny: '✗', 'no-allow': '✗', 'not-applied': '–' } as const;

/** file:line:column, the file relative to the working directory when it lies below it. */
function where(r: Reason): string {
  if (r.file === undefined) return r.pointer;
  const rel = isAbsolute(r.file) ? relative(process.cwd(), r.file) : r.file;
  const file = rel === '' || rel.startsWith('..') ? r.file : rel;
  return `${file}:${String(r.line ?? 1)}:${String(r.column ?? 1)}`;
}

function clip(text: string, max = 160): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Renders one explanation. `showTrace` appends the (filtered) trace. */
export function renderDecisionText(e: Explanation, showTrace = false): string {
  const d = e.decision;
  const lines: string[] = [];
  lines.push(`${d.decision}  ${e.request.principal} → ${e.request.action} on ${e.request.resource}`);
  lines.push(`  ${d.message}`);
  if (d.error !== null) lines.push(`  but the key state refuses the call: ${d.error.type}: ${d.error.message}`);
  lines.push('', 'Path through the layers:');
  for (const l of e.layers) lines.push(`  ${MARK[l.status]} ${l.layer.padEnd(13)} ${l.detail}`);
  if (e.quoted.length > 0) {
    lines.push('', d.decision === 'ExplicitDeny' ? 'Deciding Deny statements:' : 'Statements on the path:');
    for (const q of e.quoted) {
      lines.push(`  ${q.reason.effect} ${q.reason.layer} "${q.reason.statement}"  ${where(q.reason)}`);
      lines.push(`    ${clip(q.text)}`);
    }
  }
  if (d.missing.length > 0) {
    lines.push('', 'What is missing:');
    for (const m of d.missing) lines.push(`  ${m.layer}${m.account === '' ? '' : ` (account ${m.account})`}: ${m.note}`);
  }
  if (e.fixes.length > 0) {
    lines.push('', 'To allow it:');
    for (const f of e.fixes) lines.push(`  add to ${f.where}:`, `    ${JSON.stringify(f.statement)}`);
  }
  for (const i of d.issues) lines.push(`  note: ${i.message}`);
  if (showTrace) {
    lines.push('', 'Trace:');
    for (const t of e.trace) lines.push(`  ${t.parent === undefined ? '' : '  '}[${t.layer}] ${t.op}: ${t.message}${t.statement === undefined ? '' : ` (${t.policy ?? ''}#${t.statement})`}`);
  }
  return lines.join('\n');
}
