/**
 * KMS505 implicit-default-policy: a key created without a key policy, so KMS attaches its default
 * policy (one statement: the account root may do `kms:*`, delegating all access to IAM). That is
 * safe, but the template does not show who can use the key, and policy validators see nothing to
 * check. An unknown policy (a computed Terraform value) is KMS704's, not this rule's.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
import { defineRule } from '../src/lint/define-rule.js';

export default defineRule({
  id: 'KMS505',
  name: 'implicit-default-policy',
  meta: {
    type: 'suggestion',
    severity: 'info',
    scope: ['key-config'],
    docs: {
      description: 'The key has no `KeyPolicy`/`policy`, so the AWS default key policy (account root: `kms:*`) applies.',
      rationale: 'The default key policy hands every decision to IAM policies in the account. That works, but nobody reading the template can see who may use the key, and nothing reviews it. Write the key policy out, even when it is the default.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html',
    },
    existingTools: { checkov: 'CKV2_AWS_64', kics: '7ebc9038/da905474 (treat as vulnerable)' },
    messages: { noPolicy: 'the key has no key policy: the AWS default policy (account root `kms:*`) applies' },
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type === 'key-config' && t.hasPolicy === false) ctx.report({ messageId: 'noPolicy', pointer: t.pointer });
  },
  cases: {
    valid: [
      { name: 'a key policy is given', target: { type: 'key-config', hasPolicy: true } },
      { name: 'a key policy is given, other fields unknown', target: { type: 'key-config', keySpec: { unknown: true, reason: 'Fn::ImportValue' } } },
    ],
    invalid: [
      { name: 'no key policy', target: { type: 'key-config', hasPolicy: false }, errors: [{ messageId: 'noPolicy', pointer: '' }] },
      { name: 'no key policy on a rotating key', target: { type: 'key-config', hasPolicy: false, enableKeyRotation: true }, errors: [{ messageId: 'noPolicy', pointer: '' }] },
    ],
  },
});
