/**
 * @module backend/operations/key-stores
 * The six custom key store operations, for AWS CloudHSM key stores. A connection needs a cluster
 * with at least two active HSMs; keys of a store that is not connected are Unavailable (keys pending
 * deletion stay PendingDeletion). AWS CloudHSM clusters are simulated: the world may list them in
 * an extension field `cloudHsmClusters: [{ id, activeHsms, trustAnchorCertificate?, account? }]`;
 * a cluster not listed does not exist. External key stores (XKS) need a proxy that is not
 * reachable from the simulator, so they are refused with UnsupportedOperationException.
 * https://docs.aws.amazon.com/kms/latest/developerguide/keystore-cloudhsm.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateCustomKeyStore.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ConnectCustomKeyStore.html
 */
import { randomBytes } from 'node:crypto';
import { authorizeAccount } from '../authz.js';
import type { Handler, OpCtx } from '../context.js';
import { fail } from '../errors.js';
import type { CustomKeyStoreRecord, KeyRecord } from '../records.js';
import type { HsmCluster } from '../world-input.js';
import { page } from './paging.js';
import { epoch, optStr, str } from './params.js';

/** Active HSMs a cluster needs for a connection (keystore-cloudhsm.html, "at least two active HSMs"). */
export const MIN_ACTIVE_HSMS = 2;

function cluster(ctx: OpCtx, id: string): HsmCluster {
  const c = ctx.env.hsmClusters.find((x) => x.id === id && (x.account === undefined || x.account === ctx.account));
  return c ?? fail('CloudHsmClusterNotFoundException', `AWS CloudHSM cluster ${id} does not exist.`);
}

function store(ctx: OpCtx, id: string): CustomKeyStoreRecord {
  const s = ctx.repo.keyStore(id);
  if (!s || s.account !== ctx.account || s.region !== ctx.region) return fail('CustomKeyStoreNotFoundException', `Custom key store ${id} does not exist.`);
  return s;
}

function keysOf(ctx: OpCtx, id: string): KeyRecord[] {
  return ctx.repo.tx.list<KeyRecord>('keys', { index: { name: 'customKeyStoreId', value: id } });
}

function nameInUse(ctx: OpCtx, name: string, except?: string): void {
  if (ctx.repo.keyStores().some((s) => s.account === ctx.account && s.region === ctx.region && s.name === name && s.id !== except)) {
    fail('CustomKeyStoreNameInUseException', `A custom key store named ${name} already exists in this account and Region.`);
  }
}

const createCustomKeyStore: Handler = (ctx, input) => {
  authorizeAccount(ctx, 'kms:CreateCustomKeyStore');
  const type = optStr(input, 'CustomKeyStoreType') ?? 'AWS_CLOUDHSM';
  if (type === 'EXTERNAL_KEY_STORE') fail('UnsupportedOperationException', 'External key stores are not simulated: no external key store proxy is reachable from this simulator.');
  const name = str(input, 'CustomKeyStoreName');
  const clusterId = optStr(input, 'CloudHsmClusterId');
  const anchor = optStr(input, 'TrustAnchorCertificate');
  if (clusterId === undefined || anchor === undefined || input.KeyStorePassword === undefined) {
    fail('ValidationException', 'CloudHsmClusterId, TrustAnchorCertificate and KeyStorePassword are required for an AWS_CLOUDHSM key store.');
  }
  nameInUse(ctx, name);
  const c = cluster(ctx, clusterId);
  if (ctx.repo.keyStores().some((s) => s.cloudHsmClusterId === clusterId)) fail('CloudHsmClusterInUseException', `AWS CloudHSM cluster ${clusterId} is already associated with a custom key store.`);
  if (c.trustAnchorCertificate !== undefined && c.trustAnchorCertificate !== anchor) fail('IncorrectTrustAnchorException', `The trust anchor certificate does not match the one of cluster ${clusterId}.`);
  if (c.activeHsms < 1) fail('CloudHsmClusterNotActiveException', `AWS CloudHSM cluster ${clusterId} is not active.`);
  const id = `cks-${randomBytes(9).toString('hex').slice(0, 17)}`;
  ctx.repo.putKeyStore({ id, account: ctx.account, region: ctx.region, name, type: 'AWS_CLOUDHSM', cloudHsmClusterId: clusterId, trustAnchorCertificate: anchor, connectionState: 'DISCONNECTED', creationDate: ctx.now });
  return { CustomKeyStoreId: id };
};

function setAvailability(ctx: OpCtx, id: string, available: boolean): void {
  for (const k of keysOf(ctx, id)) {
    if (available && k.state === 'Unavailable') {
      k.state = k.availableState ?? 'Enabled';
      delete k.availableState;
    } else if (!available && k.state !== 'Unavailable' && k.state !== 'PendingDeletion') {
      k.availableState = k.state;
      k.state = 'Unavailable';
    } else continue;
    ctx.repo.putKey(k);
  }
}

