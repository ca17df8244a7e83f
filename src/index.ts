/**
 * kms-authz: who can do what with an AWS KMS key, and why.
 * The public library entry. Only what is meant to be public is exported here.
 * @packageDocumentation
 */
export type { Diagnostic, Severity, Position, PatchOp } from './model/diagnostic.js';
export type { PolicyKind, PolicyRef, StatementRef } from './model/refs.js';
export type { NormalizedPolicy, Statement, NormalizedGrant } from './model/policy.js';
