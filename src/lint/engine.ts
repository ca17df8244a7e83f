/**
 * @module lint/engine
 * Runs the rules over read inputs (style.md convention 7). Targets are deep-frozen before any rule
 * sees them; rule levels and options come from the config; inline suppressions drop findings and
 * are counted. Output shape: contract.md "lint --format json".
 */
import type { PatchOp, Severity } from '../model/diagnostic.js';
import type { LintInput, LintTarget, PolicyTarget, StatementSuppression } from '../model/lint.js';
import type { Statement } from '../model/policy.js';
import type { LintSettings, ReportDescriptor, RuleRegistry, RuleScope } from './define-rule.js';
import { resolveRuleConfigs, type LintConfig, type ResolvedRule } from './config.js';
import { absoluteFix, absolutePointer } from './pointers.js';
import { sidSuppressions, suppressionCovers } from '../sources/suppressions.js';
import { proberFor, type Prober } from './probe.js';

/** A suggested change, never applied automatically. */
export interface FindingSuggestion {
  readonly messageId: string;
  readonly message: string;
  readonly fix: readonly PatchOp[];
}

/** One finding (the contract's lint json shape, plus `messageId` and `suggestions`). */
export interface Finding {
  readonly ruleId: string;
  readonly name: string;
  readonly messageId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  /** Absolute RFC 6901 pointer of the target value (src/sources finishResults maps it into the file). */
  readonly pointer: string;
  /** Safe fix as JSON Patch ops against the file's document, or null. */
  readonly fix: readonly PatchOp[] | null;
  readonly suggestions?: readonly FindingSuggestion[];
  /** CloudFormation logical id / Terraform address of the target, when known. */
  readonly resourceName?: string;
}

/** The findings of one file. `suppressed` counts findings dropped by inline suppressions. */
export interface LintResult {
  readonly file: string;
  readonly findings: readonly Finding[];
  readonly suppressed: number;
}

/** The scope a target falls in. */
export function scopeOf(target: LintTarget): RuleScope {
  switch (target.type) {
    case 'policy':
      return target.kind;
    case 'grant':
      return 'grant';
    case 'key-config':
      return 'key-config';
    case 'unresolved':
      return 'unresolved';
  }
}

/**
 * Freezes a value and everything reachable from it (Maps and Sets included), in place. An object
 * already frozen is taken as deeply frozen, which also makes cycles safe (frozen before descending).
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) freezeObject(value);
  return value;
}

// Hot (every target of every linted file): primitives are skipped before the call, and arrays are
// walked by index rather than `for…in`, which enumerates them as strings through the prototype chain.
function freezeObject(o: object): void {
  Object.freeze(o);
  if (Array.isArray(o)) {
    for (const v of o as unknown[]) if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) freezeObject(v);
  } else if (o instanceof Map) {
    for (const [k, v] of o as Map<unknown, unknown>) {
      deepFreeze(k);
      deepFreeze(v);
    }
  } else if (o instanceof Set) {
    for (const v of o as Set<unknown>) deepFreeze(v);
  } else {
    for (const v of Object.values(o)) if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) freezeObject(v as object);
  }
}

/** Fills `{{name}}` placeholders; an unknown placeholder is left as written. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => {
    const v = data?.[name];
    return v === undefined ? whole : String(v);
  });
}

const NO_STATEMENTS: readonly Statement[] = Object.freeze([]);

type ActiveRule = ResolvedRule;

/** How {@link runRules} runs. */
export interface RunOptions {
  /**
   * Deep-freeze each target before rules see it (default true), so a rule that mutates the model
   * throws instead of changing what later rules see. The built-in rules are held to this by the
   * RuleTester (every case runs frozen) and the never-throws tests, so `runLint` and `lint` turn
   * it off: freezing cost about a third of lint time (bench/lint.ts), as ESLint, which freezes
   * the AST only in its RuleTester, also judged.
   */
  readonly freeze?: boolean;
}

/**
 * Lints read inputs with the given rules. The config's levels and options must already be
 * validated (loadLintConfig / validateLintConfig do that); a rule the config does not name runs
 * at its default severity with its default options.
 */
export function runRules(inputs: readonly LintInput[], config: LintConfig, rules: RuleRegistry, opts: RunOptions = {}): LintResult[] {
  const settings: LintSettings = { allowedAccounts: config.allowedAccounts, allowedOrgIds: config.allowedOrgIds };
  const active = resolveRuleConfigs(config, rules);
  // The rules of each scope, worked out once per run rather than per target.
  const byScope = new Map<RuleScope, ActiveRule[]>();
  const rulesFor = (scope: RuleScope): readonly ActiveRule[] => {
    let list = byScope.get(scope);
    if (list === undefined) {
      list = active.filter((a) => a.rule.check !== undefined && a.rule.meta.scope.includes(scope));
      byScope.set(scope, list);
    }
    return list;
  };
  const freeze = opts.freeze !== false;
  return inputs.map((input) => lintInput(input, active, rulesFor, settings, freeze));
}

