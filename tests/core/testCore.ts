// Opens a real core on a real SQLite file in a fresh temporary folder, with a clock the
// test controls, and signs in the first operator the way the first-run screen does.
import { memorySecretStore, type SecretStore } from '../../electron/core/secrets/secretStore';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { ChannelName, Input, Output } from '../../shared/api';
import type { Connection } from '../../electron/core/db/connection';
import { openCore, type Core, type FileChooser, type Session } from '../../electron/core';
import { createFileSettingsStore } from '../../electron/core/settings/fileSettingsStore';
import type { Reader } from '../../electron/core/base/handles';

/** 2026-11-24 10:00 in Damascus (UTC+3). */
export const T0 = Date.UTC(2026, 10, 24, 7, 0, 0);
export const MINUTE = 60_000;

export class TestClock {
  constructor(public time = T0) {}
  now = () => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

export interface TestCore {
  core: Core;
  session: Session;
  clock: TestClock;
  dir: string;
  call<C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>>;
  reopen(): Promise<void>;
  close(): Promise<void>;
}

export const SETUP = {
  post: { name: 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' },
  consoleLetter: 'A',
  operator: { name: 'Rania Haddad', pin: '2468' },
  language: 'en' as const,
  loadDemo: false,
};

export async function openTestCore(options: { dir?: string; setup?: boolean; letter?: string; secrets?: SecretStore; files?: FileChooser } = {}): Promise<TestCore> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'beacon-test-'));
  const clock = new TestClock();
  // One store for the life of the test core, so what was sealed in it survives reopen().
  const secrets = options.secrets ?? memorySecretStore();
  const open = () => openCore({
    dataDir: dir,
    settings: createFileSettingsStore(join(dir, 'settings.json')),
    clock,
    checkOutputs: true,
    log: { error: () => undefined, info: () => undefined },
    secrets,
    ...(options.files ? { files: options.files } : {}),
  });
  let closed = false;
  const t: TestCore = {
    core: await open(),
    session: { operatorId: null },
    clock,
    dir,
    async call(channel, input) {
      const result = await t.core.invoke(t.session, channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
      return result.value;
    },
    async reopen() {
      await t.core.close();
      t.core = await open();
      t.session = t.core.createSession();
    },
    async close() {
      if (closed) return;
      closed = true;
      await t.core.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  if (options.setup !== false) {
    await t.call('setup.complete', { ...SETUP, consoleLetter: options.letter ?? 'A' });
  }
  return t;
}

export function intake(overrides: Partial<Input<'incidents.log'>> = {}): Input<'incidents.log'> {
  return {
    receivedAt: T0,
    source: 'phone',
    callerName: 'Abu Samer',
    callerPhone: '0933 123 456',
    type: 'building_collapse',
    priority: 1,
    location: { district: 'latakia', locality: 'الرمل الجنوبي', landmark: 'behind the bakery' },
    description: 'Three-storey building collapsed, people trapped',
    reported: { trapped: 3, injured: 2, dead: 0 },
    ...overrides,
  };
}

export async function count(t: TestCore, table: string): Promise<number> {
  return (await t.core.store.reader.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n ?? 0;
}

/**
 * For a test file that opens several cores or temporary folders: what it keeps here is closed
 * and removed after each test.
 */
export function cleanedAfterEach(prefix = 'beacon-test-'): { cores: TestCore[]; dirs: string[]; tempDir: () => string } {
  const cores: TestCore[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const t of cores.splice(0)) await t.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return {
    cores,
    dirs,
    tempDir() {
      const d = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(d);
      return d;
    },
  };
}

/**
 * A stand-in for the shell's file dialogs (electron/backupDialogs.ts): every dialog answers the
 * file the test says the operator picks (`state.next`, null: cancelled); saves note the name suggested.
 */
export function fileChooser(): { files: FileChooser; state: { next: string | null; suggested: string | null } } {
  const state = { next: null as string | null, suggested: null as string | null };
  const save = async (_session: Session, name: string) => {
    state.suggested = name;
    return state.next;
  };
  const open = async () => state.next;
  return { files: { saveBackup: save, openBackup: open, saveBundle: save, openBundle: open, savePostKey: save, openPostKey: open, saveExport: save }, state };
}

/** The passphrase tests seal post key files with. */
export const KEY_PASSPHRASE = 'cedar lighthouse 42';

/**
 * Two consoles of one post, B joined the way an administrator would: A saves the post's key
 * (`post.exportKey`), B's first run reads it (`setup.readPostKeyFile`) and joins with its passphrase. Both closed
 * with the others kept in `cores`; the dialogs given answer everything but the key file.
 */
export async function consolesOfOnePost(cores: TestCore[], options: { a?: { files?: FileChooser }; b?: { files?: FileChooser } } = {}): Promise<{ a: TestCore; b: TestCore }> {
  let keyFile = '';
  const a = await openTestCore({ letter: 'A', files: { ...(options.a?.files ?? fileChooser().files), savePostKey: async () => keyFile } });
  cores.push(a);
  keyFile = join(a.dir, 'beacon-post-LTK.key');
  await a.call('post.exportKey', { passphrase: KEY_PASSPHRASE });
  const b = await openTestCore({ setup: false, files: { ...(options.b?.files ?? fileChooser().files), openPostKey: async () => keyFile } });
  cores.push(b);
  await b.call('setup.readPostKeyFile', {});
  await b.call('setup.complete', { ...SETUP, consoleLetter: 'B', join: true, passphrase: KEY_PASSPHRASE });
  return { a, b };
}

/**
 * A reader that notes every full-table scan in the plans of the queries it runs (scans of a
 * query's own small lists excepted), for tests that a read stays on its indexes.
 */
export function scanWatcher(reader: Connection): { db: Reader; scans: string[] } {
  const scans: string[] = [];
  const note = async (sql: string, params: readonly (string | number | null)[]) => {
    for (const { detail } of await reader.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)) {
      // Scans of CTEs, constant rows and json_each are of the query's own small lists.
      if (detail.startsWith('SCAN ') && !/^SCAN (json_each|page|origins|search|bounds|CONSTANT ROW|\d+ CONSTANT ROWS|\(subquery-\d+\))/.test(detail)) scans.push(detail);
    }
  };
  // A stand-in for the reader, so it carries the reader's brand (base/handles.ts).
  const db: Reader = {
    readsDatabase: true,
    async all<T>(sql: string, params: readonly (string | number | null)[] = []): Promise<T[]> {
      await note(sql, params);
      return reader.all<T>(sql, params);
    },
    async get<T>(sql: string, params: readonly (string | number | null)[] = []): Promise<T | undefined> {
      await note(sql, params);
      return reader.get<T>(sql, params);
    },
  };
  return { db, scans };
}
