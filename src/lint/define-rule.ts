/**
 * @module lint/define-rule
 * The shape of a lint rule (style.md convention 7, after typescript-eslint's RuleCreator): metadata,
 * a `check` over one target, and the valid/invalid cases that test it and document it.
 * Rule catalogue: lint-catalogue.md §6. A rule file looks like rules/kms101-public-principal.ts:
 *
 * ```ts
 * export default defineRule({
 *   id: 'KMS103', name: 'allow-notprincipal',
 *   meta: { type: 'problem', severity: 'error', scope: ['key'], docs: {…}, existingTools: {…},
 *           messages: { allowNotPrincipal: 'statement `{{sid}}` allows everyone except the listed principals' } },
 *   check(ctx) {
 *     for (const s of ctx.statements()) if (s.effect === 'Allow' && s.principals?.not === true)
 *       ctx.report({ messageId: 'allowNotPrincipal', pointer: s.principals.pointer, data: { sid: s.ref.sid } });
 *   },
 *   cases: { valid: [{ policy: {…} }, …], invalid: [{ policy: {…}, errors: [{ messageId: 'allowNotPrincipal', pointer: '/Statement/0/NotPrincipal' }] }, …] },
 * });
 * ```
 */
import type { PatchOp, Position, Severity } from '../model/diagnostic.js';
import type { LintInput, LintTarget } from '../model/lint.js';
import type { Statement } from '../model/policy.js';
import type { PolicyKind } from '../model/refs.js';
import type { Prober } from './probe.js';

/** What a rule applies to: a policy kind, or a grant, key configuration or unresolved policy. */
export type RuleScope = PolicyKind | 'key-config' | 'unresolved';

/** problem: wrong or dangerous; suggestion: could be better; hardening: defence in depth. */
export type RuleType = 'problem' | 'suggestion' | 'hardening';

/** The ids of the existing tools' equivalent checks (catalogue columns), for docs and SARIF tags. */
export interface ExistingTools {
  readonly accessAnalyzer?: string;
  readonly parliament?: string;
  readonly checkov?: string;
  readonly trivy?: string;
  readonly kics?: string;
  readonly prowler?: string;
  readonly cfnLint?: string;
  readonly cfnNag?: string;
}

/** A JSON Schema for a rule's options (validated with ajv once, when the config is loaded). */
export type OptionsSchema = Readonly<Record<string, unknown>>;

/** A rule's metadata. `messages` are lowercase, no final period, `{{name}}` placeholders filled from `data`. */
export interface RuleMeta<M extends string, O> {
  readonly type: RuleType;
  /** Default severity; the config may change it. */
  readonly severity: Severity;
  /** The `[x.y]` security-severity of the catalogue (SARIF `security-severity`). */
  readonly securitySeverity?: number;
  readonly scope: readonly RuleScope[];
  readonly docs: { readonly description: string; readonly rationale: string; readonly awsDocUrl: string };
  readonly existingTools: ExistingTools;
  readonly messages: Readonly<Record<M, string>>;
  /** Default severity of particular messages (when the config does not set the rule's level). */
  readonly messageSeverity?: Readonly<Partial<Record<M, Severity>>>;
  /** JSON Schema of the options object; absent = the rule takes no options. */
  readonly options?: OptionsSchema;
  /** The options used when the config gives none (merged under the configured ones). */
  readonly defaultOptions?: O;
  /** The rule reports safe fixes (applied by `--fix`). */
  readonly fixable?: boolean;
  /** The rule reports suggestions (never applied automatically). */
  readonly hasSuggestions?: boolean;
}

/** A suggested change that could alter who has access, so it is shown but never auto-applied. */
export interface SuggestionDescriptor<M extends string> {
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly fix: readonly PatchOp[];
}

/** What a rule reports. Pointers and patch paths are taken from the model (see RuleContext.report). */
export interface ReportDescriptor<M extends string> {
  readonly messageId: M;
  readonly pointer: string;
  readonly data?: Readonly<Record<string, string | number>>;
  /** A safe mechanical fix (e.g. whitespace inside an action name), applied by `--fix`. */
  readonly fix?: readonly PatchOp[];
  readonly suggestions?: readonly SuggestionDescriptor<M>[];
  /** Overrides the position found from `pointer` (for a reader's diagnostic that knows better). */
  readonly position?: Position;
}

/** Settings shared by all rules, from the config file. */
export interface LintSettings {
  /** Accounts trusted for cross-account access (KMS102, KMS403). */
  readonly allowedAccounts: readonly string[];
  /** AWS Organizations ids trusted for cross-account access. */
  readonly allowedOrgIds: readonly string[];
}

