/**
 * @module server/credentials
 * Access keys → principals. Long-term keys come from the world (`principals[].accessKeys`); STS
 * issues temporary ones (`ASIA…` + session token) bound to an assumed-role session ARN.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp.html
 *
 * Choice (AWS has no equivalent): sessions live in memory for the life of the server process; a
 * restarted server has forgotten them, as if they had all expired, and clients assume the role again.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SigningSecret } from './sigv4.js';

/** A principal of the world as the server reads it (tolerant: other fields are ignored). */
export interface WorldPrincipal {
  readonly arn: string;
  readonly type?: string;
  readonly policies?: readonly unknown[];
  readonly groups?: readonly { readonly name?: string; readonly policies?: readonly unknown[] }[];
  readonly boundary?: unknown;
  readonly accessKeys?: readonly { readonly accessKeyId: string; readonly secretAccessKey: string }[];
  readonly trustPolicy?: unknown;
  /** The role's maximum session duration in seconds (IAM default 3600; IAM allows up to 43200). */
  readonly maxSessionDuration?: number;
}

/** Who signed a request. */
export interface Identity {
  /** The principal ARN that authorization sees: a user/role ARN or an assumed-role session ARN. */
  readonly principal: string;
  readonly account: string;
  /** The unique id GetCallerIdentity reports (`AIDA…`, or `AROA…:session`). */
  readonly userId: string;
  /** For sessions: the role ARN and the session policy passed to AssumeRole. */
  readonly roleArn?: string;
  readonly sessionPolicy?: unknown;
}

/** A known access key with the identity it signs as. */
export interface StoredCredential extends SigningSecret {
  readonly accessKeyId: string;
  readonly identity: Identity;
}

/** Temporary credentials as AssumeRole returns them. */
export interface IssuedSession {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  readonly assumedRoleArn: string;
  readonly assumedRoleId: string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A stable IAM-style unique id (`AIDA…`/`AROA…`) derived from the ARN. */
export function uniqueId(prefix: string, arn: string): string {
  const digest = createHash('sha256').update(arn).digest();
  let out = prefix;
  for (let i = 0; i < 17; i++) out += ALNUM[(digest[i] ?? 0) % 32] ?? 'A';
  return out;
}

/** The account id of an IAM/STS ARN (`arn:aws:iam::ACCT:…`). */
export function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '';
}

function randomKeyId(): string {
  const bytes = randomBytes(16);
  let out = 'ASIA';
  for (const b of bytes) out += ALNUM[b % 32] ?? 'A';
  return out;
}

/** Reads `principals` out of a raw world object; anything malformed is skipped (the backend validates). */
export function worldPrincipals(world: unknown): WorldPrincipal[] {
  if (typeof world !== 'object' || world === null) return [];
  const ps = (world as { principals?: unknown }).principals;
  if (!Array.isArray(ps)) return [];
  return ps.filter(
    (p): p is WorldPrincipal => typeof p === 'object' && p !== null && typeof (p as { arn?: unknown }).arn === 'string',
  );
}

/** The credential directory of one server: world keys plus issued sessions. */
export class CredentialStore {
  private longTerm = new Map<string, StoredCredential>();
  private principals = new Map<string, WorldPrincipal>();
  private readonly sessions = new Map<string, StoredCredential>();

  constructor(world: unknown) {
    this.setWorld(world);
  }

  /** Replaces the world's keys (on reload); issued sessions stay valid until they expire. */
  setWorld(world: unknown): void {
    const keys = new Map<string, StoredCredential>();
    const principals = new Map<string, WorldPrincipal>();
    for (const p of worldPrincipals(world)) {
      principals.set(p.arn, p);
      for (const k of p.accessKeys ?? []) {
        const identity: Identity = { principal: p.arn, account: accountOf(p.arn), userId: uniqueId(p.type === 'role' ? 'AROA' : 'AIDA', p.arn) };
        keys.set(k.accessKeyId, { accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey, identity });
      }
    }
    this.longTerm = keys;
    this.principals = principals;
  }

  /** The world principal with this ARN. */
  principal(arn: string): WorldPrincipal | undefined {
    return this.principals.get(arn);
  }

  /** The credential of an access key, or undefined when the key is unknown. */
  lookup(accessKeyId: string): StoredCredential | undefined {
    return this.longTerm.get(accessKeyId) ?? this.sessions.get(accessKeyId);
  }

  /** Issues temporary credentials for `roleArn`/`sessionName`, valid for `durationSeconds` from `now`. */
  issueSession(roleArn: string, sessionName: string, durationSeconds: number, now: number, sessionPolicy?: unknown): IssuedSession {
    const account = accountOf(roleArn);
    const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
    const assumedRoleArn = `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`;
    const assumedRoleId = `${uniqueId('AROA', roleArn)}:${sessionName}`;
    const accessKeyId = randomKeyId();
    const secretAccessKey = randomBytes(30).toString('base64');
    const sessionToken = randomBytes(96).toString('base64');
    const expiresAt = now + durationSeconds * 1000;
    this.pruneExpired(now);
    this.sessions.set(accessKeyId, {
      accessKeyId,
      secretAccessKey,
      sessionToken,
      expiresAt,
      identity: {
        principal: assumedRoleArn,
        account,
        userId: assumedRoleId,
        roleArn,
        ...(sessionPolicy === undefined ? {} : { sessionPolicy }),
      },
    });
    return { accessKeyId, secretAccessKey, sessionToken, expiration: new Date(expiresAt), assumedRoleArn, assumedRoleId };
  }

  /** Number of live sessions (for the admin path). */
  sessionCount(): number {
    return this.sessions.size;
  }

  private pruneExpired(now: number): void {
    // Expired sessions are kept for an hour so their use still reports ExpiredTokenException.
    for (const [id, s] of this.sessions) if ((s.expiresAt ?? now) + 3_600_000 < now) this.sessions.delete(id);
  }
}
