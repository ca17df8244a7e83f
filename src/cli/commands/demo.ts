/**
 * @module cli/commands/demo
 * `kms-authz demo`: the seed story on the bundled demo world (fixtures/demo/world.yaml).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { CliCommand } from '../command.js';

/** Path of the bundled demo world. */
export const DEMO_WORLD = fileURLToPath(new URL('../../../../fixtures/demo/world.yaml', import.meta.url));

interface DemoWorld {
  accounts?: { id: string; name?: string }[];
  principals?: { arn: string }[];
  keys?: { arn: string; aliases?: string[] }[];
}

export const demoCommand: CliCommand = {
  command: 'demo',
  describe: 'tell the seed story on the bundled demo world',
  builder: (y) => y,
  run: (_args, io) => {
    const world = parse(readFileSync(DEMO_WORLD, 'utf8')) as DemoWorld;
    io.out(`kms-authz demo world: ${DEMO_WORLD}`);
    for (const a of world.accounts ?? []) io.out(`  account ${a.id} (${a.name ?? 'unnamed'})`);
    for (const p of world.principals ?? []) io.out(`  principal ${p.arn}`);
    for (const k of world.keys ?? []) io.out(`  key ${k.arn} ${(k.aliases ?? []).join(' ')}`);
    return Promise.resolve(0);
  },
};
