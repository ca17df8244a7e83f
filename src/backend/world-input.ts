/**
 * @module backend/world-input
 * Reads the world a simulated KMS serves (a path to a JSON/YAML file, or an object) with the
 * evaluator's `loadWorld` (validation with file, line and column) and compiles it once. The
 * backend's own extension, `cloudHsmClusters` (the simulated AWS CloudHSM clusters custom key
 * stores connect to), is taken out before validation.
 */
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../model/diagnostic.js';
import { err, ok, type Result } from '../model/result.js';
import { readDocument } from '../source/document.js';
import type { CompiledWorld } from '../world/compiled-types.js';
import { compileWorld, loadWorld } from '../world/index.js';

/** A simulated AWS CloudHSM cluster (world extension `cloudHsmClusters`). */
export interface HsmCluster {
  readonly id: string;
  readonly activeHsms: number;
  readonly trustAnchorCertificate?: string;
  readonly account?: string;
}

/** A loaded world. */
export interface LoadedWorld {
  readonly world: CompiledWorld;
  readonly hsmClusters: readonly HsmCluster[];
}

function diag(file: string, message: string): Diagnostic {
  return { code: 'backend/world', messageId: 'world', severity: 'error', message, file, pointer: '', line: 1, column: 1 };
}

/** Loads, validates and compiles a world from a path or an object (absent = an empty world). */
export async function loadCompiledWorld(input: string | object | undefined): Promise<Result<LoadedWorld, Diagnostic[]>> {
  let value: unknown = input ?? {};
  let opts = {};
  if (typeof input === 'string') {
    let text: string;
    try {
      text = await readFile(input, 'utf8');
    } catch (e) {
      return err([diag(input, `cannot read the world file: ${(e as Error).message}`)]);
    }
    const r = readDocument(text, input);
    if (r.diagnostics.some((d) => d.severity === 'error')) return err([...r.diagnostics]);
    value = r.value;
    opts = { file: input, locate: r.locate };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return err([diag('<world>', 'a world must be an object')]);
  const { cloudHsmClusters, ...rest } = value as Record<string, unknown>;
  const loaded = await loadWorld({ accounts: [], principals: [], keys: [], ...rest }, opts);
  if (!loaded.ok) return err(loaded.error);
  const hsmClusters = Array.isArray(cloudHsmClusters) ? (cloudHsmClusters as HsmCluster[]) : [];
  return ok({ world: compileWorld(loaded.value), hsmClusters });
}