const connectCustomKeyStore: Handler = (ctx, input) => {
  authorizeAccount(ctx, 'kms:ConnectCustomKeyStore');
  const s = store(ctx, str(input, 'CustomKeyStoreId'));
  if (s.connectionState === 'CONNECTED') return {};
  if (s.connectionState !== 'DISCONNECTED' && s.connectionState !== 'FAILED') fail('CustomKeyStoreInvalidStateException', `Custom key store ${s.id} is ${s.connectionState}.`);
  const c = cluster(ctx, s.cloudHsmClusterId ?? '');
  // KMS connects asynchronously and reports a failure in ConnectionErrorCode (DescribeCustomKeyStores).
  if (c.activeHsms < MIN_ACTIVE_HSMS) {
    s.connectionState = 'FAILED';
    s.connectionErrorCode = c.activeHsms === 0 ? 'NO_HSMS' : 'INSUFFICIENT_CLOUDHSM_HSMS';
  } else {
    s.connectionState = 'CONNECTED';
    delete s.connectionErrorCode;
    setAvailability(ctx, s.id, true);
  }
  ctx.repo.putKeyStore(s);
  return {};
};

const disconnectCustomKeyStore: Handler = (ctx, input) => {
  authorizeAccount(ctx, 'kms:DisconnectCustomKeyStore');
  const s = store(ctx, str(input, 'CustomKeyStoreId'));
  s.connectionState = 'DISCONNECTED';
  delete s.connectionErrorCode;
  ctx.repo.putKeyStore(s);
  setAvailability(ctx, s.id, false);
  return {};
};

const deleteCustomKeyStore: Handler = (ctx, input) => {
  authorizeAccount(ctx, 'kms:DeleteCustomKeyStore');
  const s = store(ctx, str(input, 'CustomKeyStoreId'));
  if (s.connectionState !== 'DISCONNECTED' && s.connectionState !== 'FAILED') fail('CustomKeyStoreInvalidStateException', `Custom key store ${s.id} must be disconnected before it is deleted.`);
  if (keysOf(ctx, s.id).length > 0) fail('CustomKeyStoreHasCMKsException', `Custom key store ${s.id} still has KMS keys; delete them first.`);
  ctx.repo.deleteKeyStore(s.id);
  return {};
};

const describeCustomKeyStores: Handler = (ctx, input) => {
  authorizeAccount(ctx, 'kms:DescribeCustomKeyStores');
  const id = optStr(input, 'CustomKeyStoreId');
  const name = optStr(input, 'CustomKeyStoreName');
  const all = ctx.repo.keyStores().filter((s) => s.account === ctx.account && s.region === ctx.region && (id === undefined || s.id === id) && (name === undefined || s.name === name));
  if ((id !== undefined || name !== undefined) && all.length === 0) fail('CustomKeyStoreNotFoundException', `Custom key store ${id ?? name ?? ''} does not exist.`);
  const p = page(all, input, 100);
  return {
    CustomKeyStores: p.items.map((s) => ({
      CustomKeyStoreId: s.id, CustomKeyStoreName: s.name, CloudHsmClusterId: s.cloudHsmClusterId, TrustAnchorCertificate: s.trustAnchorCertificate,
      ConnectionState: s.connectionState, ...(s.connectionErrorCode !== undefined ? { ConnectionErrorCode: s.connectionErrorCode } : {}),
      CreationDate: epoch(s.creationDate), CustomKeyStoreType: s.type,
    })),
    Truncated: p.truncated,
    ...(p.nextMarker !== undefined ? { NextMarker: p.nextMarker } : {}),
  };
};

const updateCustomKeyStore: Handler = (ctx, input) => {
  authorizeAccount(ctx, 'kms:UpdateCustomKeyStore');
  const s = store(ctx, str(input, 'CustomKeyStoreId'));
  const newName = optStr(input, 'NewCustomKeyStoreName');
  const clusterId = optStr(input, 'CloudHsmClusterId');
  if ((clusterId !== undefined || input.KeyStorePassword !== undefined) && s.connectionState !== 'DISCONNECTED') {
    fail('CustomKeyStoreInvalidStateException', `Custom key store ${s.id} must be disconnected to change its cluster or password.`);
  }
  if (newName !== undefined) {
    nameInUse(ctx, newName, s.id);
    s.name = newName;
  }
  if (clusterId !== undefined) {
    const c = cluster(ctx, clusterId);
    const old = s.cloudHsmClusterId !== undefined ? cluster(ctx, s.cloudHsmClusterId) : undefined;
    // A replacement must be the same cluster or a backup-related one: the same trust anchor.
    if (old?.trustAnchorCertificate !== undefined && c.trustAnchorCertificate !== old.trustAnchorCertificate) fail('CloudHsmClusterNotRelatedException', `AWS CloudHSM cluster ${clusterId} is not related to cluster ${old.id}.`);
    s.cloudHsmClusterId = clusterId;
  }
  ctx.repo.putKeyStore(s);
  return {};
};

/** The handlers of this module. */
export const KEY_STORE_HANDLERS: Readonly<Record<string, Handler>> = {
  CreateCustomKeyStore: createCustomKeyStore, ConnectCustomKeyStore: connectCustomKeyStore, DisconnectCustomKeyStore: disconnectCustomKeyStore,
  DeleteCustomKeyStore: deleteCustomKeyStore, DescribeCustomKeyStores: describeCustomKeyStores, UpdateCustomKeyStore: updateCustomKeyStore,
};
