/**
 * KMS504 deletion-window: a deletion waiting period shorter than the organization's minimum
 * (option `minDays`, default 30, AWS's own default), one outside the 7–30 days AWS accepts, or a
 * key already `PendingDeletion`. Deleting a key destroys every ciphertext made with it; the waiting
 * period is the only time to notice and cancel. (KICS's 2844c749 reads `PendingWindowInDays` as a
 * deletion flag; it is only the waiting period, so a value of 30 is not reported.)
 * https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html#KMS-ScheduleKeyDeletion-request-PendingWindowInDays
 */
import { defineRule } from '../src/lint/define-rule.js';

/** Options: the shortest waiting period the organization accepts. */
interface Options {
  readonly minDays: number;
}
const DEFAULTS: Options = { minDays: 30 };

export default defineRule({
  id: 'KMS504',
  name: 'deletion-window',
  meta: {
    type: 'problem',
    severity: 'warning',
    scope: ['key-config'],
    docs: {
      description: 'The deletion waiting period is shorter than `minDays` (default 30) or outside 7–30 days, or the key is already pending deletion.',
      rationale: 'Once a key is deleted, data encrypted under it cannot be decrypted by anyone. The waiting period is the only window to notice a mistaken or malicious deletion and cancel it, so keep it long, and investigate keys that are pending deletion.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html',
    },
    existingTools: { kics: '0b530315 (TF; 2844c749 misreads PendingWindowInDays)', prowler: 'kms_cmk_not_deleted_unintentionally', cfnLint: 'schema 7–30' },
    messages: {
      invalidWindow: 'deletion waiting period `{{days}}` days is outside the 7–30 days AWS accepts',
      shortWindow: 'deletion waiting period `{{days}}` days is shorter than the required {{min}} days',
      pendingDeletion: 'the key is pending deletion: data encrypted under it will be unrecoverable once the waiting period ends',
    },
    options: { type: 'object', properties: { minDays: { type: 'integer', minimum: 7, maximum: 30 } }, additionalProperties: false },
    defaultOptions: DEFAULTS,
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type !== 'key-config') return;
    if (t.keyState === 'PendingDeletion') ctx.report({ messageId: 'pendingDeletion', pointer: t.pointers.keyState ?? t.pointer });
    if (typeof t.pendingWindowInDays !== 'number') return;
    const days = t.pendingWindowInDays;
    const pointer = t.pointers.pendingWindowInDays ?? t.pointer;
    if (days < 7 || days > 30 || !Number.isInteger(days)) ctx.report({ messageId: 'invalidWindow', pointer, data: { days } });
    else if (days < ctx.options.minDays) ctx.report({ messageId: 'shortWindow', pointer, data: { days, min: ctx.options.minDays } });
  },
  cases: {
    valid: [
      { name: 'the 30-day default', target: { type: 'key-config', pendingWindowInDays: 30 } },
      { name: 'a lower organization minimum', target: { type: 'key-config', pendingWindowInDays: 14 }, options: { minDays: 14 } },
    ],
    invalid: [
      { name: '7 days', target: { type: 'key-config', pendingWindowInDays: 7 }, errors: [{ messageId: 'shortWindow', pointer: '/pendingWindowInDays' }] },
      { name: '31 days is not accepted', target: { type: 'key-config', pendingWindowInDays: 31 }, errors: [{ messageId: 'invalidWindow', pointer: '/pendingWindowInDays' }] },
      { name: 'pending deletion', target: { type: 'key-config', keyState: 'PendingDeletion', pendingWindowInDays: 30 }, errors: [{ messageId: 'pendingDeletion', pointer: '/keyState' }] },
    ],
  },
});