function lintInput(input: LintInput, active: readonly ActiveRule[], rulesFor: (scope: RuleScope) => readonly ActiveRule[], settings: LintSettings, freeze: boolean): LintResult {
  const findings: Finding[] = [];
  let suppressed = 0;
  const emit = (a: ActiveRule, d: ReportDescriptor<string>, target: LintTarget | undefined): void => {
    if (isSuppressed(a.rule.id, d.pointer, target)) {
      suppressed++;
      return;
    }
    findings.push(toFinding(a, d, input, target));
  };
  // A file-level report inside a target (a reader's diagnostic, KMS109) honours that target's
  // suppressions; its pointer is already absolute, so it is made relative for the check.
  const emitFileLevel = (a: ActiveRule, d: ReportDescriptor<string>): void => {
    const owner = ownerTarget(input, d.pointer);
    if (owner !== undefined && isSuppressed(a.rule.id, owner.type === 'policy' ? d.pointer.slice(owner.pointer.length) : d.pointer, owner)) {
      suppressed++;
      return;
    }
    findings.push(toFinding(a, d, input, undefined));
  };
  for (const a of active) {
    if (a.rule.checkFile === undefined) continue;
    a.rule.checkFile({ input, options: a.options, settings, report: (d) => { emitFileLevel(a, d); } });
  }
  for (const target of input.targets) {
    if (freeze) deepFreeze(target);
    const scope = scopeOf(target);
    const statements = target.type === 'policy' ? target.policy.statements : NO_STATEMENTS;
    let prober: Prober | undefined;
    // Built on first use only: compiling a world costs more than every static rule together.
    const keyProber = (): Prober | undefined => {
      if (target.type !== 'policy' || target.kind !== 'key') return undefined;
      prober ??= proberFor(target);
      return prober;
    };
    // One context per target, re-aimed at each rule: rules use it synchronously, and this keeps
    // the per-rule cost to a property write (62 rules × every target).
    let current: ActiveRule | undefined;
    const ctx = {
      target, input, settings, keyProber, options: undefined as unknown,
      statements: () => statements,
      report: (d: ReportDescriptor<string>) => { if (current !== undefined) emit(current, d, target); },
    };
    for (const a of rulesFor(scope)) {
      current = a;
      ctx.options = a.options;
      try {
        a.rule.check?.(ctx);
      } catch (e) {
        // INVARIANT: rules never throw on user input; a throw is a bug in the rule, so say which.
        throw new Error(`rule ${a.rule.id} failed on ${input.file}${target.pointer === '' ? '' : `#${target.pointer}`}`, { cause: e });
      }
    }
  }
  findings.sort((x, y) => x.line - y.line || x.column - y.column || x.ruleId.localeCompare(y.ruleId) || x.pointer.localeCompare(y.pointer));
  return { file: input.file, findings, suppressed };
}

/** The innermost target whose pointer contains `pointer` (absolute), if any. */
function ownerTarget(input: LintInput, pointer: string): LintTarget | undefined {
  let best: LintTarget | undefined;
  for (const t of input.targets) {
    const inside = t.pointer === '' || pointer === t.pointer || pointer.startsWith(`${t.pointer}/`);
    if (inside && (best === undefined || t.pointer.length > best.pointer.length)) best = t;
  }
  return best;
}

/** A target-wide suppression, or a statement suppression (src/sources Sid convention) covering the pointer. */
function isSuppressed(ruleId: string, pointer: string, target: LintTarget | undefined): boolean {
  if (target === undefined) return false;
  if (target.suppressions.has(ruleId)) return true;
  if (target.type !== 'policy') return false;
  return statementSuppressionsOf(target).some((s) => suppressionCovers(s, ruleId, pointer));
}

const sidMemo = new WeakMap<PolicyTarget, readonly StatementSuppression[]>();

/**
 * The Sid-form suppressions of a policy target: as the readers recorded them, or read from the
 * Sids here, so a LintInput built by a library caller honours them the same way (one mechanism).
 */
function statementSuppressionsOf(target: PolicyTarget): readonly StatementSuppression[] {
  if (target.statementSuppressions !== undefined) return target.statementSuppressions;
  let found = sidMemo.get(target);
  if (found === undefined) {
    found = sidSuppressions(target.policy).valid;
    sidMemo.set(target, found);
  }
  return found;
}

/**
 * Pointers and fix paths stay in target space (absolute, before `input.filePointer`): the
 * readers' finishResults and applyFixes (src/sources) map them into the file and skip read-only
 * values, so they must not be mapped twice.
 */
function filePatch(ops: readonly PatchOp[]): readonly PatchOp[] | null {
  return ops.length === 0 ? null : ops;
}

function toFinding(a: ActiveRule, d: ReportDescriptor<string>, input: LintInput, target: LintTarget | undefined): Finding {
  const messages: Readonly<Record<string, string>> = a.rule.meta.messages;
  const pointer = absolutePointer(target, d.pointer);
  const pos = d.position ?? input.locate(pointer);
  const fix = d.fix === undefined ? null : filePatch(absoluteFix(target, d.fix));
  const finding: Finding = {
    ruleId: a.rule.id,
    name: a.rule.name,
    messageId: d.messageId,
    severity: a.levelConfigured ? a.severity : (a.rule.meta.messageSeverity?.[d.messageId] ?? a.severity),
    message: formatMessage(messages[d.messageId] ?? d.messageId, d.data),
    line: pos.line,
    column: pos.column,
    pointer,
    fix,
    ...(target?.resourceName === undefined ? {} : { resourceName: target.resourceName }),
  };
  if (d.suggestions === undefined || d.suggestions.length === 0) return finding;
  const suggestions = d.suggestions.flatMap((s) => {
    const fix = filePatch(absoluteFix(target, s.fix));
    return fix === null ? [] : [{ messageId: s.messageId, message: formatMessage(messages[s.messageId] ?? s.messageId, s.data), fix }];
  });
  if (suggestions.length === 0) return finding;
  return { ...finding, suggestions };
}
