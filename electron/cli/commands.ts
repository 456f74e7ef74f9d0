import type { Core } from '../core';
import { seedIncidents } from '../core/demo/seed';
import { reconcilePostIdentity } from '../core/post/postIdentity';
import { consoleLetter } from '../../shared/api/schemas';
import { intOption } from './args';
import { databaseCheck } from './check';
import { connectHub, hubInit, syncWithHub } from '../core/sync/hub';
import { backupDatabase } from '../core/db/backup';
import { restoreDatabase } from '../core/db/restore';
import { join, resolve as resolvePath } from 'node:path';
import { Connection } from '../core/db/connection';
import { DATABASE_FILE } from '../core/db/store';
import { duplicateIncidentNumbers } from '../core/backup/duplicates';
import { exportBundle, importBundle } from '../core/sync/bundles';
import type { VersionVector } from '../core/sync/exchange';
import { readFileSync } from 'node:fs';
import { statsFilters, summaryQuery } from '../../shared/api/schemas';
import type { SummaryQuery } from '../../shared/api/types';
import { shiftSummary } from '../core/summary/shiftSummary';
import { localDatesToRange } from '../core/stats/localTime';
import { GROUPINGS, type Grouping } from '../core/stats/bucketSql';
import { statsRows, totalRow } from '../core/stats/statsTable';
import { importCsvCommand } from './importCsv';
import { exportCommand } from './exportCommand';
import { openPostKeyFile, readPostKeyFile, writePostKeyFile } from '../core/post/postKeyFile';
import { PASSPHRASE_ENV, requiredPassphrase } from './passphrase';
import { messageFor } from './messages';
import { prepare, quiet, type Command } from './prepare';
import { keepPostKey, readPostKey } from '../core/post/postKey';
import { DomainError } from '../core/base/errors';

/** A destination's version vector: `check`'s JSON output, or a bare { origin: seq } map. */
function readVector(file: string): VersionVector {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const vector = raw && typeof raw === 'object' && 'versionVector' in raw ? (raw as { versionVector: unknown }).versionVector : raw;
  if (!vector || typeof vector !== 'object') throw new Error(`${file}: no version vector in it`);
  const out: VersionVector = {};
  for (const [origin, seq] of Object.entries(vector)) {
    if (!/^[0-9a-f]{16}$/.test(origin) || !Number.isInteger(seq) || (seq as number) < 0) throw new Error(`${file}: not a version vector`);
    out[origin] = seq as number;
  }
  return out;
}

/** A local date (YYYY-MM-DD) in the post's time zone, as the instant its day begins. */
function localDate(core: Core, text: string): number {
  try {
    return localDatesToRange(text, text, core.context.settings.read().post?.timeZone ?? 'UTC').start;
  } catch {
    throw new Error('dates are YYYY-MM-DD, and must exist');
  }
}

export { prepare, type Command };

