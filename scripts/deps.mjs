// The import-cycle check (`npm run deps`, part of `npm test`): dependency-cruiser over the code
// and the tests, type-only imports counted, with the rules in .dependency-cruiser.cjs. Fails on
// any violation and prints each cycle whole.
//
// Run through dependency-cruiser's API rather than its `depcruise` command: the command refuses
// Node 20 (its engines say ^22), which Beacon still supports (package.json engines >=20.19);
// the API it wraps runs on it.
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { cruise } from 'dependency-cruiser';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const config = createRequire(import.meta.url)(resolve(root, '.dependency-cruiser.cjs'));
// Another folder only to try the check itself on a deliberately wrong import.
const targets = process.argv.length > 2 ? process.argv.slice(2) : ['electron', 'shared', 'renderer/src', 'tests', 'scripts'];

const { output } = await cruise(
  targets,
  { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } },
  { extensions: ['.ts', '.tsx', '.mjs', '.js'] },
  { tsConfig: { fileName: config.options.tsConfig.fileName } },
);

const { violations, totalCruised } = output.summary;
for (const v of violations) {
  const cycle = (v.cycle ?? []).map((step) => (typeof step === 'string' ? step : step.name));
  console.error(`${v.rule.name}: ${v.from} → ${cycle.length ? cycle.join(' → ') : v.to}`);
}
if (violations.length > 0) {
  console.error(`\n${violations.length} import rule violation(s) in ${totalCruised} modules (.dependency-cruiser.cjs).`);
  process.exit(1);
}
console.log(`No import cycles in ${totalCruised} modules, type imports counted.`);
