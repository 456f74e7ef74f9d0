// Opens a real core on a real SQLite file in a fresh temporary folder, with a clock the
// test controls, and signs in the first operator the way the first-run screen does.
import type { SecretStore } from '../../electron/core/secrets/secretStore';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelName, Input, Output } from '../../shared/api';
import { openCore, type Core, type FileChooser, type Session } from '../../electron/core';
import { createFileSettingsStore } from '../../electron/core/settings/fileSettingsStore';

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
  const open = () => openCore({
    dataDir: dir,
    settings: createFileSettingsStore(join(dir, 'settings.json')),
    clock,
    checkOutputs: true,
    log: { error: () => undefined, info: () => undefined },
    ...(options.secrets ? { secrets: options.secrets } : {}),
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

export function intake(overrides: Partial<Input<'calls.log'>> = {}): Input<'calls.log'> {
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
