/**
 * @module lint/api
 * The library entry points of contract.md: `lint(inputs, config?)` and `loadLintConfig`. Inputs are
 * paths (read like `kms-authz lint` reads them) or already-read LintInputs.
 * Config shape: schemas/lint-config.schema.json.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import type { LintInput } from '../model/lint.js';
import { err, type Result } from '../model/result.js';
import { readDocument } from '../source/document.js';
import { finishResults, readLintInputs } from '../sources/index.js';
import { RULES } from '../../rules/index.js';
import { DEFAULT_LINT_CONFIG, validateLintConfig, type LintConfig } from './config.js';
import { runRules, type LintResult } from './engine.js';

/** Config file names looked for in the working directory when none is given. */
export const CONFIG_FILE_NAMES: readonly string[] = ['.kms-authz.yaml', '.kms-authz.yml'];

/**
 * Reads and validates a lint config. With no `path`, `.kms-authz.yaml` (or `.yml`) in `cwd` is
 * used when present, else the defaults. A missing or invalid file gives diagnostics with line and
 * column, never a throw.
 */
export function loadLintConfig(path: string | undefined, cwd: string): Result<LintConfig, Diagnostic[]> {
  const candidates = path === undefined ? CONFIG_FILE_NAMES : [path];
  for (const name of candidates) {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, name), 'utf8');
    } catch {
      if (path === undefined) continue;
      return err([{ code: 'source/missing-file', messageId: 'missing-file', severity: 'error', message: `config file not found: \`${name}\``, file: name, pointer: '', line: 1, column: 1 }]);
    }
    const doc = readDocument(text, name);
    const bad = doc.diagnostics.filter((d) => d.severity === 'error');
    if (bad.length > 0) return err(bad);
    return validateLintConfig(doc.value, RULES, { file: name, locate: doc.locate });
  }
  return { ok: true, value: DEFAULT_LINT_CONFIG };
}

/**
 * Lints files (paths, directories or globs, relative to `cwd`) and read inputs with every built-in
 * rule. Findings carry pointers into their files; statement-scoped suppressions are applied.
 */
export async function lint(inputs: readonly (string | LintInput)[], config: LintConfig = DEFAULT_LINT_CONFIG, opts: { readonly cwd?: string } = {}): Promise<LintResult[]> {
  const paths = inputs.filter((i): i is string => typeof i === 'string');
  const read = paths.length === 0 ? [] : await readLintInputs(paths, { cwd: opts.cwd ?? process.cwd() });
  const all = [...read, ...inputs.filter((i): i is LintInput => typeof i !== 'string')];
  return finishResults(all, runRules(all, config, RULES, { freeze: false }), false);
}
