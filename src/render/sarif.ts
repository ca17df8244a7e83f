/**
 * @module render/sarif
 * `kms-authz lint --format sarif`: SARIF 2.1.0 as GitHub code scanning reads it
 * (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning,
 * lint-catalogue.md §4.1). Levels error→error, warning→warning, info→note; each rule carries
 * helpUri, help text, tags and `security-severity`; each result a relative artifact URI, a region,
 * the CloudFormation logical id / Terraform address as a logical location, and partial
 * fingerprints that survive lines moving (rule + file + pointer + the statement's content).
 */
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Result as SarifResult, ReportingDescriptor } from 'sarif';
import type { Severity } from '../model/diagnostic.js';
import type { LintInput } from '../model/lint.js';
import type { AnyRule, Finding, LintResult, RuleRegistry } from '../lint/index.js';

/** Where rule documentation lives (docs/rules/<id>.md of the repository). */
export const RULE_DOCS_BASE = 'https://github.com/kms-authz/kms-authz/blob/main/docs/rules/';

/** Options of {@link renderSarif}. */
export interface SarifOptions {
  readonly rules: RuleRegistry;
  readonly toolVersion: string;
  /** The inputs that were linted, for content fingerprints (optional). */
  readonly inputs?: readonly LintInput[];
}

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };
/** Used when a rule gives no `[x.y]` score: GitHub's medium / low / lowest bands by level. */
const FALLBACK_SCORE: Readonly<Record<Severity, number>> = { error: 5.5, warning: 3.0, info: 0.1 };

/** JSON with sorted keys, so that key order does not change a fingerprint. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** The content of the statement (or target) a finding points into, canonical. */
function contentOf(inputs: readonly LintInput[] | undefined, f: Finding, file: string): string {
  const input = inputs?.find((i) => i.file === file);
  if (input === undefined) return '';
  let best: { raw: unknown; rest: string; len: number } | undefined;
  for (const t of input.targets) {
    if (!('raw' in t)) continue;
    const p = t.pointer;
    if ((f.pointer === p || f.pointer.startsWith(p + '/') || p === '') && (best === undefined || p.length > best.len)) best = { raw: t.raw, rest: f.pointer.slice(p.length), len: p.length };
  }
  if (best === undefined) return '';
  const m = /^\/Statement\/(\d+)/.exec(best.rest);
  const st = (best.raw as { Statement?: unknown } | null)?.Statement;
  return canonical(m !== null && Array.isArray(st) ? st[Number(m[1])] : best.raw);
}

function ruleDescriptor(rule: AnyRule | undefined, id: string, name: string, severity: Severity): SarifRuleBuilder {
  const description = rule?.meta.docs.description ?? name;
  const score = rule?.meta.securitySeverity ?? FALLBACK_SCORE[rule?.meta.severity ?? severity];
  const helpUri = `${RULE_DOCS_BASE}${id}.md`;
  const text = rule === undefined ? description : `${rule.meta.docs.rationale}\n\nAWS documentation: ${rule.meta.docs.awsDocUrl}`;
  const options: ReportingDescriptor = {
    id, name: rule?.name ?? name,
    shortDescription: { text: description.slice(0, 1024) },
    fullDescription: { text: (rule?.meta.docs.rationale ?? description).slice(0, 1024) },
    help: { text, markdown: `${text}\n\n[${id} documentation](${helpUri})` },
    helpUri,
    defaultConfiguration: { level: LEVEL[rule?.meta.severity ?? severity] },
    properties: {
      tags: ['security', 'kms', ...(rule === undefined ? [] : [rule.meta.type, ...rule.meta.scope])].slice(0, 10),
      'security-severity': score.toFixed(1),
      precision: 'high',
      'problem.severity': (rule?.meta.severity ?? severity) === 'info' ? 'recommendation' : (rule?.meta.severity ?? severity),
    },
  };
  return new SarifRuleBuilder(options);
}

function artifactUri(file: string): string {
  return isAbsolute(file) ? pathToFileURL(file).href : file.split('\\').join('/');
}

/** Renders lint results as a SARIF 2.1.0 log (one run). */
export function renderSarif(results: readonly LintResult[], opts: SarifOptions): string {
  const builder = new SarifBuilder();
  const run = new SarifRunBuilder().initSimple({ toolDriverName: 'kms-authz', toolDriverVersion: opts.toolVersion, url: 'https://github.com/kms-authz/kms-authz' });
  const added = new Set<string>();
  const byId = new Map(Object.values(opts.rules).map((r) => [r.id, r]));
  // Every rule is listed, so that alerts can be closed when a finding goes away.
  for (const r of byId.values()) {
    added.add(r.id);
    run.addRule(ruleDescriptor(r, r.id, r.name, r.meta.severity));
  }
  for (const r of results) {
    for (const f of r.findings) {
      if (!added.has(f.ruleId)) {
        added.add(f.ruleId);
        run.addRule(ruleDescriptor(undefined, f.ruleId, f.name, f.severity));
      }
      const hash = createHash('sha256').update(`${f.ruleId}\0${r.file}\0${f.pointer}\0${contentOf(opts.inputs, f, r.file)}`).digest('hex');
      const result: SarifResult = {
        ruleId: f.ruleId,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: artifactUri(r.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) },
          },
          ...(f.resourceName === undefined ? {} : { logicalLocations: [{ name: f.resourceName, kind: 'resource' }] }),
        }],
        partialFingerprints: { 'kmsAuthzFinding/v1': hash, primaryLocationLineHash: `${hash.slice(0, 16)}:1` },
        properties: { pointer: f.pointer, name: f.name },
      };
      run.addResult(new SarifResultBuilder(result));
    }
  }
  builder.addRun(run);
  const log = builder.buildSarifOutput();
  // GitHub takes the 2.1.0 schema from schemastore; the builder's default points elsewhere.
  const out = { ...log, $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0' as const };
  return `${JSON.stringify(out, null, 2)}\n`;
}
