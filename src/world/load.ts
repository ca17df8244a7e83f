/**
 * @module world/load
 * Loads a world from a JSON/YAML file or a value: read with positions, validated, and turned
 * into a `World` with every list present. Bad input is a list of diagnostics, never a throw.
 */
import { resolve } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Locator } from '../model/lint.js';
import { err, ok, type Result } from '../model/result.js';
import { validateShape } from '../parse/shape.js';
import { loadDocument } from '../source/document.js';
import type { World, WorldOrigin } from './types.js';
import { validateWorld } from './validate.js';

/** Options of {@link loadWorld}. */
export interface LoadWorldOptions {
  /** Directory a relative path resolves against (default: the process's). */
  readonly cwd?: string;
  /** For a value: the file it came from, its locator, and its pointer in that file (e.g. `/world`). */
  readonly file?: string;
  readonly locate?: Locator;
  readonly pointer?: string;
}

/** Our diagnostics, then the schema's at pointers ours do not cover, in reading order. */
export function mergeProblems(ours: readonly Diagnostic[], schema: readonly Diagnostic[]): Diagnostic[] {
  const covered = (p: string): boolean => ours.some((d) => d.pointer === p || p.startsWith(`${d.pointer}/`) || d.pointer.startsWith(`${p}/`));
  return [...ours, ...schema.filter((d) => !covered(d.pointer))].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Turns a validated value into a World (lists default to empty). */
export function toWorld(value: Record<string, unknown>, origin: WorldOrigin | undefined): World {
  const v = value as Partial<Record<'accounts' | 'principals' | 'keys' | 'vpcEndpoints', unknown>>;
  return {
    accounts: Array.isArray(v.accounts) ? (v.accounts as World['accounts']) : [],
    principals: Array.isArray(v.principals) ? (v.principals as World['principals']) : [],
    keys: Array.isArray(v.keys) ? (v.keys as World['keys']) : [],
    vpcEndpoints: Array.isArray(v.vpcEndpoints) ? (v.vpcEndpoints as World['vpcEndpoints']) : [],
    ...(value.organization === undefined ? {} : { organization: value.organization as World['organization'] & object }),
    ...(origin === undefined ? {} : { origin }),
  };
}

/**
 * Loads a world: `pathOrObject` is a path to a JSON or YAML file, or the world as a value.
 * Returns the world, or the diagnostics (file, line, column) that make it unusable.
 */
export async function loadWorld(pathOrObject: unknown, opts: LoadWorldOptions = {}): Promise<Result<World, Diagnostic[]>> {
  let value: unknown = pathOrObject;
  let file = opts.file ?? '<world>';
  let locate: Locator = opts.locate ?? (() => ({ line: 1, column: 1 }));
  const pointer = opts.pointer ?? '';
  if (typeof pathOrObject === 'string') {
    file = resolve(opts.cwd ?? process.cwd(), pathOrObject);
    const doc = await loadDocument(file);
    const errors = doc.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) return err(errors);
    value = doc.value;
    locate = doc.locate;
  }
  // Our checks (specific wording, references, duplicates), plus whatever else the schema
  // (schemas/world.schema.json) finds at pointers they did not already report.
  // Properties named `$…` are annotations (`$schema`, tools' `$source`), never world data.
  const schema = validateShape('world', value, { file, locate, pointer }).filter((d) => !(d.code === 'schema/additionalProperties' && /\/\$[^/]*$/.test(d.pointer)));
  const problems = mergeProblems(validateWorld(value, { file, locate, pointer }), schema);
  if (problems.length > 0) return err(problems);
  const origin: WorldOrigin | undefined = typeof pathOrObject === 'string' || opts.file !== undefined ? { file, locate, pointer } : undefined;
  return ok(toWorld(value as Record<string, unknown>, origin));
}
