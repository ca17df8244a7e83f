/**
 * KMS502 rotation-period: `RotationPeriodInDays`/`rotation_period_in_days` outside the 90–2560 days
 * AWS accepts, or above the organization's maximum (option `maxDays`).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html#KMS-EnableKeyRotation-request-RotationPeriodInDays
 * https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
 */
import { defineRule } from '../src/lint/define-rule.js';

const MIN = 90;
const MAX = 2560;

/** Options: the organization's longest accepted rotation period. */
interface Options {
  readonly maxDays?: number;
}
const DEFAULTS: Options = {};

export default defineRule({
  id: 'KMS502',
  name: 'rotation-period',
  meta: {
    type: 'suggestion',
    severity: 'info',
    scope: ['key-config'],
    docs: {
      description: 'The rotation period is outside 90–2560 days, or longer than the configured `maxDays`.',
      rationale: 'AWS rejects a rotation period outside 90–2560 days, so the deployment fails. Within that range, an organization may require rotation at least every `maxDays` days (for example 365).',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html#KMS-EnableKeyRotation-request-RotationPeriodInDays',
    },
    existingTools: { cfnLint: 'schema range' },
    messages: {
      outOfRange: 'rotation period `{{days}}` days is outside the 90–2560 days AWS accepts',
      aboveMax: 'rotation period `{{days}}` days is longer than the configured maximum of {{max}} days',
    },
    options: { type: 'object', properties: { maxDays: { type: 'integer', minimum: MIN, maximum: MAX } }, additionalProperties: false },
    defaultOptions: DEFAULTS,
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type !== 'key-config' || typeof t.rotationPeriodInDays !== 'number') return;
    const days = t.rotationPeriodInDays;
    const pointer = t.pointers.rotationPeriodInDays ?? t.pointer;
    const max = ctx.options.maxDays;
    if (days < MIN || days > MAX || !Number.isInteger(days)) ctx.report({ messageId: 'outOfRange', pointer, data: { days } });
    else if (max !== undefined && days > max) ctx.report({ messageId: 'aboveMax', pointer, data: { days, max } });
  },
  cases: {
    valid: [
      { name: 'a year', target: { type: 'key-config', enableKeyRotation: true, rotationPeriodInDays: 365 } },
      { name: 'within the configured maximum', target: { type: 'key-config', enableKeyRotation: true, rotationPeriodInDays: 180 }, options: { maxDays: 365 } },
    ],
    invalid: [
      { name: 'below 90 days', target: { type: 'key-config', enableKeyRotation: true, rotationPeriodInDays: 30 }, errors: [{ messageId: 'outOfRange', pointer: '/rotationPeriodInDays' }] },
      { name: 'above the configured maximum', target: { type: 'key-config', enableKeyRotation: true, rotationPeriodInDays: 730 }, options: { maxDays: 365 }, errors: [{ messageId: 'aboveMax', pointer: '/rotationPeriodInDays' }] },
    ],
  },
});
