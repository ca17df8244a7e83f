/**
 * The rule registry: rule id → rule (lint-catalogue.md §6). Every file in rules/ is registered
 * here, and test/rules-meta.test.ts checks both directions.
 */
import type { RuleRegistry } from '../src/lint/define-rule.js';
import kms101 from './kms101-public-principal.js';
import kms103 from './kms103-allow-notprincipal.js';
import kms105 from './kms105-dangling-principal-id.js';
import kms209 from './kms209-allow-not-action-resource.js';

/** Every built-in rule, keyed by id. */
export const RULES = {
  KMS101: kms101,
  KMS103: kms103,
  KMS105: kms105,
  KMS209: kms209,
} satisfies RuleRegistry;
