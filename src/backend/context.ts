/**
 * @module backend/context
 * What one operation call sees: the caller, the simulated time, the store transaction, and the
 * shared environment (compiled world, compiled-key cache, options). The Caller shape is the
 * public one of `createKms().call`.
 * https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html
 */
import type { Decision } from '../model/decision.js';
import type { CompiledKey, CompiledWorld } from '../world/compiled-types.js';
import type { KeyRecord } from './records.js';
import type { Repo } from './repo.js';
import type { HsmCluster } from './world-input.js';

/** Who is calling, and how (the request context that does not come from the parameters). */
export interface Caller {
  /** Caller ARN: user, role, root, or `arn:aws:sts::…:assumed-role/…`. */
  readonly principal: string;
  /** The Region the request was sent to. */
  readonly region: string;
  readonly accessKeyId?: string;
  /** Session policy of the caller's session, if any. */
  readonly sessionPolicy?: unknown;
  /** aws:SourceVpce: the request came through this interface VPC endpoint. */
  readonly sourceVpce?: string;
  readonly sourceIp?: string;
  /** kms:ViaService, e.g. `ec2.us-west-2.amazonaws.com`: the call comes through an integrated service. */
  readonly viaService?: string;
  /** kms:GrantIsForAWSResource: an integrated service creates/lists/revokes a grant for its resource. */
  readonly grantIsForAwsResource?: boolean;
  readonly calledVia?: readonly string[];
  /** Further request-context keys, taken as given. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  /** Recorded as the CloudTrail userAgent. */
  readonly userAgent?: string;
  /** The request id the endpoint answered with (`x-amzn-RequestId`), so the audit event carries the same id. */
  readonly requestId?: string;
}

/** Shared, long-lived state of one simulated KMS (the store holds everything durable). */
export interface Env {
  world: CompiledWorld;
  /** Simulated AWS CloudHSM clusters (world extension). */
  hsmClusters: readonly HsmCluster[];
  readonly defaultRegion: string;
  readonly grantPropagationDelayMs: number;
  /**
   * Last uses of keys not yet written to the store (GetKeyLastUsage is eventually consistent in AWS too:
   * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyLastUsage.html); written with the next audit batch.
   */
  readonly pendingUsage: Map<string, NonNullable<KeyRecord['lastUsage']>>;
  /** Compiled keys by ARN, valid while their revision matches (a cache, never the truth). */
  readonly compiledKeys: Map<string, { readonly rev: number; readonly grantsAt: number; readonly key: CompiledKey }>;
}

/** One operation call. */
export interface OpCtx {
  readonly env: Env;
  readonly repo: Repo;
  readonly caller: Caller;
  /** The caller's account. */
  readonly account: string;
  readonly region: string;
  readonly operation: string;
  /** Simulated time, epoch ms. */
  readonly now: number;
  /** Key ARNs touched, for the audit trail's `resources`. */
  readonly resources: string[];
  /** The decisions asked for (ReEncrypt asks two), for the audit trail's explanation. */
  readonly decisions: Decision[];
}

/** An operation handler: validated input in, output members out; KmsFailure aborts the transaction. */
export type Handler = (ctx: OpCtx, input: Readonly<Record<string, unknown>>) => Record<string, unknown>;
