/**
 * @module lint
 * The lint engine's public face: `runLint` over read inputs with the built-in rules of rules/,
 * the rule-definition API for rule authors, and the config. Catalogue: lint-catalogue.md §6.
 */
import type { LintInput } from '../model/lint.js';
import { RULES } from '../../rules/index.js';
import { DEFAULT_LINT_CONFIG, type LintConfig } from './config.js';
import type { RuleRegistry } from './define-rule.js';
import { runRules, type LintResult } from './engine.js';

export { defineRule } from './define-rule.js';
export type {
  AnyRule, CaseTarget, ExistingTools, ExpectedError, FileContext, InvalidCase, LintSettings, OptionsSchema, ReportDescriptor,
  RuleCase, RuleContext, RuleDefinition, RuleMeta, RuleRegistry, RuleScope, RuleType, SuggestionDescriptor,
} from './define-rule.js';
export { runRules, type Finding, type FindingSuggestion, type LintResult, type RunOptions } from './engine.js';
export { DEFAULT_LINT_CONFIG, validateLintConfig, type LintConfig, type RuleLevel, type RuleSetting } from './config.js';
export { RuleTester, RuleCaseError, checkValidCase, checkInvalidCase, type TestHooks } from './rule-tester.js';
export { applyPatch } from './patch.js';
export { applyFixes, type AppliedFixes } from './fix.js';
export { lint, loadLintConfig, CONFIG_FILE_NAMES } from './api.js';
export { renderRuleDoc, renderRuleIndex } from './docs.js';
export { CATALOGUE_RULES } from './rule-ids.js';

/** Every built-in rule, keyed by id. */
export const BUILTIN_RULES: RuleRegistry = RULES;

/**
 * Lints read inputs (see src/sources `readLintInputs`) with every built-in rule, at the levels
 * and with the options of `config` (validated by loadLintConfig / validateLintConfig).
 */
export function runLint(inputs: readonly LintInput[], config: LintConfig = DEFAULT_LINT_CONFIG): LintResult[] {
  return runRules(inputs, config, RULES, { freeze: false });
}
