/**
 * KMS704 unresolved-policy: a policy whose content cannot be known at lint time (a Terraform value
 * known only after apply, an unresolved CloudFormation intrinsic, `Fn::Transform`, a custom
 * resource's attribute, a dynamic reference). Such a policy is reported as unknown, never passed
 * in silence: tf-policy-validator skips computed policies without a word, and Access Analyzer can
 * only validate the document it is given.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-validation.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
import { defineRule } from '../src/lint/define-rule.js';
import { rootedKeyPolicy } from './support/cases.js';

export default defineRule({
  id: 'KMS704',
  name: 'unresolved-policy',
  meta: {
    type: 'problem',
    severity: 'warning',
    scope: ['unresolved'],
    docs: {
      description: 'A policy (or part of one) is unknown at lint time: Terraform `after_unknown`, an unresolved CloudFormation intrinsic, `Fn::Transform`, a custom-resource `GetAtt`, a dynamic reference.',
      rationale:
        'A check that cannot see a policy has not passed it. Reporting it keeps the gap visible: lint the resolved policy (for example from `terraform show -json` after apply, or `aws kms get-key-policy`), or suppress this finding with a reason once it is reviewed.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-validation.html',
    },
    existingTools: { checkov: '(part.) EVAL_TF_PLAN_AFTER_UNKNOWN' },
    messages: { unresolved: 'this {{kind}} policy is not known at lint time ({{reason}}): its access is unknown, not checked' },
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type === 'unresolved') ctx.report({ messageId: 'unresolved', pointer: t.pointer, data: { kind: t.kind, reason: t.reason } });
  },
  cases: {
    valid: [
      { name: 'a resolved key policy', policy: rootedKeyPolicy() },
      { name: 'a key configuration', target: { type: 'key-config', enableKeyRotation: true } },
    ],
    invalid: [
      { name: 'a Terraform key policy known only after apply', target: { type: 'unresolved', kind: 'key', reason: 'after_unknown' }, errors: [{ messageId: 'unresolved', pointer: '' }] },
      { name: 'an identity policy from Fn::ImportValue', target: { type: 'unresolved', kind: 'identity', reason: 'Fn::ImportValue' }, errors: [{ messageId: 'unresolved', pointer: '' }] },
    ],
  },
});
