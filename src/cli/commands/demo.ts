/**
 * @module cli/commands/demo
 * `kms-authz demo`: the seed story on the bundled demo world (fixtures/demo/world.yaml), told in
 * chapters. Each chapter is one entry of `DEMO_CHAPTERS`; lint and the simulated backend add
 * theirs there. Story: https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html
 * (Alice, denied; Bob, across accounts through a role).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CliCommand, Io } from '../command.js';
import type { CompiledWorld, World } from '../../world/index.js';
import { backendChapter, lintChapter } from './demo-more.js';

function findDemoWorld(): string {
  // From src/cli/commands (tests) or dist/src/cli/commands (the binary).
  for (const rel of ['../../../fixtures/demo/world.yaml', '../../../../fixtures/demo/world.yaml']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return fileURLToPath(new URL('../../../../fixtures/demo/world.yaml', import.meta.url));
}

/** Path of the bundled demo world. */
export const DEMO_WORLD = findDemoWorld();

/** What every chapter gets. */
export interface DemoContext {
  readonly io: Io;
  readonly worldPath: string;
  readonly world: World;
  readonly compiled: CompiledWorld;
}

/** One chapter of the demo: a title and what it shows. Returns false when something went wrong. */
export interface DemoChapter {
  readonly title: string;
  run(ctx: DemoContext): Promise<boolean>;
}

const KEY = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ALICE = 'arn:aws:iam::111122223333:user/Alice';

const aliceDenied: DemoChapter = {
  title: 'Alice asks to decrypt with the finance key',
  run: async ({ io, compiled }) => {
    const { explain } = await import('../../explain/explain.js');
    const { renderDecisionText } = await import('../../render/decision-text.js');
    const e = explain(compiled, { principal: ALICE, action: 'kms:Decrypt', resource: KEY });
    io.out(renderDecisionText(e));
    return e.decision.decision === 'ImplicitDeny';
  },
};

const aliceFixed: DemoChapter = {
  title: 'The one-statement fix, as explain suggests it (applied to a copy of the world)',
  run: async ({ io, world, compiled }) => {
    const { explain } = await import('../../explain/explain.js');
    const { compileWorld } = await import('../../world/index.js');
    const { authorize } = await import('../../authorize/index.js');
    const request = { principal: ALICE, action: 'kms:Decrypt', resource: KEY };
    const fix = explain(compiled, request).fixes.find((f) => f.layer === 'identity');
    if (fix === undefined) {
      io.err('kms-authz demo: explain suggested no identity-policy fix for Alice');
      return false;
    }
    const statement = { Sid: 'AllowDecryptOnFinanceKey', ...fix.statement };
    const fixed: World = {
      ...world,
      principals: world.principals.map((p) => (p.arn === ALICE ? { ...p, policies: [...(p.policies ?? []), { Version: '2012-10-17', Statement: [statement] }] } : p)),
    };
    io.out(`  + add to ${fix.where}: ${JSON.stringify(statement)}`);
    const d = authorize(compileWorld(fixed), request);
    io.out(`  → ${d.decision}: ${d.message}`);
    for (const r of d.reasons) io.out(`    ${r.effect} ${r.layer} "${r.statement}"`);
    return d.decision === 'Allow';
  },
};

const acrossAccounts: DemoChapter = {
  title: 'Across accounts: the key policy trusts account 444455556666, whose IAM must also allow',
  run: async ({ io, compiled }) => {
    const { authorize } = await import('../../authorize/index.js');
    const callers = [
      ['Bob, through role Engineering', 'arn:aws:sts::444455556666:assumed-role/Engineering/bob', 'Allow'],
      ['Erin, with her own IAM policy', 'arn:aws:iam::444455556666:user/Erin', 'Allow'],
      ['Dave, without any IAM policy', 'arn:aws:iam::444455556666:user/Dave', 'ImplicitDeny'],
    ] as const;
    let ok = true;
    for (const [who, arn, expected] of callers) {
      const d = authorize(compiled, { principal: arn, action: 'kms:Decrypt', resource: KEY });
      io.out(`  ${who}: ${d.decision}`);
      for (const m of d.missing) io.out(`    missing ${m.layer} (account ${m.account}): ${m.note}`);
      ok &&= d.decision === expected;
    }
    return ok;
  },
};

/** The demo's chapters, in order. Add a chapter here to extend the story. */
export const DEMO_CHAPTERS: DemoChapter[] = [lintChapter, aliceDenied, aliceFixed, acrossAccounts, backendChapter];

export const demoCommand: CliCommand = {
  command: 'demo',
  describe: 'tell the seed story on the bundled demo world',
  builder: (y) => y,
  run: async (_args, io) => {
    const { loadWorld, compileWorld } = await import('../../world/index.js');
    const { formatDiagnosticLine } = await import('../../model/diagnostic.js');
    const w = await loadWorld(DEMO_WORLD);
    if (!w.ok) {
      for (const d of w.error) io.err(formatDiagnosticLine(d));
      return 2;
    }
    const ctx: DemoContext = { io, worldPath: DEMO_WORLD, world: w.value, compiled: compileWorld(w.value) };
    io.out(`kms-authz demo — world: ${DEMO_WORLD}`);
    let ok = true;
    for (const [i, c] of DEMO_CHAPTERS.entries()) {
      io.out('');
      io.out(`${String(i + 1)}. ${c.title}`);
      ok = (await c.run(ctx)) && ok;
    }
    if (!ok) io.err('kms-authz demo: a chapter did not end as the story says');
    return ok ? 0 : 1;
  },
};
