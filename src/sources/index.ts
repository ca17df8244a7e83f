/**
 * @module sources
 * Every real-world input shape read into lint targets with source positions (lint-catalogue.md §5):
 * raw policies and bare statements, CloudFormation (JSON/YAML), CDK synth output, Terraform plan
 * JSON, AWS CLI outputs and world files; from files, directories and globs.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
 */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { LintInput } from '../model/lint.js';
import type { PolicyKind } from '../model/refs.js';
import { readLintInputFromText } from './read-input.js';

export { readLintInputFromText, detectShape } from './read-input.js';
export type { ReadTextOptions } from './read-input.js';
export { applyStatementSuppressions } from './suppressions.js';
export { finishResults, unusedSuppressionNotes, withoutSuppressions } from './results.js';

/** Options of {@link readLintInputs}. */
export interface ReadInputsOptions {
  /** Relative paths and globs resolve against this directory; reported file names are relative to it. */
  readonly cwd: string;
  readonly kind?: PolicyKind;
  /**
   * Leave out files named explicitly whose shape no reader knows, as files found by walking are
   * (for hooks that pass every staged `*.json`/`*.yaml`, such as pre-commit).
   */
  readonly skipUnrecognized?: boolean;
}

const IGNORE = ['**/node_modules/**', '**/.git/**', '**/dist/**'];
const EXTENSIONS = '**/*.{json,yaml,yml,template}';
const GLOB_CHARS = /[*?[\]{}!]/;

/** A file to read; `walked` files (from a directory or glob) are skipped when no reader knows them. */
interface Planned {
  readonly abs: string;
  readonly walked: boolean;
}

function displayName(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  const name = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  return name.split(sep).join('/');
}

function failed(file: string, code: string, message: string): LintInput {
  return {
    file, shape: 'unreadable', targets: [], locate: () => ({ line: 1, column: 1 }), text: '', fatal: true,
    diagnostics: [{ code, messageId: code.split('/')[1], severity: 'error', message, file, pointer: '', line: 1, column: 1 }],
  };
}

/** The templates a CDK cloud assembly manifest (`cdk.out/manifest.json`) lists. */
function cdkTemplates(manifest: unknown, dir: string): string[] | undefined {
  if (typeof manifest !== 'object' || manifest === null) return undefined;
  const artifacts = (manifest as { artifacts?: unknown }).artifacts;
  if (typeof artifacts !== 'object' || artifacts === null) return undefined;
  const out: string[] = [];
  for (const a of Object.values(artifacts as Record<string, unknown>)) {
    const art = a as { type?: unknown; properties?: { templateFile?: unknown; directoryName?: unknown } } | null;
    if (art?.type === 'aws:cloudformation:stack' && typeof art.properties?.templateFile === 'string') out.push(join(dir, art.properties.templateFile));
    // CDK Stages are nested cloud assemblies with a manifest of their own.
    if (art?.type === 'cdk:cloud-assembly' && typeof art.properties?.directoryName === 'string') out.push(join(dir, art.properties.directoryName, 'manifest.json'));
  }
  return out;
}

async function expand(paths: readonly string[], cwd: string): Promise<{ planned: Planned[]; missing: string[] }> {
  const planned: Planned[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    const st = await stat(abs).catch(() => undefined);
    if (st?.isDirectory() === true) {
      const { glob } = await import('tinyglobby');
      for (const f of await glob(EXTENSIONS, { cwd: abs, ignore: IGNORE, absolute: true, dot: false })) planned.push({ abs: resolve(f), walked: true });
    } else if (st?.isFile() === true) {
      planned.push({ abs, walked: false });
    } else if (GLOB_CHARS.test(p)) {
      const { glob } = await import('tinyglobby');
      const found = await glob(p, { cwd, ignore: IGNORE, absolute: true, dot: false });
      if (found.length === 0) missing.push(p);
      for (const f of found) planned.push({ abs: resolve(f), walked: true });
    } else {
      missing.push(p);
    }
  }
  return { planned, missing };
}

/**
 * Reads every file named by `paths` (files, directories, globs; node_modules, .git and dist are
 * skipped). Never throws on user input: a missing or unreadable file comes back as a `fatal`
 * input carrying the diagnostic. Files found by walking a directory that no reader knows (a
 * package.json, a CDK tree.json) are left out; a file named explicitly is reported instead.
 * A CDK `manifest.json` named explicitly stands for the templates it lists.
 */
export async function readLintInputs(paths: readonly string[], opts: ReadInputsOptions): Promise<LintInput[]> {
  const { planned, missing } = await expand(paths, opts.cwd);
  const out: LintInput[] = missing.map((m) => failed(m, 'source/missing-file', `no such file, directory or glob match: \`${m}\``));
  const seen = new Set<string>();
  const queue = [...planned].sort((a, b) => a.abs.localeCompare(b.abs));
  const results = await Promise.all(queue.map(async (p) => {
    if (seen.has(p.abs)) return [];
    seen.add(p.abs);
    const name = displayName(opts.cwd, p.abs);
    let text: string;
    try {
      text = await readFile(p.abs, 'utf8');
    } catch (e) {
      return [failed(name, 'source/unreadable', `cannot read \`${name}\`: ${(e as { code?: string }).code ?? 'unknown error'}`)];
    }
    const input = readLintInputFromText(text, name, opts.kind === undefined ? {} : { kind: opts.kind });
    if (input.shape === 'unrecognized' && p.abs.endsWith('manifest.json')) {
      const templates = cdkTemplates(JSON.parse(text) as unknown, join(p.abs, '..'));
      if (templates !== undefined) {
        if (p.walked) return [];
        const inner = await readLintInputs(templates, { ...opts, cwd: opts.cwd });
        return inner;
      }
    }
    if (input.shape === 'unrecognized' && (p.walked || opts.skipUnrecognized === true)) return [];
    return [input];
  }));
  const all = [...out, ...results.flat()];
  const unique = new Map<string, LintInput>();
  for (const i of all) if (!unique.has(i.file)) unique.set(i.file, i);
  return [...unique.values()].sort((a, b) => a.file.localeCompare(b.file));
}
