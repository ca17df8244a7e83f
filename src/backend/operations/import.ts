/**
 * @module backend/operations/import
 * Imported key material (Origin EXTERNAL): GetParametersForImport (an RSA wrapping key and an
 * import token valid 24 hours), ImportKeyMaterial (unwrap, check against the key spec; only the
 * same material may be re-imported, unless NEW_KEY_MATERIAL is imported for on-demand rotation;
 * optional expiry), DeleteImportedKeyMaterial (→ PendingImport).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ImportKeyMaterial.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteImportedKeyMaterial.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html
 */
import { randomBytes } from 'node:crypto';
import { authorizeKey } from '../authz.js';
import type { Handler } from '../context.js';
import { createWrappingKeyPair, materialFingerprint, materialFromImport, unwrapImportedMaterial } from '../crypto/index.js';
import { fail } from '../errors.js';
import { newMaterialId } from '../key-factory.js';
import { checkKeyState } from '../key-state.js';
import type { KeyRecord, MaterialRecord } from '../records.js';
import { resolveKey } from '../resolve.js';
import { must } from './asymmetric.js';
import { customerManaged } from './keys.js';
import { b64, blob, epoch, optInt, optStr, str } from './params.js';

const DAY = 86_400_000;
/** Import tokens and wrapping keys are valid for 24 hours. */
export const IMPORT_TOKEN_TTL_MS = DAY;

function external(k: KeyRecord): void {
  if (k.origin !== 'EXTERNAL') fail('UnsupportedOperationException', `${k.arn} origin is ${k.origin} which is not valid for this operation.`);
}

const getParametersForImport: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  const alg = str(input, 'WrappingAlgorithm');
  const spec = str(input, 'WrappingKeySpec');
  authorizeKey(ctx, 'kms:GetParametersForImport', k, { context: { 'kms:WrappingAlgorithm': alg, 'kms:WrappingKeySpec': spec } });
  customerManaged(k);
  checkKeyState('GetParametersForImport', k);
  external(k);
  const pair = must(createWrappingKeyPair(spec));
  const tokenId = randomBytes(32).toString('hex');
  const expiresAt = ctx.now + IMPORT_TOKEN_TTL_MS;
  ctx.repo.putImportToken({ tokenId, keyArn: k.arn, wrappingAlgorithm: alg, wrappingKeySpec: spec, expiresAt }, pair.privatePkcs8);
  return { KeyId: k.arn, ImportToken: Buffer.from(`kms-authz-import:${tokenId}`).toString('base64'), PublicKey: b64(pair.publicSpki), ParametersValidTo: epoch(expiresAt) };
};

/** The expiration model and ValidTo of an import, with AWS's rules. */
function expiry(ctx: Parameters<Handler>[0], input: Readonly<Record<string, unknown>>): { model: string; validTo?: number } {
  const validTo = optInt(input, 'ValidTo');
  const model = optStr(input, 'ExpirationModel') ?? (validTo !== undefined ? 'KEY_MATERIAL_EXPIRES' : 'KEY_MATERIAL_DOES_NOT_EXPIRE');
  if (model === 'KEY_MATERIAL_EXPIRES' && validTo === undefined) fail('ValidationException', 'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES');
  if (model === 'KEY_MATERIAL_DOES_NOT_EXPIRE' && validTo !== undefined) fail('ValidationException', 'A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE');
  if (validTo === undefined) return { model };
  const ms = validTo * 1000;
  // ValidTo must be in the future and at most 365 days away (importing-keys-import-key-material.html).
  if (ms <= ctx.now || ms > ctx.now + 365 * DAY) fail('ValidationException', 'ValidTo must be in the future and no more than 365 days from now.');
  return { model, validTo: ms };
}

