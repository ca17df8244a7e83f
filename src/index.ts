/**
 * kms-authz: who can do what with an AWS KMS key, and why.
 * The public library entry. Only what is meant to be public is exported here.
 * @packageDocumentation
 */
export type { Diagnostic, Severity, Position, PatchOp } from './model/diagnostic.js';
export type { PolicyKind, PolicyRef, StatementRef } from './model/refs.js';
export type { NormalizedPolicy, Statement, NormalizedGrant } from './model/policy.js';
// Foundation: reading documents, parsing policies and grants, compiling, the KMS catalogue.
export { readDocument, loadDocument } from './source/document.js';
export type { ReadResult, Locator } from './source/document.js';
export { encodePointer, decodePointer, appendPointer } from './source/pointer.js';
export { parsePolicy } from './parse/policy.js';
export type { ParsePolicyOptions, ParsePolicyResult } from './parse/policy.js';
export { parseGrant } from './parse/grant.js';
export type { ParseGrantOptions, ParseGrantResult } from './parse/grant.js';
export { compilePolicy } from './compile/policy.js';
export { compileWildcard, compileArnPattern } from './compile/wildcard.js';
export type { CompiledPolicy, CompiledStatement, CompiledPrincipal, CompiledCondition } from './compile/types.js';
export {
  actionInfo, actionsForOperation, conditionKeyInfo, keyStateError, suggestAction,
  KMS_ACTIONS, KMS_OPERATIONS, GRANT_OPERATIONS, CONDITION_KEYS, KEY_STATES,
} from './catalogue/index.js';
export type { ActionInfo, ConditionKeyInfo, KeyState, KmsStateError } from './catalogue/index.js';
export { validateShape } from './parse/shape.js';
export type { ShapeName, ShapeWhere, WorldInput, RequestInput, PolicyTestFileInput, GrantInput, PolicyDocumentInput } from './parse/shape.js';
export { toPolicyDocument } from './parse/serialize.js';
// The evaluator: worlds, authorization decisions with reasons, explanations, policy tests.
export { loadWorld, compileWorld, compileKey } from './world/index.js';
export type { LoadWorldOptions, CompileKeyOptions, World, WorldKey, WorldPrincipal, WorldGrant, WorldAccount, WorldOrganization, WorldOrgNode, WorldVpcEndpoint, CompiledWorld, CompiledKey, ResolvedPrincipal } from './world/index.js';
export { authorize, type AuthorizeOptions } from './authorize/index.js';
export type { AuthzRequest, Decision, DecisionKind, DecisionLayer, Reason, MissingAllow, DecisionError, EvalIssue, TraceEvent, GrantRequest, RequestContextInput } from './model/decision.js';
export { explain, type Explanation, type ExplainMode } from './explain/explain.js';
export { runTestFile, type CaseResult, type FileResult } from './explain/policy-tests.js';
export { readCloudTrail, type CloudTrailRequest } from './sources/cloudtrail.js';
// The simulated KMS (every operation authorized through `authorize`).
export { createKms, WorldError, type Kms, type KmsOptions, type KmsResult, type Caller } from './backend/kms.js';
export { KMS_ERRORS, type KmsError, type KmsErrorType } from './backend/errors.js';
export type { AuditEvent, AuditExplanation } from './backend/audit.js';
// Lint inputs: every real-world input shape read into lint targets with positions.
export { readLintInputs, readLintInputFromText } from './sources/index.js';
export type { ReadInputsOptions, ReadTextOptions } from './sources/index.js';
export type { LintInput, LintTarget, PolicyTarget, GrantTarget, KeyConfigTarget, UnresolvedTarget } from './model/lint.js';
// The lint engine and its rules (lint-catalogue.md §6): run, configure, fix, write rules.
export { lint, runLint, loadLintConfig, validateLintConfig, applyFixes, defineRule, RuleTester, BUILTIN_RULES, DEFAULT_LINT_CONFIG } from './lint/index.js';
export type {
  LintResult, Finding, FindingSuggestion, LintConfig, RuleLevel, RuleSetting, AppliedFixes, AnyRule, RuleDefinition, RuleMeta, RuleContext,
  RuleCase, InvalidCase, ExpectedError, ReportDescriptor, RuleRegistry, RuleScope, LintSettings,
} from './lint/index.js';
// The AWS-compatible endpoint over the simulated KMS (JSON 1.1, SigV4, STS, admin path).
export { startServer, type StartServerOptions, type RunningServer } from './server/start.js';
