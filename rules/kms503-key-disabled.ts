/**
 * KMS503 key-disabled: a key configured disabled (`Enabled: false`, `is_enabled = false`) or reported
 * in the `Disabled` state. Every cryptographic operation on a disabled key fails with
 * `DisabledException`; that may be intended, so it is information.
 * https://docs.aws.amazon.com/kms/latest/developerguide/enabling-keys.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
 */
import { defineRule } from '../src/lint/define-rule.js';

export default defineRule({
  id: 'KMS503',
  name: 'key-disabled',
  meta: {
    type: 'suggestion',
    severity: 'info',
    scope: ['key-config'],
    docs: {
      description: 'The key is disabled (`Enabled: false`, `is_enabled = false`, or `KeyState: Disabled`).',
      rationale: 'A disabled key cannot be used in any cryptographic operation, so everything encrypted under it is unreadable until it is enabled again. If the key is unused, schedule its deletion deliberately; if not, enable it.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/enabling-keys.html',
    },
    existingTools: { checkov: 'CKV_AWS_227', kics: '7350fa23, 2844c749', prowler: 'kms_cmk_are_used' },
    messages: {
      disabled: 'the key is configured disabled: cryptographic operations with it fail',
      stateDisabled: 'the key is in the `Disabled` state: cryptographic operations with it fail',
    },
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type !== 'key-config') return;
    if (t.enabled === false) ctx.report({ messageId: 'disabled', pointer: t.pointers.enabled ?? t.pointer });
    else if (t.keyState === 'Disabled') ctx.report({ messageId: 'stateDisabled', pointer: t.pointers.keyState ?? t.pointer });
  },
  cases: {
    valid: [
      { name: 'enabled', target: { type: 'key-config', enabled: true } },
      { name: 'enabled state', target: { type: 'key-config', keyState: 'Enabled' } },
    ],
    invalid: [
      { name: 'Enabled: false', target: { type: 'key-config', enabled: false }, errors: [{ messageId: 'disabled', pointer: '/enabled' }] },
      { name: 'Disabled state', target: { type: 'key-config', keyState: 'Disabled' }, errors: [{ messageId: 'stateDisabled', pointer: '/keyState' }] },
    ],
  },
});
