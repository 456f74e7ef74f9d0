// Backups are inspected in a process of their own (issue #18 item 1): a file made to keep
// SQLite busy holds that process, never the libuv threads the console's own queries share;
// the process is killed at its deadline and leaves nothing behind; and an inspector that
// answers garbage or dies is a clear refusal, never the console's crash.
import { fork } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from '../../../shared/i18n/en';
import { ar } from '../../../shared/i18n/ar';
import { describeBackup } from '../../../electron/core/backup/backups';
import { backupDatabase } from '../../../electron/core/db/backup';
import { Connection } from '../../../electron/core/db/connection';
import { forkInspector, inspectorEntry } from '../../../electron/core/db/inspection/forkInspector';
import type { InspectorLauncher } from '../../../electron/core/db/inspection/inspectApart';
import { restoreDatabase } from '../../../electron/core/db/restore';
import { cleanedAfterEach, intake, openTestCore } from '../testCore';
import { hostileBackup } from './hostileBackup';

const { cores, tempDir } = cleanedAfterEach('beacon-apart-');

/**
 * Rewrites the SQL of an index this build's schema has into an expression equal to the column
 * it indexed, but that costs `terms` × 4 MB of work (and memory) a row: the schema table names
 * what the schema has, the entries match, and integrity_check computes it for every row.
 */
const heavyIndex = (terms: number) => {
  const heavy = Array.from({ length: terms }, () => 'length(hex(zeroblob(4000000))) > 0').join(' AND ');
  return `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
      INSERT INTO handover_notes (id, shift_start, text, operator, written_at) SELECT 'note-' || i, i, 'note', 'x', i FROM n;
    PRAGMA writable_schema = ON;
    UPDATE sqlite_schema SET sql = 'CREATE INDEX handover_notes_shift ON handover_notes ((CASE WHEN ${heavy} THEN shift_start END), written_at)'
      WHERE name = 'handover_notes_shift';
    PRAGMA writable_schema = OFF;`;
};

/** A console with three incidents, and a backup of it that `attack` was run on. */
async function consoleWithBackup(attack: string) {
  const t = await openTestCore({ dir: tempDir() });
  cores.push(t);
  for (let i = 0; i < 3; i++) await t.call('incidents.log', intake({ description: `call ${i}` }));
  const file = await hostileBackup(t, attack, join(tempDir(), 'stick.db'));
  return { t, file };
}

/** About 100 ms a row, 2,000 rows: minutes of work in little memory. */
const consoleWithHeavyBackup = () => consoleWithBackup(heavyIndex(4));

