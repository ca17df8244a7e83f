/**
 * @module world/policies
 * Parses and compiles every policy of a world once, with stable ids and file positions, and
 * stands in the AWS managed policies FullAWSAccess and RCPFullAWSAccess for their names.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
 */
import { compilePolicy } from '../compile/policy.js';
import type { CompiledPolicy } from '../compile/types.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { PolicyKind } from '../model/refs.js';
import { parsePolicy } from '../parse/policy.js';
import type { WorldOrigin } from './types.js';

/** The AWS managed SCP attached to every node unless replaced. */
export const FULL_AWS_ACCESS = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'FullAWSAccess', Effect: 'Allow', Action: '*', Resource: '*' }],
};

/** The AWS managed RCP, always attached. */
export const RCP_FULL_AWS_ACCESS = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'RCPFullAWSAccess', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
};

const MANAGED: Readonly<Record<string, unknown>> = { FullAWSAccess: FULL_AWS_ACCESS, RCPFullAWSAccess: RCP_FULL_AWS_ACCESS };

/** Compiles policies of one world, collecting their diagnostics and raw documents. */
export class PolicyBank {
  readonly diagnostics: Diagnostic[] = [];
  /** Policy id → the document as written (decoded when it was a JSON string), for quoting statements. */
  readonly documents = new Map<string, unknown>();

  constructor(private readonly origin: WorldOrigin | undefined) {}

  /**
   * Parses and compiles one policy found at `pointer` (relative to the world). A policy that
   * fails to parse still compiles from what could be read; its diagnostics are kept.
   */
  compile(input: unknown, kind: PolicyKind, id: string, pointer: string): CompiledPolicy {
    const managed = typeof input === 'string' ? MANAGED[input] : undefined;
    const doc = managed ?? input;
    const o = this.origin;
    const { policy, diagnostics } = parsePolicy(
      doc,
      managed !== undefined || o === undefined
        ? { kind, id }
        : { kind, id, file: o.file, pointer: o.pointer + pointer, locate: o.locate },
    );
    this.diagnostics.push(...diagnostics);
    this.documents.set(id, typeof doc === 'string' ? safeJson(doc) : doc);
    return compilePolicy(policy);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
