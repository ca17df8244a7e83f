// Condition keys: https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html and
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
import { describe, expect, it } from 'vitest';
import { CONDITION_KEYS, conditionKeyInfo } from '../../../src/catalogue/index.js';

describe('conditionKeyInfo', () => {
  it('finds keys ignoring case, with type and multi-valuedness', () => {
    expect(conditionKeyInfo('KMS:callerAccount')).toMatchObject({ name: 'kms:CallerAccount', type: 'String', multiValued: false });
    expect(conditionKeyInfo('kms:EncryptionContextKeys')?.multiValued).toBe(true);
    expect(conditionKeyInfo('aws:SourceIp')?.type).toBe('IPAddress');
    expect(conditionKeyInfo('kms:GrantIsForAWSResource')?.type).toBe('Bool');
    expect(conditionKeyInfo('kms:TrailingDaysWithoutKeyUsage')?.type).toBe('Numeric');
  });

  it('handles keyed families', () => {
    expect(conditionKeyInfo('kms:EncryptionContext:AppName')?.name).toBe('kms:EncryptionContext:${EncryptionContextKey}');
    expect(conditionKeyInfo('kms:encryptioncontext:appname')?.name).toBe('kms:EncryptionContext:${EncryptionContextKey}');
    expect(conditionKeyInfo('aws:ResourceTag/Project')?.policyPlaces).toEqual(['iam-policy']);
    expect(conditionKeyInfo('aws:PrincipalTag/team')?.type).toBe('String');
    expect(conditionKeyInfo('aws:RequestTag/x')?.name).toBe('aws:RequestTag/${TagKey}');
    expect(conditionKeyInfo('kms:RecipientAttestation:PCR0')?.name).toBe('kms:RecipientAttestation:${AttestationKey}');
    expect(conditionKeyInfo('kms:EncryptionContext:')).toBeUndefined();
    expect(conditionKeyInfo('kms:NoSuchKey')).toBeUndefined();
  });

  it('has unique names', () => {
    const names = CONDITION_KEYS.map((k) => k.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('catalogue integrity', () => {
  it('every condition key an action lists is catalogued', async () => {
    const { KMS_ACTIONS } = await import('../../../src/catalogue/index.js');
    for (const a of KMS_ACTIONS) for (const k of a.conditionKeys) expect(conditionKeyInfo(k), `${a.name} ${k}`).toBeDefined();
  });
});