/** The real inspector, watched: which processes it started, and when each said it is reading. */
function watchedInspector(launch: InspectorLauncher = forkInspector()) {
  const pids: number[] = [];
  const reading: (() => void)[] = [];
  let readers = 0;
  const launcher: InspectorLauncher = () => {
    const child = launch();
    if (child.pid !== undefined) pids.push(child.pid);
    return {
      ...child,
      onMessage: (listener) => child.onMessage((message) => {
        if ((message as { type?: unknown } | null)?.type === 'reading') {
          readers++;
          reading.splice(0).forEach((wake) => wake());
        }
        listener(message);
      }),
    };
  };
  /** Resolves once `n` processes are reading (or `settled` is, so a failure shows as itself). */
  const whenReading = async (n: number, settled: Promise<unknown>) => {
    while (readers < n) await Promise.race([new Promise<void>((wake) => reading.push(wake)), settled]);
  };
  return { launcher, pids, whenReading };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const codeOf = (err: unknown) => (err as { code?: string }).code;

describe('a backup is inspected in a process of its own', () => {
  it('while four windows inspect a file made to keep SQLite busy, the console answers its queue first', async () => {
    const { t, file } = await consoleWithHeavyBackup();
    const { launcher, pids, whenReading } = watchedInspector();
    const order: string[] = [];
    // Four at once would hold all four of sqlite3's threads, were they read in the console's process.
    const looks = Array.from({ length: 4 }, () => describeBackup(file, { inspector: launcher })
      .then(() => 'shown', codeOf)
      .then((outcome) => {
        order.push('inspection');
        return outcome;
      }));
    const settled = Promise.all(looks);
    await whenReading(4, settled);
    const queue = await t.call('incidents.queue', { queue: 'waiting' });
    order.push('queue');
    expect(queue.total).toBe(3);
    // Each would read for minutes (its deadline is two): none ended before the queue answered. Ended now, each is a refusal.
    expect(pids).toHaveLength(4);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    expect(await settled).toEqual(['inspect.stopped', 'inspect.stopped', 'inspect.stopped', 'inspect.stopped']);
    expect(order[0]).toBe('queue');
    expect(pids.filter(alive)).toEqual([]);
  }, 120_000);

  it('runs at most four at once: a fifth waits until one has ended', async () => {
    const { file } = await consoleWithHeavyBackup();
    const { launcher, pids, whenReading } = watchedInspector();
    const looks = Array.from({ length: 5 }, () => describeBackup(file, { inspector: launcher }).then(() => 'shown', codeOf));
    const settled = Promise.all(looks);
    await whenReading(4, settled);
    // Four read for minutes; the fifth has no process yet (its launch waits, not merely its request).
    expect(pids).toHaveLength(4);
    process.kill(pids[0]!, 'SIGKILL');
    await whenReading(5, settled);
    expect(pids).toHaveLength(5);
    for (const pid of pids.slice(1)) process.kill(pid, 'SIGKILL');
    expect(await settled).toEqual(['inspect.stopped', 'inspect.stopped', 'inspect.stopped', 'inspect.stopped', 'inspect.stopped']);
    expect(pids.filter(alive)).toEqual([]);
  }, 120_000);

  it('ends when the console that started it dies, rather than reading on for minutes', async () => {
    const { file } = await consoleWithHeavyBackup();
    const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'dyingConsole.mjs');
    const dying = fork(fixture, [JSON.stringify({ ...inspectorEntry(), file, count: 4 })], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const inspectors = await new Promise<number[]>((given) => dying.once('message', (m) => given((m as { inspectors: number[] }).inspectors)));
    const gone = new Promise((ended) => dying.once('exit', ended));
    dying.kill('SIGKILL');
    await gone;
    // Its read would last minutes: ended well before, it heard its console go.
    while (inspectors.some(alive)) await new Promise((tick) => setTimeout(tick, 100));
    expect(inspectors.filter(alive)).toEqual([]);
  }, 60_000);

  it('that needs more memory than a backup ever does is refused as such, and the console\'s memory stays its own', async () => {
    const { t, file } = await consoleWithBackup(heavyIndex(60));
    const rss = process.memoryUsage().rss;
    await expect(describeBackup(file, { inspector: watchedInspector().launcher })).rejects.toMatchObject({ code: 'inspect.tooMuchMemory' });
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);
    expect(en.inspect.tooMuchMemory && ar.inspect.tooMuchMemory).toBeTruthy();
    expect((await t.call('incidents.queue', { queue: 'waiting' })).total).toBe(3);
  });

  it('past its deadline is killed and refused in words the operator reads, and leaves nothing behind', async () => {
    const { t, file } = await consoleWithHeavyBackup();
    const stick = readdirSync(dirname(file)).sort();
    const { launcher, pids } = watchedInspector();
    await expect(describeBackup(file, { deadlineMs: 5000, inspector: launcher })).rejects.toMatchObject({ code: 'integrity.tooSlow', params: { seconds: 5 } });
    // The restore inspects the same way before it copies anything.
    await t.core.close();
    const data = readdirSync(t.dir).sort();
    await expect(restoreDatabase(t.dir, file, Date.now(), { deadlineMs: 5000, inspector: launcher })).rejects.toMatchObject({ code: 'integrity.tooSlow' });
    expect(pids).toHaveLength(2);
    expect(pids.filter(alive)).toEqual([]);
    expect(readdirSync(dirname(file)).sort()).toEqual(stick);
    expect(readdirSync(t.dir).sort()).toEqual(data);
    expect(en.integrity.tooSlow).toContain('{seconds}');
    expect(ar.integrity.tooSlow).toContain('{seconds}');
    t.core = (await openTestCore({ dir: t.dir, setup: false })).core;
    t.session = t.core.createSession();
    await t.call('session.signIn', { name: 'Rania Haddad', pin: '2468' });
    expect((await t.call('incidents.queue', { queue: 'waiting' })).total).toBe(3);
  });
});

