/**
 * `npm run bench`: every benchmark of the project, printing figures (never a timed test).
 * Each suite is a module under bench/ exporting `run(): Promise<void>`.
 */
const suites: string[] = ['server', 'parse', 'crypto', 'lint', 'authorize', 'backend', 'compare'];

for (const s of suites) {
  const mod = (await import(`./${s}.js`)) as { run: () => Promise<void> };
  await mod.run();
}
