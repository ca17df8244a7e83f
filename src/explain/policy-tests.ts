/**
 * @module explain/policy-tests
 * Runs policy test files (contract "Policy test file"): a world (path or inline) shared by the
 * cases unless a case has its own, each case a request and the expected decision (and, for an
 * authorized call on a refusing key, the expected KMS error). The CLI's `test` command and the
 * project's own seed test both run through here.
 */
import { dirname, resolve } from 'node:path';
import { authorize } from '../authorize/index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Decision } from '../model/decision.js';
import type { Locator } from '../model/lint.js';
import { err, ok, type Result } from '../model/result.js';
import { loadDocument } from '../source/document.js';
import type { CompiledWorld } from '../world/compiled-types.js';
import { compileWorld } from '../world/compile.js';
import { loadWorld, mergeProblems } from '../world/load.js';
import { validateShape } from '../parse/shape.js';
import { readRequest } from './request-shape.js';

/** What a case expects. `Deny` accepts either deny. */
export type Expectation = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny' | 'Deny';

/** The outcome of one case (the contract's `test --format json` result entry). */
export interface CaseResult {
  readonly id: string;
  readonly pass: boolean;
  readonly expected: Expectation;
  readonly actual: Decision['decision'];
  /** The KMS error type the call got (key state), or null. */
  readonly error: string | null;
  readonly expectedError: string | null;
  readonly message: string;
  /** Why it failed, in a sentence. */
  readonly failure?: string;
  readonly decision: Decision;
  readonly file: string;
  readonly line: number;
}

/** The results of one test file. */
export interface FileResult {
  readonly file: string;
  readonly results: readonly CaseResult[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const EXPECT = new Set(['Allow', 'ExplicitDeny', 'ImplicitDeny', 'Deny']);

/** Whether a decision meets an expectation. */
export function meets(expected: Expectation, actual: Decision['decision']): boolean {
  return expected === actual || (expected === 'Deny' && actual !== 'Allow');
}

/** Compiles a world given as a path (relative to `baseDir`) or inline at `pointer` of `file`. */
async function worldOf(value: unknown, baseDir: string, file: string, locate: Locator, pointer: string, cache: Map<string, CompiledWorld>): Promise<Result<CompiledWorld, Diagnostic[]>> {
  const cacheKey = typeof value === 'string' ? resolve(baseDir, value) : undefined;
  const hit = cacheKey === undefined ? undefined : cache.get(cacheKey);
  if (hit !== undefined) return ok(hit);
  const w = typeof value === 'string' ? await loadWorld(value, { cwd: baseDir }) : await loadWorld(value, { file, locate, pointer });
  if (!w.ok) return w;
  const cw = compileWorld(w.value);
  const errors = cw.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return err(errors);
  if (cacheKey !== undefined) cache.set(cacheKey, cw);
  return ok(cw);
}

/** Runs one policy test file. Input problems (unreadable file, bad shape, bad world) are diagnostics. */
export async function runTestFile(path: string, cwd: string = process.cwd(), cache = new Map<string, CompiledWorld>()): Promise<Result<FileResult, Diagnostic[]>> {
  const file = resolve(cwd, path);
  const doc = await loadDocument(file);
  const readErrors = doc.diagnostics.filter((d) => d.severity === 'error');
  if (readErrors.length > 0) return err(readErrors);
  const { value, locate } = doc;
  const problems: Diagnostic[] = [];
  const bad = (pointer: string, message: string): void => {
    const at = locate(pointer);
    problems.push({ code: 'schema/test-file', messageId: 'shape', severity: 'error', message, file, pointer, line: at.line, column: at.column });
  };
  if (!isObj(value) || !Array.isArray(value.cases)) {
    bad('', 'a test file must be an object with `cases` (a list) and usually `world`');
    return err(problems);
  }
  const baseDir = dirname(file);
  let shared: CompiledWorld | undefined;
  if (value.world !== undefined) {
    const w = await worldOf(value.world, baseDir, file, locate, '/world', cache);
    if (!w.ok) return err(w.error);
    shared = w.value;
  }
  const results: CaseResult[] = [];
  const seen = new Set<string>();
  for (const [i, c] of (value.cases as unknown[]).entries()) {
    const at = `/cases/${String(i)}`;
    if (!isObj(c)) {
      bad(at, 'a case must be an object with `id`, `request` and `expect`');
      continue;
    }
    const id = typeof c.id === 'string' ? c.id : `case ${String(i)}`;
    if (typeof c.id !== 'string') bad(at, 'a case needs an `id` (a string)');
    else if (seen.has(c.id)) bad(`${at}/id`, `duplicate case id \`${c.id}\``);
    seen.add(id);
    if (typeof c.expect !== 'string' || !EXPECT.has(c.expect)) bad(`${at}/expect`, '`expect` must be Allow, ExplicitDeny, ImplicitDeny or Deny');
    if (c.expectError !== undefined && typeof c.expectError !== 'string') bad(`${at}/expectError`, '`expectError` must be an error type such as DisabledException');
    const rq = readRequest(c.request, file, locate, `${at}/request`);
    problems.push(...rq.diagnostics);
    let world = shared;
    if (c.world !== undefined) {
      const w = await worldOf(c.world, baseDir, file, locate, `${at}/world`, cache);
      if (!w.ok) {
        problems.push(...w.error);
        continue;
      }
      world = w.value;
    } else if (world === undefined) bad(at, 'no world: give `world` at the top of the file or in the case');
    if (rq.request === undefined || world === undefined || problems.length > 0) continue;
    const expected = c.expect as Expectation;
    const expectedError = typeof c.expectError === 'string' ? c.expectError : null;
    const d = authorize(world, rq.request);
    const error = d.error?.type ?? null;
    const decisionOk = meets(expected, d.decision);
    const errorOk = error === expectedError;
    const failure = !decisionOk ? `expected ${expected}, got ${d.decision}` : !errorOk ? `expected error ${expectedError ?? 'none'}, got ${error ?? 'none'}` : undefined;
    results.push({
      id, pass: decisionOk && errorOk, expected, actual: d.decision, error, expectedError, message: d.message, decision: d,
      file, line: locate(at).line, ...(failure === undefined ? {} : { failure }),
    });
  }
  // The schema (schemas/policy-test-file.schema.json) may know more; worlds were checked by loadWorld.
  const schema = validateShape('test-file', value, { file, locate }).filter((d) => !/^(\/cases\/\d+)?\/world(\/|$)/.test(d.pointer));
  const all = mergeProblems(problems, schema);
  if (all.length > 0) return err(all);
  return ok({ file, results });
}