describe('an inspector gone wrong', () => {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'badInspector.mjs');
  const playing = (part: string) => forkInspector({ script, execArgv: [], args: [part] });

  it.each([
    ['prints-garbage', 'inspect.garbled'],
    ['wrong-shape', 'inspect.garbled'],
    ['foreign-code', 'inspect.garbled'],
    ['unknown-reason', 'inspect.garbled'],
    ['crashes', 'inspect.stopped'],
    ['exits', 'inspect.stopped'],
  ])('that %s is a refusal (%s), and the console goes on', async (part, code) => {
    const t = await openTestCore({ dir: tempDir() });
    cores.push(t);
    await t.call('incidents.log', intake({ description: 'before' }));
    const file = join(tempDir(), 'stick.db');
    await backupDatabase(t.core.store.file, file);
    await expect(describeBackup(file, { inspector: playing(part) })).rejects.toMatchObject({ code });
    expect(en.inspect[code.split('.')[1] as keyof typeof en.inspect]).toBeTruthy();
    expect(ar.inspect[code.split('.')[1] as keyof typeof ar.inspect]).toBeTruthy();
    await t.call('incidents.log', intake({ description: 'after' }));
    expect((await t.call('incidents.queue', { queue: 'waiting' })).total).toBe(2);
  });

  it('that hangs without a word is killed at the deadline', async () => {
    const file = join(tempDir(), 'any.db');
    writeFileSync(file, '');
    const { launcher, pids } = watchedInspector(playing('hangs'));
    await expect(describeBackup(file, { deadlineMs: 2000, inspector: launcher })).rejects.toMatchObject({ code: 'integrity.tooSlow' });
    expect(pids).toHaveLength(1);
    expect(pids.filter(alive)).toEqual([]);
  });

  it('whose copy carries a trigger of its own is refused before the console opens the copy, and nothing changes', async () => {
    const t = await openTestCore({ dir: tempDir() });
    cores.push(t);
    for (let i = 0; i < 2; i++) await t.call('incidents.log', intake({ description: `call ${i}` }));
    const file = join(tempDir(), 'stick.db');
    await backupDatabase(t.core.store.file, file);
    await t.core.close();
    const data = readdirSync(t.dir).sort();
    // The real inspector, subverted: before it says the copy is done, a trigger is planted in it.
    const real = forkInspector();
    const subverted: InspectorLauncher = () => {
      const child = real();
      let staging: string | null = null;
      return {
        ...child,
        send: (request) => {
          if (request.kind === 'copy') staging = request.staging;
          child.send(request);
        },
        onMessage: (listener) => child.onMessage((message) => {
          if (staging === null || (message as { type?: unknown } | null)?.type !== 'done') return listener(message);
          void plant(staging).then(() => listener(message));
        }),
      };
    };
    const plant = async (staging: string) => {
      const conn = await Connection.open(staging, 'readwrite');
      try {
        await conn.exec("CREATE TRIGGER incidents_audit AFTER INSERT ON incidents BEGIN DELETE FROM incidents; END;");
      } finally {
        await conn.close();
      }
    };
    await expect(restoreDatabase(t.dir, file, Date.now(), { inspector: subverted })).rejects.toMatchObject({ code: 'integrity.restoredUnsound' });
    expect(readdirSync(t.dir).sort()).toEqual(data);
    t.core = (await openTestCore({ dir: t.dir, setup: false })).core;
    t.session = t.core.createSession();
    await t.call('session.signIn', { name: 'Rania Haddad', pin: '2468' });
    await t.call('incidents.log', intake({ description: 'after' }));
    expect((await t.call('incidents.queue', { queue: 'waiting' })).total).toBe(3);
  });

  it('that cannot be started is a refusal', async () => {
    const t = await openTestCore({ dir: tempDir() });
    cores.push(t);
    const refuse: InspectorLauncher = () => {
      throw new Error('no process for you');
    };
    await expect(describeBackup(t.core.store.file, { inspector: refuse })).rejects.toMatchObject({ code: 'inspect.cannotStart' });
    await expect(restoreDatabase(tempDir(), t.core.store.file, Date.now(), { inspector: refuse })).rejects.toMatchObject({ code: 'inspect.cannotStart' });
  });
});
