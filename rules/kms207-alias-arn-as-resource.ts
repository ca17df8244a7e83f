/**
 * KMS207 alias-arn-as-resource: an identity policy names an alias ARN as the resource of actions
 * that are authorized on the key, not the alias (Decrypt, Encrypt, GenerateDataKey, …). An alias
 * ARN there never matches; to allow use by alias, use the `kms:RequestAlias` or
 * `kms:ResourceAliases` condition keys with key ARNs.
 * https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/abac.html
 */
import { expandActions } from '../src/lint/actions.js';
import { actionInfo } from '../src/catalogue/index.js';
import { defineRule } from '../src/lint/define-rule.js';
import { identityPolicy } from './support/cases.js';

const ALIAS_ARN = /^arn:[^:]+:kms:[^:]*:[^:]*:alias\//;

export default defineRule({
  id: 'KMS207',
  name: 'alias-arn-as-resource',
  meta: {
    type: 'problem',
    severity: 'warning',
    scope: ['identity'],
    docs: {
      description: 'An identity policy uses an alias ARN as the resource of key operations such as `kms:Decrypt`.',
      rationale: 'KMS authorizes cryptographic operations on the key, never on the alias used to name it, so an alias ARN in `Resource` grants nothing for them. Use the key ARN, or `"Resource": "*"` with a `kms:ResourceAliases`/`kms:RequestAlias` condition.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html',
    },
    existingTools: { parliament: 'RESOURCE_MISMATCH (gen., part.)', cfnLint: 'I3510 (part.)' },
    messages: { aliasResource: 'alias ARN `{{resource}}` does not authorize `{{action}}`: use a key ARN or `kms:ResourceAliases`' },
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      if (s.effect !== 'Allow' || s.resources === undefined || s.resources.not) continue;
      const keyOnly = [...expandActions(s.actions)].filter((a) => !(actionInfo(a)?.resources.includes('alias') ?? true)).sort();
      if (keyOnly.length === 0) continue;
      for (const v of s.resources.values) {
        if (ALIAS_ARN.test(v.raw.replace(/\s+/g, ''))) ctx.report({ messageId: 'aliasResource', pointer: v.pointer, data: { resource: v.raw, action: keyOnly[0] ?? '' } });
      }
    }
  },
  cases: {
    valid: [
      { name: 'alias ARN for alias management', policy: identityPolicy({ Effect: 'Allow', Action: ['kms:CreateAlias', 'kms:DeleteAlias'], Resource: 'arn:aws:kms:us-east-1:111122223333:alias/app' }) },
      { name: 'ResourceAliases condition', policy: identityPolicy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/app' } } }) },
    ],
    invalid: [
      { name: 'Decrypt on an alias ARN', policy: identityPolicy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:alias/app' }), errors: [{ messageId: 'aliasResource', pointer: '/Statement/0/Resource' }] },
      { name: 'mixed list', policy: identityPolicy({ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:GenerateDataKey'], Resource: ['arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'arn:aws:kms:us-east-1:111122223333:alias/app'] }), errors: [{ messageId: 'aliasResource', pointer: '/Statement/0/Resource/1' }] },
    ],
  },
});
