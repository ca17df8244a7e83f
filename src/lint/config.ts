/**
 * @module lint/config
 * The lint configuration (`.kms-authz.yaml`): rule levels (`off|info|warning|error`) and options,
 * plus the accounts and organizations trusted for cross-account access. Shape:
 * schemas/lint-config.schema.json. Each rule's options are checked against its own schema, compiled
 * once per rule. Level names follow ESLint's configuration (https://eslint.org/docs/latest/use/configure/rules).
 */
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostic, Severity } from '../model/diagnostic.js';
import type { Locator } from '../model/lint.js';
import { err, ok, type Result } from '../model/result.js';
import type { AnyRule, RuleRegistry } from './define-rule.js';
import configSchema from '../../schemas/lint-config.schema.json' with { type: 'json' };

/** A rule level; `off` disables the rule. */
export type RuleLevel = 'off' | Severity;

/** One rule's setting. */
export interface RuleSetting {
  readonly level?: RuleLevel;
  readonly options?: Readonly<Record<string, unknown>>;
}

/** A validated lint configuration. `rules` is keyed by rule id or name, as written. */
export interface LintConfig {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly allowedAccounts: readonly string[];
  readonly allowedOrgIds: readonly string[];
}

/** The configuration used when none is given: every rule at its default level. */
export const DEFAULT_LINT_CONFIG: LintConfig = Object.freeze({ rules: Object.freeze({}), allowedAccounts: Object.freeze([]), allowedOrgIds: Object.freeze([]) });

// ajv is loaded and the schema compiled on first use: `kms-authz lint` without a config file
// never validates one, and its cold start matters (lint-catalogue.md §4, pre-commit use).
let ajvInstance: AjvClass | undefined;
let shapeValidator: ValidateFunction | undefined;
const optionValidators = new WeakMap<AnyRule, ValidateFunction>();

function ajv(): AjvClass {
  if (ajvInstance === undefined) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    ajvInstance = new Ajv({ allErrors: true, strict: false });
  }
  return ajvInstance;
}

function validateShape(value: unknown): ValidateFunction {
  shapeValidator ??= ajv().compile(configSchema);
  shapeValidator(value);
  return shapeValidator;
}

function optionsValidator(rule: AnyRule): ValidateFunction | undefined {
  const schema = rule.meta.options;
  if (schema === undefined) return undefined;
  let v = optionValidators.get(rule);
  if (v === undefined) {
    v = ajv().compile(schema);
    optionValidators.set(rule, v);
  }
  return v;
}

/** Where a config value came from, to give diagnostics line and column. */
export interface ConfigSource {
  readonly file: string;
  readonly locate: Locator;
}

function diagnostic(src: ConfigSource, pointer: string, messageId: string, message: string): Diagnostic {
  const pos = src.locate(pointer);
  return { code: `config/${messageId}`, messageId, severity: 'error', message, file: src.file, pointer, line: pos.line, column: pos.column };
}

function ajvDiagnostics(src: ConfigSource, base: string, errors: readonly ErrorObject[]): Diagnostic[] {
  // oneOf reports every branch; keep the most specific errors and drop the summary.
  const useful = errors.filter((e) => e.keyword !== 'oneOf');
  return useful.map((e) => {
    const extra = e.keyword === 'additionalProperties' ? `/${(e.params as { additionalProperty: string }).additionalProperty}` : '';
    const pointer = `${base}${e.instancePath}${extra}`;
    const what = extra === '' ? (e.message ?? 'is invalid') : 'is not a known setting';
    return diagnostic(src, pointer, `schema-${e.keyword}`, `\`${pointer === '' ? '/' : pointer}\` ${what}`);
  });
}

/** Finds a rule by id (`KMS101`) or name (`public-principal`). */
export function findRule(rules: RuleRegistry, key: string): AnyRule | undefined {
  return rules[key] ?? Object.values(rules).find((r) => r.name === key);
}

function settingOf(raw: unknown): RuleSetting {
  return typeof raw === 'string' ? { level: raw as RuleLevel } : (raw as RuleSetting);
}

/**
 * Validates a parsed config value against schemas/lint-config.schema.json, checks that every
 * rule it names exists and that its options satisfy the rule's options schema.
 */
export function validateLintConfig(value: unknown, rules: RuleRegistry, src: ConfigSource): Result<LintConfig, Diagnostic[]> {
  const doc = value ?? {};
  const shape = validateShape(doc);
  if (shape.errors !== null && shape.errors !== undefined && shape.errors.length > 0) return err(ajvDiagnostics(src, '', shape.errors));
  const shaped = doc as { rules?: Record<string, unknown>; allowedAccounts?: string[]; allowedOrgIds?: string[] };
  const out: Record<string, RuleSetting> = {};
  const problems: Diagnostic[] = [];
  for (const [key, raw] of Object.entries(shaped.rules ?? {})) {
    const pointer = `/rules/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const rule = findRule(rules, key);
    if (rule === undefined) {
      problems.push(diagnostic(src, pointer, 'unknown-rule', `unknown rule \`${key}\``));
      continue;
    }
    const setting = settingOf(raw);
    if (setting.options !== undefined) {
      const v = optionsValidator(rule);
      if (v === undefined) problems.push(diagnostic(src, `${pointer}/options`, 'no-options', `rule \`${rule.id}\` takes no options`));
      else if (!v({ ...(rule.meta.defaultOptions as object | undefined), ...setting.options })) problems.push(...ajvDiagnostics(src, `${pointer}/options`, v.errors ?? []));
    }
    out[key] = setting;
  }
  if (problems.length > 0) return err(problems);
  return ok({ rules: out, allowedAccounts: shaped.allowedAccounts ?? [], allowedOrgIds: shaped.allowedOrgIds ?? [] });
}

/** A rule as the engine runs it: its effective severity and options. */
export interface ResolvedRule {
  readonly rule: AnyRule;
  readonly severity: Severity;
  /** The config set the level, overriding `meta.messageSeverity`. */
  readonly levelConfigured: boolean;
  readonly options: unknown;
}

/** The rules to run under a validated config (rules set to `off` are left out). */
export function resolveRuleConfigs(config: LintConfig, rules: RuleRegistry): ResolvedRule[] {
  const out: ResolvedRule[] = [];
  for (const rule of Object.values(rules)) {
    const setting = config.rules[rule.id] ?? config.rules[rule.name] ?? {};
    const level = setting.level ?? rule.meta.severity;
    if (level === 'off') continue;
    const options = rule.meta.defaultOptions === undefined && setting.options === undefined ? {} : { ...(rule.meta.defaultOptions as object | undefined), ...setting.options };
    out.push({ rule, severity: level, levelConfigured: setting.level !== undefined, options });
  }
  return out;
}
