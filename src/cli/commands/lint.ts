/**
 * @module cli/commands/lint
 * `kms-authz lint PATH...`: read every input shape, run the rules, render, exit as ESLint does
 * (contract.md; https://eslint.org/docs/latest/use/command-line-interface#exit-codes): 0 clean,
 * 1 findings at or over the threshold or more warnings than `--max-warnings`, 2 input error.
 * Heavy modules (readers, engine, SARIF, progress bar) load only when the command runs.
 */
import type { Argv } from 'yargs';
import type { LintConfig, LintResult, RuleRegistry } from '../../lint/index.js';
import type { Diagnostic, Severity } from '../../model/diagnostic.js';
import type { LintInput } from '../../model/lint.js';
import type { PolicyKind } from '../../model/refs.js';
import type { Result } from '../../model/result.js';
import type { CliCommand, Io } from '../command.js';

type LintModule = typeof import('../../lint/index.js');

const FORMATS = ['stylish', 'json', 'sarif'] as const;
const KINDS = ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'] as const;
const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

interface LintArgs {
  readonly paths: string[];
  readonly format: (typeof FORMATS)[number];
  readonly kind?: PolicyKind;
  readonly config?: string;
  readonly maxWarnings?: number;
  readonly severityThreshold: Severity;
  readonly fix: boolean;
  readonly quiet: boolean;
  readonly skipUnrecognized: boolean;
  readonly outputFile?: string;
  readonly exitZero: boolean;
}

function builder(y: Argv): Argv {
  return y
    .positional('paths', { type: 'string', array: true, describe: 'files, directories or globs' })
    .option('format', { alias: 'f', choices: FORMATS, default: 'stylish' as const, describe: 'output format' })
    .option('kind', { choices: KINDS, describe: 'kind of raw policies (default: key policy when a statement has Principal, else identity)' })
    .option('config', { alias: 'c', type: 'string', describe: 'lint configuration (default: .kms-authz.yaml when present)' })
    .option('max-warnings', { type: 'number', describe: 'exit 1 when there are more warnings than this' })
    .option('severity-threshold', { choices: ['error', 'warning', 'info'] as const, default: 'error' as const, describe: 'lowest severity that makes the exit code 1' })
    .option('fix', { type: 'boolean', default: false, describe: 'apply safe fixes to the files' })
    .option('quiet', { type: 'boolean', default: false, describe: 'report errors only' })
    .option('skip-unrecognized', { type: 'boolean', default: false, describe: 'skip named files that are not a supported input shape (for pre-commit hooks)' })
    .option('output-file', { alias: 'o', type: 'string', describe: 'write the report to this file instead of stdout' })
    .option('exit-zero', { type: 'boolean', default: false, describe: 'exit 0 even with findings (input errors still exit 2)' });
}

