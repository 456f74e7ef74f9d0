// A field written for years: a team's status changes at every dispatch and return (thousands a
// year). A change of it, a page of its audit trail and the conflicts view must not grow with the
// square of its history (issue #21 follow-up: each of the three did, and a change overflowed
// the stack past tens of thousands). Rows: the time of a status change after N earlier ones,
// against the first changes of the same team; audit and conflicts pages over that history.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../../electron/core';
import { createOperator } from '../../electron/core/operators/operators';
import { createFileSettingsStore } from '../../electron/core/settings/fileSettingsStore';
import { ensurePost } from '../../electron/core/setup/setup';
import type { ChannelName, Input, Output } from '../../shared/api';

type Record = (operation: string, size: number, samples: number[], target: string, baseline?: number | null) => void;

const CHANGES = Number(process.env.BENCH_HISTORY ?? 2_000) || 2_000;
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

export async function measureHistory(record: Record): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'beacon-bench-history-'));
  const core = await openCore({ dataDir: dir, settings: createFileSettingsStore(join(dir, 'settings.json')), log: { error: () => undefined, info: () => undefined }, safetyCopies: false, sync: false });
  try {
    ensurePost(core.context.settings, core.context.secrets);
    const admin = await core.store.write(null, (w) => createOperator(w, Date.now(), { name: 'Bench Admin', pin: '2468', role: 'administrator', language: 'en' }));
    const session = core.createSession();
    session.operatorId = admin.id;
    const invoke = async <C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>> => {
      const r = await core.invoke(session, channel, input);
      if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
      return r.value as Output<C>;
    };
    const centreId = (await invoke('teams.saveCentre', { name: 'Bench centre', district: 'latakia', covers: [] })).id;
    const teamId = (await invoke('teams.save', { callSign: 'Bench 1', kind: 'search_rescue', centreId })).id;
    const change = async (i: number) => {
      const start = performance.now();
      await invoke('teams.setStatus', { teamId, status: i % 2 === 0 ? 'off_duty' : 'available' });
      return performance.now() - start;
    };
    const first: number[] = [];
    const last: number[] = [];
    for (let i = 0; i < CHANGES; i++) (i < 50 ? first : i >= CHANGES - 50 ? last : []).push(await change(i));
    record(`team status change after ${CHANGES} earlier (vs the first 50)`, CHANGES, last, 'grows at most linearly', median(first));
    const time = async (fn: () => Promise<unknown>) => {
      await fn();
      const out: number[] = [];
      for (let i = 0; i < 9; i++) {
        const start = performance.now();
        await fn();
        out.push(performance.now() - start);
      }
      return out;
    };
    record("audit trail: that team's history, first page", CHANGES, await time(() => invoke('audit.list', { rowId: teamId })), '—');
    record('audit trail: team status, first page', CHANGES, await time(() => invoke('audit.list', { entity: 'team', field: 'status' })), '—');
    record('conflicts view: first page, over that history', CHANGES, await time(() => invoke('sync.conflicts', {})), '—');
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
