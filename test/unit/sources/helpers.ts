// Shared helpers of the reader tests: read a fixture the way the CLI does, find targets.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LintInput, LintTarget, PolicyTarget } from '../../../src/model/lint.js';
import type { PolicyKind } from '../../../src/model/refs.js';
import { readLintInputFromText } from '../../../src/sources/index.js';

export const FIXTURES = fileURLToPath(new URL('../../../fixtures/lint/', import.meta.url));

export function readFixture(rel: string, kind?: PolicyKind): LintInput {
  return readLintInputFromText(readFileSync(FIXTURES + rel, 'utf8'), rel, kind === undefined ? {} : { kind });
}

export function policies(input: LintInput): PolicyTarget[] {
  return input.targets.filter((t): t is PolicyTarget => t.type === 'policy');
}

export function ofType<T extends LintTarget['type']>(input: LintInput, type: T): Extract<LintTarget, { type: T }>[] {
  return input.targets.filter((t): t is Extract<LintTarget, { type: T }> => t.type === type);
}

/** The 1-based line and column of the first occurrence of `needle` in the fixture text (after `from` if given). */
export function positionOf(input: LintInput, needle: string, from = ''): { line: number; column: number } {
  const start = from === '' ? 0 : input.text.indexOf(from);
  const at = input.text.indexOf(needle, start);
  if (at < 0) throw new Error(`\`${needle}\` not in ${input.file}`);
  const before = input.text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}