/** The package version, from dist/src/cli/commands (built) or src/cli/commands (tests). */
async function packageVersion(): Promise<string> {
  const fs = await import('node:fs');
  for (const rel of ['../../../../package.json', '../../../package.json']) {
    const url = new URL(rel, import.meta.url);
    if (!fs.existsSync(url)) continue;
    const pkg = JSON.parse(fs.readFileSync(url, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'kms-authz' && typeof pkg.version === 'string') return pkg.version;
  }
  return '0.0.0';
}

/** The lint command. */
export const lintCommand: CliCommand = {
  command: 'lint <paths..>',
  describe: 'lint key policies, IAM policies, SCPs/RCPs, grants and key settings in any supported input shape',
  builder,
  run: (args, io) => runLint(args as unknown as LintArgs, io),
};

async function runLint(args: LintArgs, io: Io): Promise<number> {
  // yargs reports bad choices itself (exit 2); do not also read files for a call that failed.
  if (!FORMATS.includes(args.format) || (args.kind !== undefined && !(KINDS as readonly string[]).includes(args.kind)) || !(args.severityThreshold in RANK)) return 2;
  const [{ readLintInputs, finishResults, unusedSuppressionNotes, withoutSuppressions }, lint, { formatDiagnosticLine }] = await Promise.all([
    import('../../sources/index.js'), import('../../lint/index.js'), import('../../model/diagnostic.js'),
  ]);
  const config = await loadConfig(args.config, io.cwd, lint);
  if (!config.ok) {
    for (const d of config.error) io.err(formatDiagnosticLine(d));
    return 2;
  }
  const read = (): Promise<LintInput[]> =>
    readLintInputs(args.paths, { cwd: io.cwd, skipUnrecognized: args.skipUnrecognized, ...(args.kind === undefined ? {} : { kind: args.kind }) });
  let inputs = await read();
  const fatal = inputs.filter((i) => i.fatal === true);
  if (fatal.length > 0) {
    // One line per unreadable file: the first syntax error (later ones are mostly its echoes, as in ESLint).
    for (const i of fatal) {
      const first = i.diagnostics.find((x) => x.severity === 'error');
      if (first !== undefined) io.err(formatDiagnosticLine(first));
    }
    return 2;
  }
  let results: LintResult[];
  try {
    results = await lintWithProgress(inputs, (chunk) => lint.runLint(chunk, config.value));
  } catch (e) {
    // A rule that throws is a bug in kms-authz, not in the input: say which, without a stack trace.
    const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
    io.err(`kms-authz: internal error: ${e instanceof Error ? e.message : String(e)}${cause}`);
    return 2;
  }
  if (args.fix && (await writeFixes(inputs, results, io)) > 0) {
    inputs = await read();
    results = lint.runLint(inputs, config.value);
  }
  // Reader notes are warnings at most: `--quiet` (errors only) leaves them out, as ESLint does.
  if (!args.quiet) for (const i of inputs) for (const n of i.notes ?? []) io.err(formatDiagnosticLine(n));
  // Suppressions that hide nothing (rare: only files that have some are linted again).
  const suppressing = args.quiet ? [] : inputs.filter((i) => (i.suppressionSites?.length ?? 0) > 0);
  if (suppressing.length > 0) {
    const bare = lint.runLint(suppressing.map(withoutSuppressions), config.value);
    suppressing.forEach((input, k) => { for (const n of unusedSuppressionNotes(input, bare[k].findings)) io.err(formatDiagnosticLine(n)); });
  }
  const shown = finishResults(inputs, results, args.quiet);
  const text = await render(args.format, shown, inputs, lint.BUILTIN_RULES);
  if (args.outputFile !== undefined) {
    const [{ writeFile }, path] = await Promise.all([import('node:fs/promises'), import('node:path')]);
    try {
      await writeFile(path.resolve(io.cwd, args.outputFile), text, 'utf8');
    } catch (e) {
      io.err(`${args.outputFile}:1:1: error: cannot write the report: ${(e as { code?: string }).code ?? String(e)} [source/unwritable]`);
      return 2;
    }
  } else if (text !== '') io.out(text);
  if (args.exitZero) return 0;
  const over = shown.reduce((n, r) => n + r.findings.filter((f) => RANK[f.severity] >= RANK[args.severityThreshold]).length, 0);
  const warnings = shown.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  return over > 0 || (args.maxWarnings !== undefined && args.maxWarnings >= 0 && warnings > args.maxWarnings) ? 1 : 0;
}

/** `--config FILE`, else `.kms-authz.yaml` / `.kms-authz.yml` in the working directory, else defaults. */
async function loadConfig(file: string | undefined, cwd: string, lint: LintModule): Promise<Result<LintConfig, Diagnostic[]>> {
  const { readFile } = await import('node:fs/promises');
  const path = await import('node:path');
  const candidates = file === undefined ? ['.kms-authz.yaml', '.kms-authz.yml'] : [file];
  for (const c of candidates) {
    const text = await readFile(path.resolve(cwd, c), 'utf8').catch(() => undefined);
    if (text === undefined) {
      if (file === undefined) continue;
      return { ok: false, error: [{ code: 'source/missing-file', messageId: 'missing-file', severity: 'error', message: `config file not found: \`${c}\``, file: c, pointer: '', line: 1, column: 1 }] };
    }
    const { readDocument } = await import('../../source/document.js');
    const doc = readDocument(text, c);
    const bad = doc.diagnostics.filter((d) => d.severity === 'error');
    if (bad.length > 0) return { ok: false, error: bad };
    return lint.validateLintConfig(doc.value, lint.BUILTIN_RULES, { file: c, locate: doc.locate });
  }
  return { ok: true, value: lint.DEFAULT_LINT_CONFIG };
}

/** Writes the safe fixes back into the files; returns how many files changed. */
async function writeFixes(inputs: readonly LintInput[], results: readonly LintResult[], io: Io): Promise<number> {
  const [{ applyFixes }, { writeFile }, path] = await Promise.all([import('../../sources/apply-fixes.js'), import('node:fs/promises'), import('node:path')]);
  let changed = 0;
  for (const r of results) {
    const input = inputs.find((i) => i.file === r.file);
    const fixes = r.findings.flatMap((f) => (f.fix === null ? [] : [{ ops: f.fix, line: f.line, column: f.column }]));
    if (input === undefined || fixes.length === 0) continue;
    const out = applyFixes(input, fixes);
    if (out.applied === 0 || out.text === input.text) continue;
    await writeFile(path.resolve(io.cwd, r.file), out.text, 'utf8');
    changed++;
  }
  return changed;
}

async function render(format: LintArgs['format'], results: readonly LintResult[], inputs: readonly LintInput[], rules: RuleRegistry): Promise<string> {
  if (format === 'json') return (await import('../../render/lint-json.js')).renderLintJson(results);
  if (format === 'sarif') return (await import('../../render/sarif.js')).renderSarif(results, { rules, toolVersion: await packageVersion(), inputs });
  return (await import('../../render/stylish.js')).renderStylish(results, { color: process.stdout.isTTY && process.env.NO_COLOR === undefined });
}

/** Lints in chunks, with a progress bar on stderr only when it is a terminal and the run is long. */
async function lintWithProgress<I, R>(inputs: readonly I[], lintChunk: (chunk: I[]) => R[]): Promise<R[]> {
  const CHUNK = 100;
  if (!process.stderr.isTTY || inputs.length < 5 * CHUNK) return lintChunk([...inputs]);
  const { default: progress } = await import('cli-progress');
  const bar = new progress.SingleBar({ stream: process.stderr, clearOnComplete: true, format: 'kms-authz lint [{bar}] {value}/{total} files' }, progress.Presets.shades_classic);
  bar.start(inputs.length, 0);
  const out: R[] = [];
  for (let i = 0; i < inputs.length; i += CHUNK) {
    out.push(...lintChunk(inputs.slice(i, i + CHUNK)));
    bar.update(Math.min(inputs.length, i + CHUNK));
  }
  bar.stop();
  return out;
}
