// Bundles the compiled CLI (dist/src/cli/main.js) into dist/src/cli/bundle/ with esbuild, run by
// `npm run build` after tsc. Cold start of `kms-authz lint file.json` is dominated by Node
// resolving and reading hundreds of small modules; one ESM entry plus a chunk per lazily loaded
// command keeps the CLI's lazy loading and cuts that cost (measured in bench/lint.ts).
// The bundle sits at the same depth as dist/src/cli/commands/, so the `new URL('../../../../…',
// import.meta.url)` lookups of package.json and fixtures/ resolve as they do unbundled.
// The library entry (dist/src/index.js) is left as tsc wrote it.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const outdir = resolve(root, 'dist/src/cli/bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: resolve(root, 'dist/src/cli/main.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // ESM builds first: jsonc-parser's `main` is a UMD build whose dynamic requires a bundler cannot follow.
  mainFields: ['module', 'main'],
  target: 'node20',
  // Native addon (loads a .node file next to its own package): resolved from node_modules at run time.
  external: ['better-sqlite3'],
  // CommonJS dependencies bundled into ESM call require() for Node built-ins.
  banner: { js: "import { createRequire as __kmsCreateRequire } from 'node:module'; const require = __kmsCreateRequire(import.meta.url);" },
  chunkNames: 'chunk-[hash]',
  minify: true,
  logLevel: 'warning',
});
