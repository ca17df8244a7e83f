/**
 * @module backend/repo
 * Typed access to the store's tables for the operations. All state that matters lives in the
 * store (durability: a write is acknowledged only after its transaction commits); this module
 * only names rows and converts documents.
 */
import { NEXT_DUE, dueAt } from './schedule.js';
import type { Tx } from './store/index.js';
import type { AliasRecord, CustomKeyStoreRecord, GrantRecord, ImportTokenRecord, KeyRecord, MaterialRecord } from './records.js';

/** Table access for one transaction. */
export class Repo {
  constructor(readonly tx: Tx) {}

  /** A key by ARN. */
  key(arn: string): KeyRecord | undefined {
    return this.tx.get<KeyRecord>('keys', arn);
  }
  /** Writes a key (bumping its revision, so compiled forms are refreshed). */
  putKey(k: KeyRecord): void {
    k.rev += 1;
    this.tx.put('keys', k.arn, k);
    const t = dueAt(k);
    if (t !== Number.POSITIVE_INFINITY) {
      const cur = this.tx.get<number | null>('meta', NEXT_DUE);
      if (cur === undefined || cur === null || t < cur) this.tx.put('meta', NEXT_DUE, t);
    }
  }
  /** Removes a key row. */
  deleteKey(arn: string): void {
    this.tx.delete('keys', arn);
  }
  /** Keys of an account in a Region (ARN prefix scan). */
  keys(account: string, region: string): KeyRecord[] {
    return this.tx.list<KeyRecord>('keys', { prefix: `arn:aws:kms:${region}:${account}:key/` });
  }
  /** Keys with this key id in any account or Region (multi-Region keys share it). */
  keysWithId(keyId: string): KeyRecord[] {
    return this.tx.list<KeyRecord>('keys', { index: { name: 'keyId', value: keyId } });
  }
  /** Every key. */
  allKeys(): KeyRecord[] {
    return this.tx.list<KeyRecord>('keys');
  }

  /** An alias by ARN. */
  alias(arn: string): AliasRecord | undefined {
    return this.tx.get<AliasRecord>('aliases', arn);
  }
  /** Writes an alias. */
  putAlias(a: AliasRecord): void {
    this.tx.put('aliases', a.aliasArn, a);
  }
  /** Removes an alias. */
  deleteAlias(arn: string): void {
    this.tx.delete('aliases', arn);
  }
  /** Aliases of an account in a Region. */
  aliases(account: string, region: string): AliasRecord[] {
    return this.tx.list<AliasRecord>('aliases', { prefix: `arn:aws:kms:${region}:${account}:alias/` });
  }
  /** Aliases pointing at a key. */
  aliasesOf(k: KeyRecord): AliasRecord[] {
    return this.tx.list<AliasRecord>('aliases', { index: { name: 'targetKeyId', value: k.keyId } }).filter((a) => a.targetKeyArn === k.arn);
  }

  /** A grant of a key. */
  grant(keyArn: string, grantId: string): GrantRecord | undefined {
    return this.tx.get<GrantRecord>('grants', `${keyArn}|${grantId}`);
  }
  /** Writes a grant. */
  putGrant(g: GrantRecord): void {
    this.tx.put('grants', `${g.keyArn}|${g.grantId}`, g);
  }
  /** Removes a grant. */
  deleteGrant(g: GrantRecord): void {
    this.tx.delete('grants', `${g.keyArn}|${g.grantId}`);
  }
  /** Grants of a key, oldest first. */
  grantsOf(keyArn: string): GrantRecord[] {
    return this.tx.list<GrantRecord>('grants', { prefix: `${keyArn}|` }).sort((a, b) => a.creationDate - b.creationDate || a.grantId.localeCompare(b.grantId));
  }
  /** Every grant. */
  allGrants(): GrantRecord[] {
    return this.tx.list<GrantRecord>('grants');
  }

  /** A material version of a key (`id` is the 64-hex KeyMaterialId). */
  material(keyArn: string, id: string): MaterialRecord | undefined {
    return this.tx.get<MaterialRecord>('materials', `${keyArn}#${id}`);
  }
  /** Writes a material version with its secret. */
  putMaterial(m: MaterialRecord, secret?: Uint8Array): void {
    this.tx.put('materials', `${m.keyArn}#${m.materialId}`, m);
    if (secret) this.tx.putSecret(`${m.keyArn}#${m.materialId}`, secret);
  }
  /** The secret of a material version. */
  secret(keyArn: string, id: string): Uint8Array | undefined {
    return this.tx.getSecret(`${keyArn}#${id}`) ?? undefined;
  }
  /** Material versions of a key, oldest first. */
  materialsOf(keyArn: string): MaterialRecord[] {
    return this.tx.list<MaterialRecord>('materials', { prefix: `${keyArn}#` }).sort((a, b) => a.createdAt - b.createdAt || a.materialId.localeCompare(b.materialId));
  }
  /** Deletes a material version and its secret (really gone). */
  deleteMaterial(keyArn: string, id: string): void {
    this.tx.delete('materials', `${keyArn}#${id}`);
    this.tx.deleteSecret(`${keyArn}#${id}`);
  }

  /** A custom key store. */
  keyStore(id: string): CustomKeyStoreRecord | undefined {
    return this.tx.get<CustomKeyStoreRecord>('customKeyStores', id);
  }
  /** Writes a custom key store. */
  putKeyStore(s: CustomKeyStoreRecord): void {
    this.tx.put('customKeyStores', s.id, s);
  }
  /** Removes a custom key store. */
  deleteKeyStore(id: string): void {
    this.tx.delete('customKeyStores', id);
  }
  /** Every custom key store. */
  keyStores(): CustomKeyStoreRecord[] {
    return this.tx.list<CustomKeyStoreRecord>('customKeyStores');
  }

  /** An import token. */
  importToken(id: string): ImportTokenRecord | undefined {
    return this.tx.get<ImportTokenRecord>('importTokens', id);
  }
  /** Writes an import token and the wrapping private key. */
  putImportToken(t: ImportTokenRecord, privateKey: Uint8Array): void {
    this.tx.put('importTokens', t.tokenId, t);
    this.tx.putSecret(`import:${t.tokenId}`, privateKey);
  }
  /** The wrapping private key of an import token. */
  importPrivateKey(id: string): Uint8Array | undefined {
    return this.tx.getSecret(`import:${id}`) ?? undefined;
  }

  /** A meta value (typed by the caller, as the store's documents are). */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the document type
  meta<T>(id: string): T | undefined {
    return this.tx.get<T>('meta', id);
  }
  /** Writes a meta value. */
  putMeta(id: string, v: unknown): void {
    this.tx.put('meta', id, v);
  }
}
