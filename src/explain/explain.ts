/**
 * @module explain/explain
 * Decision + trace → Explanation (data only; printing is src/render's job). Explain modes are
 * filters over the trace that keep each event's ancestors (after OPA's lineage filters): `full`
 * keeps everything, `fails` the statements that did not apply, `deciding` the statements that decided.
 * https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html
 */
import { authorize } from '../authorize/index.js';
import type { AuthzRequest, Decision, DecisionLayer, Reason, TraceEvent } from '../model/decision.js';
import type { CompiledWorld } from '../world/compiled-types.js';
import { suggestFixes, type FixSuggestion } from './fix.js';

/** Which trace events an explanation keeps. */
export type ExplainMode = 'full' | 'fails' | 'deciding';

/** What one layer said, for the "path through the layers". */
export interface LayerSummary {
  readonly layer: DecisionLayer;
  readonly status: 'allow' | 'deny' | 'no-allow' | 'not-applied';
  readonly detail: string;
}

/** A deciding statement with its text, for quoting. */
export interface QuotedReason {
  readonly reason: Reason;
  /** The statement (or grant) as written, on one line. */
  readonly text: string;
}

/** An explanation: the decision, the layers in order, the deciding statements quoted, the kept trace. */
export interface Explanation {
  readonly request: AuthzRequest;
  readonly decision: Decision;
  readonly layers: readonly LayerSummary[];
  readonly quoted: readonly QuotedReason[];
  readonly trace: readonly TraceEvent[];
  /** For an implicit deny: statements that would close the missing layers. */
  readonly fixes: readonly FixSuggestion[];
}

const ORDER: readonly DecisionLayer[] = ['rcp', 'scp', 'vpce', 'cross-account', 'grant', 'key-policy', 'identity', 'boundary', 'session'];

/** Keeps the events a mode asks for, plus their ancestors and the decision. */
export function filterTrace(events: readonly TraceEvent[], mode: ExplainMode, reasons: readonly Reason[]): TraceEvent[] {
  if (mode === 'full') return [...events];
  const deciding = new Set(reasons.map((r) => `${r.policy}#${r.statement}`));
  const keep = new Set<number>();
  const byId = new Map(events.map((e) => [e.id, e]));
  for (const e of events) {
    const wanted = e.op === 'decide'
      || (mode === 'fails' && (e.op === 'nomatch' || e.op === 'fail'))
      || (mode === 'deciding' && e.op === 'match' && deciding.has(`${e.policy ?? ''}#${e.statement ?? ''}`));
    if (!wanted) continue;
    for (let cur: TraceEvent | undefined = e; cur !== undefined && !keep.has(cur.id); cur = cur.parent === undefined ? undefined : byId.get(cur.parent)) keep.add(cur.id);
  }
  return events.filter((e) => keep.has(e.id));
}

/** Summarizes each layer that took part, from the full trace. */
export function summarizeLayers(events: readonly TraceEvent[], d: Decision): LayerSummary[] {
  const out: LayerSummary[] = [];
  for (const layer of ORDER) {
    const mine = events.filter((e) => e.layer === layer);
    const missing = d.missing.find((m) => m.layer === layer);
    const deny = d.reasons.find((r) => r.layer === layer && r.effect === 'Deny');
    const allow = d.reasons.find((r) => r.layer === layer && r.effect === 'Allow');
    if (deny !== undefined) out.push({ layer, status: 'deny', detail: `Deny statement "${deny.statement}" applies` });
    else if (missing !== undefined) out.push({ layer, status: 'no-allow', detail: missing.note });
    else if (allow !== undefined) out.push({ layer, status: 'allow', detail: `Allow ${layer === 'grant' ? 'grant' : 'statement'} "${allow.statement}"` });
    else if (mine.length > 0) {
      const note = mine.find((e) => e.op === 'note' && e.policy === undefined);
      const matched = mine.some((e) => e.op === 'match' && e.message.startsWith('Allow'));
      const entered = mine.some((e) => e.op === 'enter');
      if (note !== undefined && !entered) out.push({ layer, status: 'not-applied', detail: note.message });
      else out.push({ layer, status: matched ? 'allow' : 'no-allow', detail: matched ? 'allows' : 'no Allow statement applies' });
    }
  }
  return out;
}

/** The value at a JSON pointer, or undefined. */
function at(doc: unknown, pointer: string): unknown {
  let cur = doc;
  for (const seg of pointer.split('/').slice(1)) {
    const key = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = cur[Number(key)];
    else if (typeof cur === 'object' && cur !== null) cur = (cur as Record<string, unknown>)[key];
    else return undefined;
  }
  return cur;
}

/** The text of a reason's statement or grant, on one line. */
export function quote(world: CompiledWorld, r: Reason): string {
  if (r.layer === 'grant') {
    const keyArn = r.policy.replace(/^grant:/, '').replace(/#[^#]*$/, '');
    const g = world.keys.get(keyArn)?.grantsById.get(r.statement)?.raw;
    return g === undefined ? r.statement : JSON.stringify(g);
  }
  const doc = world.documents.get(r.policy);
  const stmt = doc === undefined ? undefined : at(doc, r.pointer);
  return stmt === undefined ? `${r.policy}${r.pointer}` : JSON.stringify(stmt);
}

/** Authorizes with tracing and builds the explanation. */
export function explain(world: CompiledWorld, request: AuthzRequest, mode: ExplainMode = 'deciding'): Explanation {
  const decision = authorize(world, request, { trace: true });
  const full = decision.trace ?? [];
  return {
    request, decision,
    layers: summarizeLayers(full, decision),
    quoted: decision.reasons.map((reason) => ({ reason, text: quote(world, reason) })),
    trace: filterTrace(full, mode, decision.reasons),
    fixes: suggestFixes(decision, request, world.keys.get(request.resource)?.arn ?? world.aliases.get(request.resource)?.arn ?? request.resource),
  };
}
