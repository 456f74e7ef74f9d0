// Electron hardening check (`npm run security`, part of `npm test`): runs Doyensec's
// Electronegativity over electron/ (the shell: main.ts, preload.ts, printing.ts, and the core
// beside them) and fails on any HIGH or MEDIUM finding, or on a file it could not parse (a file
// it cannot read is a file it did not check).
//
// Offline by construction: Electronegativity fetches updated translations and Electron's
// release list from the network when it can. Both are replaced here by a stub that refuses,
// so the check never leaves the machine and gives the same answer on every machine, any day;
// the release check then uses the list the package ships with.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const input = resolve(root, process.argv[2] ?? 'electron'); // another folder only to try the check itself
const FAIL_AT = 2; // Electronegativity's severity values: INFORMATIONAL 0, LOW 1, MEDIUM 2, HIGH 3.

/**
 * Findings reviewed and accepted, by check name and file. Each is a check that fires on the
 * presence of a feature rather than on a misuse of it; anything else, or the same check in
 * another file, still fails.
 */
const REVIEWED = {
  PRELOAD_JS_CHECK: {
    files: ['main.ts'],
    why: 'fires on any `preload` ("review the use of preload scripts"). Reviewed: preload.ts exposes one frozen '
      + 'object, window.ops, with invoke() (refuses any channel the contract does not declare; the main process '
      + 'checks the channel and the sending frame again) and onChange(); no Node or Electron API reaches the page. '
      + 'The window runs with contextIsolation and sandbox on.',
  },
};

// Stub the HTTP client before Electronegativity loads it.
const requireFromTool = createRequire(createRequire(import.meta.url).resolve('@doyensec/electronegativity'));
const gotPath = requireFromTool.resolve('got');
const refuse = () => Promise.reject(new Error('network disabled by scripts/security-check.mjs'));
const offline = Object.assign(refuse, { head: refuse, get: refuse, default: refuse });
requireFromTool.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };

const run = requireFromTool('@doyensec/electronegativity');
const readJson = (path) => JSON.parse(readFileSync(resolve(root, path), 'utf8'));
// The Electron the app ships with: the installed one, or the version package.json asks for.
const electronVersion = existsSync(resolve(root, 'node_modules/electron/package.json'))
  ? readJson('node_modules/electron/package.json').version
  : readJson('package.json').devDependencies.electron.replace(/^[^\d]*/, '');

const log = console.log;
console.log = () => undefined; // the tool's chatter about the refused downloads
let result;
try {
  result = await run({ input, isRelative: true, electronVersionOverride: electronVersion, customScan: [], excludeFromScan: [] });
} finally {
  console.log = log;
}

const unparsed = result.errors.filter((e) => !e.tolerable);
for (const e of result.errors) console.log(`${e.tolerable ? 'warning' : 'ERROR'}: could not parse ${e.file}: ${e.message}`);

const failing = [];
console.log(`Electronegativity over ${input} (Electron ${electronVersion}): ${result.atomicChecks} atomic and ${result.globalChecks} global checks.`);
for (const issue of result.issues.sort((a, b) => b.severity.value - a.severity.value)) {
  const where = `${issue.file}:${issue.location.line}:${issue.location.column}`;
  const reviewed = REVIEWED[issue.id]?.files.includes(issue.file);
  const blocking = issue.severity.value >= FAIL_AT && !reviewed;
  if (blocking) failing.push(issue);
  const mark = blocking ? 'FAIL' : reviewed ? 'reviewed' : 'note';
  console.log(`  ${mark.padEnd(8)} ${issue.severity.name.padEnd(6)} ${issue.id} ${where} — ${issue.description}`);
}
for (const [id, { why }] of Object.entries(REVIEWED)) {
  if (result.issues.some((i) => i.id === id)) console.log(`  (${id} accepted: ${why})`);
}

if (failing.length > 0 || unparsed.length > 0) {
  console.error(`security check failed: ${failing.length} HIGH/MEDIUM finding(s), ${unparsed.length} file(s) not parsed.`);
  process.exit(1);
}
console.log('security check passed: no HIGH or MEDIUM finding.');