const importKeyMaterial: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  const exp = expiry(ctx, input);
  authorizeKey(ctx, 'kms:ImportKeyMaterial', k, { context: { 'kms:ExpirationModel': exp.model, ...(exp.validTo !== undefined ? { 'kms:ValidTo': String(exp.validTo / 1000) } : {}) } });
  customerManaged(k);
  checkKeyState('ImportKeyMaterial', k);
  external(k);
  const tokenText = Buffer.from(blob(input, 'ImportToken')).toString('utf8');
  const tokenId = tokenText.startsWith('kms-authz-import:') ? tokenText.slice(17) : '';
  const token = ctx.repo.importToken(tokenId);
  const priv = token ? ctx.repo.importPrivateKey(tokenId) : undefined;
  if (!token || token.keyArn !== k.arn || priv === undefined) return fail('InvalidImportTokenException', 'The import token is not valid for this KMS key.');
  if (token.expiresAt <= ctx.now) fail('ExpiredImportTokenException', 'The import token has expired. Call GetParametersForImport to get a new one.');
  const bytes = must(unwrapImportedMaterial(priv, token.wrappingAlgorithm, blob(input, 'EncryptedKeyMaterial')));
  const material = must(materialFromImport(k.keySpec, bytes));
  const fp = materialFingerprint(material.secret, material.publicKey);
  const newMaterial = optStr(input, 'ImportType') === 'NEW_KEY_MATERIAL';
  const known = ctx.repo.materialsOf(k.arn).find((m) => m.fingerprint === fp);
  if (k.importedFingerprint !== undefined && !known && !newMaterial) {
    fail('IncorrectKeyMaterialException', `The key material does not match the key material previously imported into ${k.arn}.`);
  }
  if (newMaterial && k.keySpec !== 'SYMMETRIC_DEFAULT' && k.importedFingerprint !== undefined) fail('UnsupportedOperationException', `${k.arn} supports on-demand rotation with new imported key material only for symmetric encryption keys.`);
  const pending = ctx.repo.materialsOf(k.arn).find((m) => m.pendingRotation === true);
  if (newMaterial && !known && pending && k.currentMaterial !== undefined) {
    fail('KMSInvalidStateException', `New key material (id: ${newMaterialId()}) cannot be imported into KMS key ${k.keyId}, because another key material (id: ${pending.materialId}) is pending rotation.`);
  }
  const rotatesLater = !known && k.currentMaterial !== undefined && k.importedFingerprint !== undefined;
  const rec: MaterialRecord = known ? { ...known, present: true } : {
    materialId: newMaterialId(), keyArn: k.arn, createdAt: ctx.now, imported: true, fingerprint: fp, present: true,
    ...(material.publicKey ? { publicKey: b64(material.publicKey) } : {}), ...(rotatesLater ? { pendingRotation: true } : {}),
  };
  ctx.repo.putMaterial(rec, material.secret);
  ctx.repo.tx.delete('importTokens', tokenId);
  ctx.repo.tx.deleteSecret(`import:${tokenId}`);
  k.importedFingerprint ??= fp;
  if (!rotatesLater) k.currentMaterial = rec.materialId;
  k.expirationModel = exp.model;
  if (exp.validTo !== undefined) k.validTo = exp.validTo;
  else delete k.validTo;
  if (k.state === 'PendingImport') k.state = 'Enabled';
  ctx.repo.putKey(k);
  return { KeyId: k.arn, KeyMaterialId: rec.materialId };
};

const deleteImportedKeyMaterial: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  authorizeKey(ctx, 'kms:DeleteImportedKeyMaterial', k);
  customerManaged(k);
  checkKeyState('DeleteImportedKeyMaterial', k);
  external(k);
  const only = optStr(input, 'KeyMaterialId');
  const targets = ctx.repo.materialsOf(k.arn).filter((m) => m.imported && (only === undefined || m.materialId === only));
  if (only !== undefined && targets.length === 0) fail('NotFoundException', `Key material ${only} does not exist for ${k.arn}.`);
  for (const m of targets) {
    ctx.repo.tx.deleteSecret(`${k.arn}#${m.materialId}`);
    ctx.repo.putMaterial({ ...m, present: false });
  }
  if (only === undefined || only === k.currentMaterial) {
    delete k.currentMaterial;
    delete k.validTo;
    if (k.state !== 'PendingDeletion') k.state = 'PendingImport';
  }
  ctx.repo.putKey(k);
  return { KeyId: k.arn, ...(targets[0] ? { KeyMaterialId: targets[0].materialId } : {}) };
};

/** The handlers of this module. */
export const IMPORT_HANDLERS: Readonly<Record<string, Handler>> = {
  GetParametersForImport: getParametersForImport, ImportKeyMaterial: importKeyMaterial, DeleteImportedKeyMaterial: deleteImportedKeyMaterial,
};
