/**
 * @module server/ports
 * What the server needs from the simulated KMS (the backend's `createKms` result satisfies it), so
 * the protocol layer depends on a narrow contract and not on the backend's internals.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html
 */

/** Who calls, as the backend authorizes it. */
export interface ServerCaller {
  principal: string;
  region: string;
  accessKeyId?: string;
  sessionPolicy?: unknown;
  sourceVpce?: string;
  sourceIp?: string;
  viaService?: string;
  grantIsForAwsResource?: boolean;
  calledVia?: string[];
  context?: Record<string, string | string[]>;
  /** Recorded as the audit event's userAgent (CloudTrail). */
  userAgent?: string;
  /** The `x-amzn-RequestId` of the answer, recorded as the audit event's requestID. */
  requestId?: string;
}

/** An operation's outcome in wire shapes. */
export type ServerKmsResult =
  | { ok: true; output: Record<string, unknown> }
  | { ok: false; error: { type: string; message: string; status: number } };

/** The simulated KMS as the server drives it. */
export interface ServedKms {
  call(operation: string, input: Record<string, unknown>, caller: ServerCaller): Promise<ServerKmsResult>;
  readonly clock: { now(): Date; set(t: Date): void; advance(ms: number): void };
  callCounts(): Record<string, number>;
  audit(): readonly unknown[];
  reloadWorld(world: string | object): Promise<{ ok: true } | { ok: false; error: unknown }>;
  close(): Promise<void>;
}
