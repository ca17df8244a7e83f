/**
 * @module cli/commands/test
 * `kms-authz test FILE...`: runs policy test files. Exit 0 all pass, 1 any fail, 2 input error.
 * Output: text (default), json (the contract's document), or junit (JUnit XML for CI).
 */
import { resolve } from 'node:path';
import type { CompiledWorld } from '../../world/index.js';
import type { CliCommand } from '../command.js';

export const testCommand: CliCommand = {
  command: 'test <files..>',
  describe: 'run policy test files (expected decisions for requests against a world)',
  builder: (y) => y
    .positional('files', { type: 'string', array: true, describe: 'policy test files (JSON or YAML)' })
    .option('format', { choices: ['text', 'json', 'junit'] as const, default: 'text', describe: 'output format' })
    .option('output', { type: 'string', describe: 'write the report to this file instead of stdout' }),
  run: async (args, io) => {
    const { runTestFile } = await import('../../explain/policy-tests.js');
    const { formatDiagnosticLine } = await import('../../model/diagnostic.js');
    const files = Array.isArray(args.files) ? args.files.map(String) : [];
    const cache = new Map<string, CompiledWorld>();
    const results = [];
    let inputError = false;
    for (const f of files) {
      const r = await runTestFile(f, io.cwd, cache);
      if (r.ok) results.push(r.value);
      else {
        inputError = true;
        for (const d of r.error) io.err(formatDiagnosticLine(d));
      }
    }
    if (inputError) return 2;
    let text: string;
    if (args.format === 'json') text = (await import('../../render/test-json.js')).renderTestJson(results);
    else if (args.format === 'junit') text = (await import('../../render/test-junit.js')).renderTestJunit(results);
    else text = (await import('../../render/test-text.js')).renderTestText(results);
    if (typeof args.output === 'string') {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(resolve(io.cwd, args.output), text.endsWith('\n') ? text : `${text}\n`);
    } else io.out(text);
    return results.every((f) => f.results.every((c) => c.pass)) ? 0 : 1;
  },
};
