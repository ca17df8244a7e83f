/**
 * @module backend/world-input
 * Reads the world a simulated KMS serves (a path to a JSON/YAML file, or an object) into a
 * compiled world, with problems as Diagnostic values, never thrown. The world's shape is the
 * contract's "World"; absent lists default to empty.
 */
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../model/diagnostic.js';
import { err, ok, type Result } from '../model/result.js';
import { readDocument } from '../source/document.js';
import type { CompiledWorld } from '../world/compiled-types.js';
import { compileWorld } from '../world/compile.js';
import type { World } from '../world/types.js';

function diag(file: string, message: string): Diagnostic {
  return { code: 'backend/world', messageId: 'world', severity: 'error', message, file, pointer: '', line: 1, column: 1 };
}

/** Loads and compiles a world from a path or an object. */
export function loadCompiledWorld(input: string | object | undefined): Result<CompiledWorld, Diagnostic[]> {
  let value: unknown = input ?? {};
  let file = '<world>';
  if (typeof input === 'string') {
    file = input;
    let text: string;
    try {
      text = readFileSync(input, 'utf8');
    } catch (e) {
      return err([diag(input, `cannot read the world file: ${(e as Error).message}`)]);
    }
    const r = readDocument(text, input);
    if (r.diagnostics.some((d) => d.severity === 'error')) return err([...r.diagnostics]);
    value = r.value;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return err([diag(file, 'a world must be an object')]);
  const v = value as Record<string, unknown>;
  for (const f of ['accounts', 'principals', 'keys', 'vpcEndpoints']) {
    if (v[f] !== undefined && !Array.isArray(v[f])) return err([{ ...diag(file, `\`${f}\` must be a list`), pointer: `/${f}` }]);
  }
  const world = { ...v, accounts: v.accounts ?? [], principals: v.principals ?? [], keys: v.keys ?? [], vpcEndpoints: v.vpcEndpoints ?? [] } as unknown as World;
  return ok(compileWorld(world));
}