export const COMMANDS: Record<string, Command> = {
  seed: {
    summary: 'seed --incidents N [--days D] [--console X] [--seed S]   realistic synthetic incidents over the last D days',
    async run(core, args, out, err) {
      const count = intOption(args, 'incidents', 1000, 1, 10_000_000);
      const days = intOption(args, 'days', Math.max(1, Math.min(365, Math.ceil(count / 300))), 1, 3650);
      const letter = args.options.get('console');
      if (letter !== undefined && !consoleLetter.safeParse(letter).success) throw new Error('--console must be one capital letter A–Z');
      const seed = intOption(args, 'seed', Date.now() % 1_000_000, 0, 2 ** 31);
      const operatorId = await prepare(core, args);
      const started = performance.now();
      let lastReport = started;
      const written = await seedIncidents(core.context, operatorId, { count, days, letter, seed }, (done) => {
        const now = performance.now();
        if (now - lastReport > 2000) {
          err(`… ${done} of ${count}`);
          lastReport = now;
        }
      });
      const seconds = (performance.now() - started) / 1000;
      out(JSON.stringify({ seeded: written, days, seconds: Math.round(seconds * 10) / 10 }));
    },
  },
  'bundle-export': {
    summary: 'bundle-export <file> [--for <check.json>] [--since YYYY-MM-DD]   operations another console may lack, signed with the post key',
    async run(core, args, out) {
      const file = args.positional[0];
      if (!file) throw new Error('bundle-export needs a file name');
      await prepare(core, args);
      const forFile = args.options.get('for');
      const since = args.options.get('since');
      const theirs = forFile ? readVector(forFile) : undefined;
      const sinceMs = since ? localDate(core, since) : undefined;
      const { operations, bytes } = await exportBundle(core.context, file, { ...(theirs ? { theirs } : {}), ...(sinceMs !== undefined ? { since: sinceMs } : {}) });
      out(JSON.stringify({ file, operations, bytes }));
    },
  },
  'bundle-import': {
    summary: 'bundle-import <file>   apply a bundle (refused whole if tampered, truncated or from another post)',
    async run(core, args, out) {
      const file = args.positional[0];
      if (!file) throw new Error('bundle-import needs a file name');
      await prepare(core, args);
      const result = await importBundle(core.context, file);
      out(JSON.stringify({ file, operations: result.total, applied: result.applied, known: result.known, quarantined: result.quarantined.length }));
    },
  },
  'post-key-export': {
    summary: `post-key-export <file>   the post's key sealed with a passphrase (from ${PASSPHRASE_ENV} or --passphrase-file <path>), for another data folder or laptop of the post`,
    async run(core, args, out) {
      const file = args.positional[0];
      if (!file) throw new Error('post-key-export needs a file name, e.g. beacon-post-LTK.key');
      const passphrase = requiredPassphrase(args, 'post-key-export');
      await prepare(core, args);
      const { post } = core.context.settings.read();
      const key = readPostKey(core.context.settings, core.context.secrets);
      if (!post || !key) throw new DomainError('bundle.noKey');
      await writePostKeyFile(file, { post, key }, passphrase);
      out(JSON.stringify({ file, post: post.code }));
    },
  },
  'post-key-join': {
    undoneOnFailure: true,
    summary: `post-key-join <file> --console X   an empty data folder joins the post of a key file (a letter no other console uses; the passphrase from ${PASSPHRASE_ENV} or --passphrase-file <path>)`,
    async run(core, args, out, err) {
      const file = args.positional[0];
      if (!file) throw new Error('post-key-join needs the post\'s key file');
      const letter = args.options.get('console');
      // As at the app's first run: a folder with a post keeps its key; joining never replaces it.
      // A folder whose key was lost with its settings file takes its own post's key back, nothing else.
      const settings = core.context.settings.read();
      const keyLost = settings.post !== null && readPostKey(core.context.settings, core.context.secrets) === null;
      if (settings.post && !keyLost) throw new DomainError('error.setupDone');
      if (!settings.post && (letter === undefined || !consoleLetter.safeParse(letter).success)) throw new Error('--console must be one capital letter A–Z, one no other console of the post uses');
      const keyFile = readPostKeyFile(file);
      if (settings.post && keyFile.post.code !== settings.post.code) throw new DomainError('trust.keyOfAnotherPost', { post: keyFile.post.code });
      // A version-1 file (an older Beacon's) holds its key in clear and needs no passphrase.
      const { post, key } = await openPostKeyFile(keyFile, keyFile.version === 1 ? undefined : requiredPassphrase(args, 'post-key-join'));
      if (!settings.post) {
        core.context.settings.write({ ...settings, post, consoleLetter: letter ?? null });
        await reconcilePostIdentity(core.context.settings, core.store, quiet);
      }
      keepPostKey(core.context.settings, core.context.secrets, key);
      // As the joining screen says: the key sat in clear on the stick.
      if (keyFile.version === 1) err(messageFor('setup.unsealedKeyFile', {}));
      out(JSON.stringify({ post: post.code, console: core.context.settings.read().consoleLetter }));
    },
  },
  'hub-init': {
    summary: 'hub-init <postgres-url>   create or migrate a hub\'s schema (refuses one from a newer Beacon)',
    // The hub is all it touches: no console's data folder is opened, or made in the current folder.
    run: () => Promise.reject(new Error('hub-init runs standalone')),
    async standalone(_dataDir, args, out) {
      const url = args.positional[0];
      if (!url) throw new Error('hub-init needs the hub\'s URL, e.g. postgres://user:pass@host/db');
      const client = await connectHub(url);
      try {
        out(JSON.stringify({ schemaVersion: await hubInit(client) }));
      } finally {
        await client.end();
      }
    },
  },
  sync: {
    summary: 'sync --hub <postgres-url>   one full exchange with a hub; prints what moved (password: in PGPASSWORD rather than the URL)',
    async run(core, args, out) {
      const url = args.options.get('hub');
      if (!url) throw new Error('sync needs --hub <postgres-url>');
      await prepare(core, args);
      const client = await connectHub(url);
      try {
        out(JSON.stringify(await syncWithHub(core.store, client, () => core.context.now())));
      } finally {
        await client.end();
      }
    },
  },
  backup: {
    summary: 'backup <file>   a consistent copy of the database, taken while the console runs',
    async run(core, args, out) {
      const file = args.positional[0];
      if (!file) throw new Error('backup needs a file name');
      await backupDatabase(core.store.file, resolvePath(file));
      out(JSON.stringify({ file }));
    },
  },
  stats: {
    summary: 'stats --from YYYY-MM-DD --to YYYY-MM-DD [--by day|hour|district|type|total]... [--district D] [--type T] [--priority P] [--json]   the numbers behind the statistics screen',
    async run(core, args, out) {
      await prepare(core, args);
      const from = args.options.get('from');
      const to = args.options.get('to');
      if (!from || !to) throw new Error('stats needs --from and --to (local dates, --to included)');
      const timeZone = core.context.settings.read().post?.timeZone ?? 'UTC';
      let range;
      try {
        range = localDatesToRange(from, to, timeZone);
      } catch {
        throw new Error('dates are YYYY-MM-DD, and must exist');
      }
      if (range.end <= range.start) throw new Error('--to is before --from');
      const groupings = args.repeated.get('by') ?? ['day'];
      for (const g of groupings) if (g !== 'total' && !(GROUPINGS as readonly string[]).includes(g)) throw new Error(`--by must be one of ${GROUPINGS.join(', ')}, total`);
      const filters = statsFilters.safeParse({
        district: args.options.get('district'), type: args.options.get('type'),
        priority: args.options.has('priority') ? Number(args.options.get('priority')) : undefined,
      });
      if (!filters.success) throw new Error('--district, --type or --priority is not one Beacon knows');
      const scope = { timeZone, range, filters: filters.data };
      const result: Record<string, unknown> = { from, to, timeZone, filters: filters.data };
      for (const g of new Set(groupings)) {
        // The period's overall row, as the screen's key figures give it.
        result[g] = g === 'total' ? await totalRow(core.store.reader, scope) : await statsRows(core.store.reader, scope, g as Grouping);
      }
      if (args.flags.has('json')) {
        out(JSON.stringify(result, null, 2));
        return;
      }
      const secs = (v: unknown) => (typeof v === 'number' ? `${Math.round(v)}s` : '—');
      for (const g of new Set(groupings)) {
        out(`by ${g}:  count  call→dispatch median/p90  dispatch→scene median/p90`);
        for (const row of result[g] as Record<string, unknown>[]) {
          out(`  ${String(row[g]).padEnd(12)} ${String(row.count).padStart(6)}  ${secs(row.dispatchMedianSec)}/${secs(row.dispatchP90Sec)}  ${secs(row.sceneMedianSec)}/${secs(row.sceneP90Sec)}`);
        }
      }
    },
  },
  'import-csv': importCsvCommand,
  export: exportCommand,
  summary: {
    summary: 'summary --shift <ISO time> | --day YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD [--json]   the handover summary\'s numbers',
    async run(core, args, out) {
      await prepare(core, args);
      const shift = args.options.get('shift');
      const day = args.options.get('day');
      const from = args.options.get('from');
      const to = args.options.get('to');
      let period: SummaryQuery['period'];
      if (shift !== undefined) {
        const at = Date.parse(shift);
        if (!Number.isFinite(at)) throw new Error('--shift takes an ISO time, e.g. 2026-11-24T08:00+03:00');
        period = { shift: at };
      } else if (day !== undefined) period = { day };
      else if (from !== undefined && to !== undefined) period = { from, to };
      else throw new Error('summary needs --shift <ISO time>, --day <date>, or --from and --to');
      const query = summaryQuery.safeParse({ period });
      if (!query.success) throw new Error('dates are YYYY-MM-DD');
      const s = await shiftSummary(core.context, query.data);
      const iso = (ms: number) => new Date(ms).toISOString();
      const json = { ...s, start: iso(s.start), end: iso(s.end), printedAt: iso(s.printedAt) };
      if (args.flags.has('json')) {
        out(JSON.stringify(json, null, 2));
        return;
      }
      out(`${s.post.name}: ${json.start} – ${json.end}`);
      out(`calls ${s.calls}, incidents ${s.incidents}, still open ${s.openIncidents.length}`);
      for (const o of s.openIncidents) out(`  ${o.number}  P${o.priority}  ${o.type}  ${o.status}  ${o.teams.join(', ')}`);
    },
  },
  restore: {
    summary: 'restore <backup file>   make a backup this console\'s database (checked first; the current one is kept beside it; a new console origin)',
    async run() {
      throw new Error('restore runs with the database closed');
    },
    async standalone(dataDir, args, out) {
      const file = args.positional[0];
      if (!file) throw new Error('restore needs the backup file');
      const result = await restoreDatabase(dataDir, resolvePath(file), Date.now());
      const restored = await Connection.open(join(dataDir, DATABASE_FILE), 'readonly');
      try {
        out(JSON.stringify({ ...result, duplicateIncidentNumbers: await duplicateIncidentNumbers(restored) }));
      } finally {
        await restored.close();
      }
    },
  },
  check: {
    summary: 'check   schema version, integrity_check, row counts and the operation count, as JSON',
    readsOnly: true,
    async run(core, args, out) {
      // Reads only: no post, key or operator is made, so a folder is the same after as before.
      const report = await databaseCheck(core);
      out(JSON.stringify(report, null, 2));
      // Scripts and people read the exit code: anything but a clean integrity_check is a failure.
      if (report.integrity !== 'ok') throw new DomainError('integrity.checkFailed', { detail: report.integrity.slice(0, 400) });
    },
  },
};

export function usage(): string {
  return [
    'usage: npm run cli -- <command> [options] --data <dir>',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.summary}`),
    '',
    'options for every command: --data <dir> (default ./beacon-data or $BEACON_DATA_DIR), --post CODE and --time-zone ZONE (when the command creates the post)',
  ].join('\n');
}