/** What `check` receives for one target. The target is deep-frozen. */
export interface RuleContext<M extends string, O> {
  readonly target: LintTarget;
  readonly input: LintInput;
  /** The rule's options: `defaultOptions` overlaid with the configured ones. */
  readonly options: O;
  readonly settings: LintSettings;
  /**
   * Reports a finding. `pointer` (and each patch op `path`) is a pointer as the model holds it:
   * `statement.ref.pointer`, `value.pointer`, `clause.pointer`, `principals.pointer`, a
   * key-config `pointers[field]`, or one built from those with `appendPointer`. The engine makes
   * it absolute in the file and turns it into line and column.
   */
  report(descriptor: ReportDescriptor<M>): void;
  /** The statements of a policy target; empty for other targets. */
  statements(): readonly Statement[];
  /**
   * For a key policy target: tries requests against the key through the real evaluator
   * (src/authorize), e.g. "could a role in another account decrypt?". Undefined otherwise.
   */
  keyProber(): Prober | undefined;
}

/** Context for a rule's once-per-file hook (used by rules that read the reader's diagnostics). */
export interface FileContext<M extends string, O> {
  readonly input: LintInput;
  readonly options: O;
  readonly settings: LintSettings;
  /** Reports a finding; `pointer` is absolute in the file. */
  report(descriptor: ReportDescriptor<M>): void;
}

/** One expected error of an invalid case (ESLint RuleTester semantics: exact match, in order). */
export interface ExpectedError<M extends string> {
  readonly messageId: M;
  /** Absolute pointer in the case document (the case policy is the whole file, so `/Statement/0/…`). */
  readonly pointer: string;
  readonly line?: number;
  readonly column?: number;
  /** The document after applying this finding's fix; required when the finding has a fix. */
  readonly output?: unknown;
  /** The suggestions, in order, with the document each one produces. */
  readonly suggestions?: readonly { readonly messageId: M; readonly output: unknown }[];
}

/**
 * A test case. Give `policy` (any JSON value; it becomes the whole file and is read like a raw
 * policy file, its kind detected or set by `kind`), or `target` (a grant / key-config / unresolved
 * target without the bookkeeping fields, for rules that are not about policies).
 */
export interface RuleCase<O> {
  /** Shown by the test runner and in the generated docs. */
  readonly name?: string;
  readonly policy?: unknown;
  /** Raw file text instead of `policy` (e.g. for syntax errors); read as a raw policy file. */
  readonly text?: string;
  /** File name for `text` (its extension picks JSON or YAML); defaults to a `.json` name. */
  readonly file?: string;
  readonly kind?: PolicyKind;
  /** The key the case policy belongs to (its ARN gives the owner account). */
  readonly keyId?: string;
  readonly target?: CaseTarget;
  readonly options?: Partial<O>;
  readonly settings?: Partial<LintSettings>;
}

/** A non-policy target as written in a case: the engine fills `file`, `suppressions` and defaults. */
export type CaseTarget =
  | (Omit<Extract<LintTarget, { type: 'key-config' }>, 'file' | 'suppressions' | 'pointer' | 'pointers' | 'hasPolicy'> & {
      readonly pointers?: Readonly<Record<string, string>>;
      readonly hasPolicy?: Extract<LintTarget, { type: 'key-config' }>['hasPolicy'];
    })
  | Omit<Extract<LintTarget, { type: 'grant' }>, 'file' | 'suppressions' | 'pointer' | 'raw'>
  | Omit<Extract<LintTarget, { type: 'unresolved' }>, 'file' | 'suppressions' | 'pointer'>;

/** An invalid case: must produce exactly `errors`. */
export interface InvalidCase<M extends string, O> extends RuleCase<O> {
  readonly errors: readonly ExpectedError<M>[];
}

/** A rule as written in a rule file. */
export interface RuleDefinition<M extends string, O> {
  /** `KMSnnn`, as in lint-catalogue.md §6. */
  readonly id: string;
  /** kebab-case name, as in the catalogue. */
  readonly name: string;
  readonly meta: RuleMeta<M, O>;
  /** Runs once per target in the rule's scope. */
  check?(ctx: RuleContext<NoInfer<M>, O>): void;
  /** Runs once per input file, before the targets (optional). */
  checkFile?(ctx: FileContext<NoInfer<M>, O>): void;
  readonly cases: { readonly valid: readonly RuleCase<O>[]; readonly invalid: readonly InvalidCase<NoInfer<M>, O>[] };
}

/** A rule with its types erased, as the engine and the registry hold it. */
export type AnyRule = RuleDefinition<string, unknown>;

/** The rule registry of rules/index.ts: rule id → rule. Write `{ … } satisfies RuleRegistry`. */
export type RuleRegistry = Readonly<Record<string, AnyRule>>;

/**
 * Defines a rule. The message ids and the options type are inferred from `meta.messages` and
 * `meta.defaultOptions`, so `report({ messageId })` and the cases' `messageId`s are checked.
 */
export function defineRule<M extends string, O = Record<string, never>>(rule: RuleDefinition<M, O>): AnyRule {
  return rule;
}
