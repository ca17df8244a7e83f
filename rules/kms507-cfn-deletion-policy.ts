/**
 * KMS507 cfn-deletion-policy: a CloudFormation (or CDK) `AWS::KMS::Key` whose `DeletionPolicy` or
 * `UpdateReplacePolicy` is not `Retain`/`RetainExceptOnCreate`. The default is `Delete`: deleting
 * the stack, or a change that replaces the key, schedules the key for deletion, and with it every
 * ciphertext it protects. Other inputs have no such attributes, so the rule looks only at
 * CloudFormation and CDK files, or at targets that state one of the attributes.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kms-key.html
 */
import { defineRule } from '../src/lint/define-rule.js';

const RETAINED = new Set(['Retain', 'RetainExceptOnCreate']);
const CFN_SHAPES = new Set(['cloudformation', 'cdk']);

export default defineRule({
  id: 'KMS507',
  name: 'cfn-deletion-policy',
  meta: {
    type: 'problem',
    severity: 'warning',
    scope: ['key-config'],
    docs: {
      description: 'A CloudFormation `AWS::KMS::Key` has no `DeletionPolicy: Retain` and `UpdateReplacePolicy: Retain`.',
      rationale: 'CloudFormation deletes resources with the stack by default; for a KMS key that means scheduling its deletion, after which nothing encrypted under it can be read. A replacing update does the same to the old key. Set both attributes to `Retain`.',
      awsDocUrl: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html',
    },
    existingTools: {},
    messages: {
      deletionPolicy: '`DeletionPolicy` is `{{value}}`: deleting the stack schedules the key for deletion; use `Retain`',
      updateReplacePolicy: '`UpdateReplacePolicy` is `{{value}}`: replacing the key schedules the old one for deletion; use `Retain`',
    },
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type !== 'key-config') return;
    const stated = t.deletionPolicy !== undefined || t.updateReplacePolicy !== undefined;
    if (!stated && !CFN_SHAPES.has(ctx.input.shape)) return;
    const deletion = t.deletionPolicy ?? 'Delete';
    const replace = t.updateReplacePolicy ?? 'Delete';
    if (!RETAINED.has(deletion)) ctx.report({ messageId: 'deletionPolicy', pointer: t.pointers.deletionPolicy ?? t.pointer, data: { value: deletion } });
    if (!RETAINED.has(replace)) ctx.report({ messageId: 'updateReplacePolicy', pointer: t.pointers.updateReplacePolicy ?? t.pointer, data: { value: replace } });
  },
  cases: {
    valid: [
      { name: 'both Retain', target: { type: 'key-config', deletionPolicy: 'Retain', updateReplacePolicy: 'Retain' } },
      { name: 'RetainExceptOnCreate', target: { type: 'key-config', deletionPolicy: 'RetainExceptOnCreate', updateReplacePolicy: 'Retain' } },
      { name: 'not a CloudFormation input', target: { type: 'key-config', enabled: true } },
    ],
    invalid: [
      { name: 'DeletionPolicy: Delete', target: { type: 'key-config', deletionPolicy: 'Delete', updateReplacePolicy: 'Retain' }, errors: [{ messageId: 'deletionPolicy', pointer: '/deletionPolicy' }] },
      { name: 'UpdateReplacePolicy missing', target: { type: 'key-config', deletionPolicy: 'Retain' }, errors: [{ messageId: 'updateReplacePolicy', pointer: '' }] },
    ],
  },
});
