/**
 * KMS702 access-not-granted: user-configured "these principals must never get these KMS
 * actions", checked by the evaluator against each key policy (Access Analyzer's
 * CheckAccessNotGranted, per principal). By default only what the key policy grants by itself
 * counts: a principal whose access would need an IAM policy (through the account-root statement)
 * is not reported unless `assumeIdentityAllows` is set, because IAM policies are not in the input.
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckAccessNotGranted.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html
 */
import { actionsMatching } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import { ACCOUNT, KEY_ARN, rootedKeyPolicy } from './support/cases.js';

/** One "must never" entry. */
interface Forbidden {
  readonly principals: readonly string[];
  readonly actions: readonly string[];
}

interface Options {
  readonly forbidden: readonly Forbidden[];
  readonly assumeIdentityAllows: boolean;
}

const DEFAULTS: Options = { forbidden: [], assumeIdentityAllows: false };
const AUDITOR = `arn:aws:iam::${ACCOUNT}:role/Auditor`;
const forbid = { forbidden: [{ principals: [AUDITOR], actions: ['kms:Decrypt', 'kms:ReEncrypt*'] }] };

export default defineRule({
  id: 'KMS702',
  name: 'access-not-granted',
  meta: {
    type: 'problem',
    severity: 'error',
    scope: ['key'],
    docs: {
      description: 'A principal the config says must never get certain KMS actions gets them from the key policy.',
      rationale: 'Some separations must hold whatever else changes: auditors never decrypt, CI roles never change key policies. Listing them in the config turns that intent into a check that runs the real authorization flow on every change of the policy.',
      awsDocUrl: 'https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckAccessNotGranted.html',
    },
    existingTools: { accessAnalyzer: 'CheckAccessNotGranted', parliament: 'c:SENSITIVE_ACCESS (part.)' },
    messages: {
      granted: '`{{principal}}` must never get `{{action}}`, but this key policy grants it',
      grantedWithIam: '`{{principal}}` must never get `{{action}}`, but this key policy lets IAM policies grant it',
    },
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        forbidden: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['principals', 'actions'],
            properties: {
              principals: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:' } },
              actions: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^kms:[A-Za-z*?]+$' } },
            },
          },
        },
        assumeIdentityAllows: { type: 'boolean' },
      },
    },
    defaultOptions: DEFAULTS,
  },
  check(ctx) {
    const { forbidden, assumeIdentityAllows } = ctx.options;
    if (forbidden.length === 0) return;
    const prober = ctx.keyProber();
    if (prober === undefined) return;
    for (const f of forbidden) {
      const actions = [...new Set(f.actions.flatMap((a) => actionsMatching(a).map((x) => x.name)))];
      for (const principal of f.principals) {
        for (const action of actions) {
          const d = prober.probe({ principal, action, identityAllowsAll: assumeIdentityAllows });
          if (d.decision === 'Allow') ctx.report({ messageId: assumeIdentityAllows ? 'grantedWithIam' : 'granted', pointer: d.statements[0] ?? '', data: { principal, action } });
        }
      }
    }
  },
  cases: {
    valid: [
      { name: 'nothing configured', policy: rootedKeyPolicy({ Sid: 'Audit', Effect: 'Allow', Principal: { AWS: AUDITOR }, Action: 'kms:*', Resource: '*' }) },
      { name: 'the auditor may only describe', keyId: KEY_ARN, options: forbid, policy: rootedKeyPolicy({ Sid: 'Audit', Effect: 'Allow', Principal: { AWS: AUDITOR }, Action: ['kms:DescribeKey', 'kms:GetKeyPolicy'], Resource: '*' }) },
      { name: 'IAM could grant it, not counted by default', keyId: KEY_ARN, options: forbid, policy: rootedKeyPolicy() },
    ],
    invalid: [
      {
        name: 'the auditor can decrypt',
        keyId: KEY_ARN,
        options: forbid,
        policy: rootedKeyPolicy({ Sid: 'Audit', Effect: 'Allow', Principal: { AWS: AUDITOR }, Action: ['kms:Describe*', 'kms:Decrypt'], Resource: '*' }),
        errors: [{ messageId: 'granted', pointer: '/Statement/1' }],
      },
      {
        name: 'assuming IAM allows: the root statement lets IAM grant it',
        keyId: KEY_ARN,
        options: { forbidden: [{ principals: [AUDITOR], actions: ['kms:Decrypt'] }], assumeIdentityAllows: true },
        policy: rootedKeyPolicy(),
        errors: [{ messageId: 'grantedWithIam', pointer: '/Statement/0' }],
      },
    ],
  },
});
