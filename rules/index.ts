/**
 * The rule registry: rule id → rule (lint-catalogue.md §6). Every file in rules/ is registered
 * here, and test/rules-meta.test.ts checks both directions.
 */
import type { RuleRegistry } from '../src/lint/define-rule.js';
import kms001 from './kms001-policy-parse.js';
import kms002 from './kms002-version.js';
import kms003 from './kms003-statement-shape.js';
import kms004 from './kms004-sid.js';
import kms005 from './kms005-empty-element.js';
import kms006 from './kms006-redundancy.js';
import kms007 from './kms007-policy-size.js';
import kms008 from './kms008-policy-variable.js';
import kms101 from './kms101-public-principal.js';
import kms102 from './kms102-cross-account-principal.js';
import kms103 from './kms103-allow-notprincipal.js';
import kms104 from './kms104-principal-format.js';
import kms105 from './kms105-dangling-principal-id.js';
import kms106 from './kms106-service-principal-unscoped.js';
import kms107 from './kms107-caller-account-unscoped-principal.js';
import kms108 from './kms108-viaservice-only-scope.js';
import kms109 from './kms109-principal-must-exist.js';
import kms110 from './kms110-key-policy-lockout.js';
import kms111 from './kms111-bypass-lockout-safety-check.js';
import kms112 from './kms112-no-iam-delegation.js';
import kms113 from './kms113-admin-has-crypto.js';
import kms114 from './kms114-admin-wildcard-creategrant.js';
import kms201 from './kms201-unknown-action.js';
import kms202 from './kms202-non-kms-action-in-key-policy.js';
import kms203 from './kms203-key-policy-resource.js';
import kms204 from './kms204-iam-crypto-on-all-keys.js';
import kms205 from './kms205-iam-full-kms.js';
import kms206 from './kms206-iam-key-management-unscoped.js';
import kms207 from './kms207-alias-arn-as-resource.js';
import kms208 from './kms208-arn-format.js';
import kms209 from './kms209-allow-not-action-resource.js';
import kms210 from './kms210-wildcard-service-name.js';
import kms301 from './kms301-forallvalues-single-valued.js';
import kms302 from './kms302-forallvalues-without-null-guard.js';
import kms303 from './kms303-missing-set-qualifier.js';
import kms304 from './kms304-ifexists-on-scoping-key.js';
import kms305 from './kms305-viaservice-format.js';
import kms306 from './kms306-condition-type-mismatch.js';
import kms307 from './kms307-unknown-condition-key.js';
import kms308 from './kms308-wildcard-without-like.js';
import kms309 from './kms309-null-misuse.js';
import kms310 from './kms310-sourceip-on-kms.js';
import kms311 from './kms311-encryption-context-deny-bypass.js';
import kms401 from './kms401-create-grant-unscoped.js';
import kms402 from './kms402-grant-redelegation.js';
import kms403 from './kms403-grant-external-grantee.js';
import kms404 from './kms404-grant-without-constraints.js';
import kms405 from './kms405-grant-admin-ops.js';
import kms501 from './kms501-rotation-disabled.js';
import kms502 from './kms502-rotation-period.js';
import kms503 from './kms503-key-disabled.js';
import kms504 from './kms504-deletion-window.js';
import kms505 from './kms505-implicit-default-policy.js';
import kms506 from './kms506-multi-region-key.js';
import kms507 from './kms507-cfn-deletion-policy.js';
import kms508 from './kms508-enclave-attestation.js';
import kms601 from './kms601-scp-grammar.js';
import kms602 from './kms602-org-kms-guardrails.js';
import kms701 from './kms701-effective-exposure.js';
import kms702 from './kms702-access-not-granted.js';
import kms703 from './kms703-no-new-access.js';
import kms704 from './kms704-unresolved-policy.js';

/** Every built-in rule, keyed by id. */
export const RULES = {
  KMS001: kms001,
  KMS002: kms002,
  KMS003: kms003,
  KMS004: kms004,
  KMS005: kms005,
  KMS006: kms006,
  KMS007: kms007,
  KMS008: kms008,
  KMS101: kms101,
  KMS102: kms102,
  KMS103: kms103,
  KMS104: kms104,
  KMS105: kms105,
  KMS106: kms106,
  KMS107: kms107,
  KMS108: kms108,
  KMS109: kms109,
  KMS110: kms110,
  KMS111: kms111,
  KMS112: kms112,
  KMS113: kms113,
  KMS114: kms114,
  KMS201: kms201,
  KMS202: kms202,
  KMS203: kms203,
  KMS204: kms204,
  KMS205: kms205,
  KMS206: kms206,
  KMS207: kms207,
  KMS208: kms208,
  KMS209: kms209,
  KMS210: kms210,
  KMS301: kms301,
  KMS302: kms302,
  KMS303: kms303,
  KMS304: kms304,
  KMS305: kms305,
  KMS306: kms306,
  KMS307: kms307,
  KMS308: kms308,
  KMS309: kms309,
  KMS310: kms310,
  KMS311: kms311,
  KMS401: kms401,
  KMS402: kms402,
  KMS403: kms403,
  KMS404: kms404,
  KMS405: kms405,
  KMS501: kms501,
  KMS502: kms502,
  KMS503: kms503,
  KMS504: kms504,
  KMS505: kms505,
  KMS506: kms506,
  KMS507: kms507,
  KMS508: kms508,
  KMS601: kms601,
  KMS602: kms602,
  KMS701: kms701,
  KMS702: kms702,
  KMS703: kms703,
  KMS704: kms704,
} satisfies RuleRegistry;
