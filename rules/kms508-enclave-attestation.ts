/**
 * KMS508 enclave-attestation: in a key policy written for AWS Nitro Enclaves (it uses
 * `kms:RecipientAttestation:*`), an Allow of an operation that honours attestation (Decrypt,
 * GenerateDataKey*, DeriveSharedSecret, GenerateRandom) without an attestation condition is a way
 * around the enclave, unless a Deny for everyone refuses those operations without an attestation
 * document. This includes the default root `kms:*` statement. An attestation that names only the
 * enclave image (`ImageSha384`, `PCR0`–`PCR2`) and no account binds the key to any deployment of
 * that image (Prowler's "no deployment binding", an info).
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-nitro-enclave.html
 * https://docs.aws.amazon.com/enclaves/latest/user/kms.html
 */
import { actionInfo } from '../src/catalogue/index.js';
import { expandActions } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import { clauseKey, isEveryonePrincipal, pinningClauses, principalEntries } from '../src/lint/helpers.js';
import type { ConditionClause, Statement } from '../src/model/policy.js';
import { ROOT_STATEMENT, keyPolicy } from './support/cases.js';

const ATTEST_KEY = 'kms:RecipientAttestation:${AttestationKey}';
const PREFIX = 'kms:recipientattestation:';
const IMAGE_ONLY = new Set(['kms:recipientattestation:imagesha384', 'kms:recipientattestation:pcr0', 'kms:recipientattestation:pcr1', 'kms:recipientattestation:pcr2']);

/** The statement's actions that honour an attestation condition. */
function attestable(s: Statement): string[] {
  return [...expandActions(s.actions)].filter((a) => actionInfo(a)?.conditionKeys.includes(ATTEST_KEY) === true);
}

const requires = (c: ConditionClause): boolean => clauseKey(c).startsWith(PREFIX) && !c.ifExists && c.set === null && c.operator !== 'Null' && !c.operator.includes('Not');
/** A Deny clause that is true for a request without (or with another) attestation. */
const refusesMissing = (c: ConditionClause): boolean =>
  clauseKey(c).startsWith(PREFIX) && ((c.operator === 'Null' && c.values.some((v) => v.raw.toLowerCase() === 'true')) || (c.operator.includes('Not') && c.set === null));

function neutralized(statements: readonly Statement[], actions: readonly string[]): boolean {
  return actions.every((a) => statements.some((d) => d.effect === 'Deny' && principalEntries(d).some(isEveryonePrincipal) && expandActions(d.actions).has(a) && d.conditions.some(refusesMissing)));
}

const APP = { AWS: 'arn:aws:iam::111122223333:role/EnclaveApp' };
const ATTESTED = { Sid: 'Enclave', Effect: 'Allow', Principal: APP, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEqualsIgnoreCase: { 'kms:RecipientAttestation:PCR0': 'abc', 'kms:RecipientAttestation:PCR8': 'def' } } };
const DENY_UNATTESTED = { Sid: 'NoBypass', Effect: 'Deny', Principal: '*', Action: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DeriveSharedSecret', 'kms:GenerateRandom'], Resource: '*', Condition: { Null: { 'kms:RecipientAttestation:ImageSha384': 'true' } } };

export default defineRule({
  id: 'KMS508',
  name: 'enclave-attestation',
  meta: {
    type: 'problem',
    severity: 'warning',
    scope: ['key'],
    docs: {
      description: 'A key policy that uses Nitro Enclave attestation (`kms:RecipientAttestation:*`) also allows Decrypt/GenerateDataKey*/DeriveSharedSecret/GenerateRandom without attestation and no Deny closes that path, or binds only to the enclave image.',
      rationale:
        'Attestation keeps plaintext inside an enclave only if every path to it requires the attestation document. Any other Allow of the same operations (the root `kms:*` statement included, through IAM) lets callers get plaintext outside the enclave. Deny those operations to everyone when `kms:RecipientAttestation:ImageSha384` is null, and bind the attestation to your deployment (PCR3/PCR4/PCR8 or an account condition), not only to an image anyone can run.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-nitro-enclave.html',
    },
    existingTools: { prowler: 'kms_key_enclave_attestation_not_enforced, kms_key_enclave_attestation_bypassable_path, kms_key_enclave_attestation_no_deployment_binding (6 enclave checks)' },
    messages: {
      unattestedPath: 'statement `{{sid}}` allows `{{actions}}` without an attestation condition and no Deny refuses unattested requests: plaintext can leave the enclave',
      imageOnlyBinding: 'statement `{{sid}}` binds the key only to the enclave image: any deployment of that image qualifies; add PCR3/PCR4/PCR8 or an account condition',
    },
    messageSeverity: { imageOnlyBinding: 'info' },
  },
  check(ctx) {
    const statements = ctx.statements();
    if (!statements.some((s) => s.conditions.some((c) => clauseKey(c).startsWith(PREFIX)))) return;
    for (const s of statements) {
      if (s.effect !== 'Allow' || s.actions === undefined) continue;
      const actions = attestable(s);
      if (actions.length === 0) continue;
      const attested = s.conditions.filter(requires);
      if (attested.length === 0) {
        if (!neutralized(statements, actions)) ctx.report({ messageId: 'unattestedPath', pointer: s.actions.pointer, data: { sid: s.ref.sid, actions: actions.join('`, `') } });
      } else if (attested.every((c) => IMAGE_ONLY.has(clauseKey(c))) && pinningClauses(s).length === 0) {
        ctx.report({ messageId: 'imageOnlyBinding', pointer: attested[0]?.pointer ?? s.ref.pointer, data: { sid: s.ref.sid } });
      }
    }
  },
  cases: {
    valid: [
      { name: 'attested Allow, unattested requests denied to everyone', policy: keyPolicy(ROOT_STATEMENT, ATTESTED, DENY_UNATTESTED) },
      {
        name: 'image-only attestation, pinned to the account',
        policy: keyPolicy(ROOT_STATEMENT, DENY_UNATTESTED, { Sid: 'Image', Effect: 'Allow', Principal: APP, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEqualsIgnoreCase: { 'kms:RecipientAttestation:ImageSha384': 'abc' }, StringEquals: { 'aws:PrincipalAccount': '111122223333' } } }),
      },
      { name: 'not an enclave key policy', policy: keyPolicy(ROOT_STATEMENT, { Sid: 'Use', Effect: 'Allow', Principal: APP, Action: 'kms:Decrypt', Resource: '*' }) },
    ],
    invalid: [
      {
        name: 'the root kms:* statement is an unattested path',
        policy: keyPolicy(ROOT_STATEMENT, ATTESTED),
        errors: [{ messageId: 'unattestedPath', pointer: '/Statement/0/Action' }],
      },
      {
        name: 'image-only binding',
        policy: keyPolicy(ROOT_STATEMENT, DENY_UNATTESTED, { Sid: 'Image', Effect: 'Allow', Principal: APP, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEqualsIgnoreCase: { 'kms:RecipientAttestation:ImageSha384': 'abc' } } }),
        errors: [{ messageId: 'imageOnlyBinding', pointer: '/Statement/2/Condition/StringEqualsIgnoreCase/kms:RecipientAttestation:ImageSha384' }],
      },
    ],
  },
});
