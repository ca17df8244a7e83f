#!/usr/bin/env node
// The binary is a thin door into the compiled CLI (style.md: the CLI holds no logic). It loads the
// bundle that `npm run build` writes (scripts/bundle-cli.js: one file to resolve and read instead
// of hundreds, for cold start), or the plain tsc output when only that was built.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/src/cli/bundle/main.js', import.meta.url);
const { main } = existsSync(bundle) ? await import(bundle.href) : await import('../dist/src/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
