// The key-state table of https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
// (current page; kms-authorization.md §9.2 with its corrections), errors and messages exactly.
import { describe, expect, it } from 'vitest';
import { KEY_STATE_OPERATIONS, KEY_STATES, keyStateError } from '../../../src/catalogue/index.js';

const ARN = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('keyStateError', () => {
  it('lets every operation through on an enabled AWS_KMS key except CancelKeyDeletion', () => {
    for (const op of KEY_STATE_OPERATIONS) {
      const e = keyStateError(op, 'Enabled', ARN, { origin: 'AWS_KMS' });
      if (op === 'CancelKeyDeletion') expect(e).toEqual({ type: 'KMSInvalidStateException', message: `${ARN} is not pending deletion.` });
      else if (['GetParametersForImport', 'ImportKeyMaterial', 'DeleteImportedKeyMaterial'].includes(op)) expect(e?.type).toBe('UnsupportedOperationException');
      else expect(e, op).toBeNull();
    }
  });

  it('gives footnote [1] for cryptographic operations on a disabled key', () => {
    expect(keyStateError('Decrypt', 'Disabled', ARN)).toEqual({ type: 'DisabledException', message: `${ARN} is disabled.` });
    expect(keyStateError('CreateGrant', 'Disabled', ARN)?.type).toBe('DisabledException');
  });

  it('gives footnote [3] for pending deletion and its replica variant', () => {
    expect(keyStateError('Encrypt', 'PendingDeletion', ARN)).toEqual({ type: 'KMSInvalidStateException', message: `${ARN} is pending deletion.` });
    expect(keyStateError('Encrypt', 'PendingReplicaDeletion', ARN)?.message).toBe(`${ARN} is pending replica deletion.`);
    expect(keyStateError('TagResource', 'PendingDeletion', ARN)?.type).toBe('KMSInvalidStateException');
    expect(keyStateError('CancelKeyDeletion', 'PendingDeletion', ARN)).toBeNull();
  });

  it('gives footnotes [5], [11], [14], [15]', () => {
    expect(keyStateError('Decrypt', 'PendingImport', ARN)?.message).toBe(
      `${ARN} is pending import because no key material has ever been imported or one of the imported key materials is deleted or expired.`,
    );
    expect(keyStateError('Sign', 'PendingImport', ARN)?.type).toBe('KMSInvalidStateException');
    expect(keyStateError('Decrypt', 'Unavailable', ARN)).toEqual({ type: 'KMSInvalidStateException', message: `${ARN} is unavailable.` });
    expect(keyStateError('Decrypt', 'Creating', ARN)?.message).toBe(`${ARN} is creating.`);
    expect(keyStateError('EnableKey', 'Updating', ARN)?.message).toBe(`${ARN} is updating.`);
  });

  it('applies the conditional footnotes [6], [7], [9]', () => {
    expect(keyStateError('EnableKeyRotation', 'PendingImport', ARN)?.message).toBe(`${ARN} origin is EXTERNAL which is not valid for this operation.`);
    expect(keyStateError('EnableKeyRotation', 'Enabled', ARN, { origin: 'AWS_CLOUDHSM' })?.type).toBe('UnsupportedOperationException');
    expect(keyStateError('EnableKeyRotation', 'Disabled', ARN, { origin: 'AWS_CLOUDHSM' })?.type).toBe('UnsupportedOperationException');
    expect(keyStateError('EnableKeyRotation', 'Disabled', ARN, { origin: 'AWS_KMS' })?.type).toBe('DisabledException');
    expect(keyStateError('GenerateDataKeyPair', 'Unavailable', ARN)?.type).toBe('UnsupportedOperationException');
    expect(keyStateError('ImportKeyMaterial', 'Enabled', ARN, { origin: 'EXTERNAL' })).toBeNull();
    expect(keyStateError('ImportKeyMaterial', 'PendingDeletion', ARN, { origin: 'EXTERNAL' })?.type).toBe('KMSInvalidStateException');
    expect(keyStateError('ImportKeyMaterial', 'PendingDeletion', ARN, { origin: 'AWS_KMS' })?.type).toBe('UnsupportedOperationException');
  });

  it('follows the corrected GetPublicKey row and ignores keyless operations', () => {
    expect(keyStateError('GetPublicKey', 'Disabled', ARN)).toBeNull();
    expect(keyStateError('GetPublicKey', 'PendingDeletion', ARN)?.type).toBe('KMSInvalidStateException');
    for (const s of KEY_STATES) {
      expect(keyStateError('DescribeKey', s, ARN)).toBeNull();
      expect(keyStateError('CreateKey', s, ARN)).toBeNull();
    }
  });
});

describe('allowed key states on actions', () => {
  it('follow the key-state table for an AWS_KMS key', async () => {
    const { actionInfo } = await import('../../../src/catalogue/index.js');
    expect(actionInfo('kms:Decrypt')?.allowedKeyStates).toEqual(['Enabled', 'Updating']);
    expect(actionInfo('kms:DescribeKey')?.allowedKeyStates).toEqual(KEY_STATES);
    expect(actionInfo('kms:CancelKeyDeletion')?.allowedKeyStates).toEqual(['PendingDeletion', 'PendingReplicaDeletion']);
    expect(actionInfo('kms:ListKeys')?.allowedKeyStates).toBeUndefined();
  });
});
