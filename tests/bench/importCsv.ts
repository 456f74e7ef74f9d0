// The bench row for a big import (issue #20 item 9): a unit-per-row log on a 12-hour clock,
// three units per incident with neighbours interleaved, imported into a fresh data folder.
// Reports rows per second in the row's name and the heap grown over the import.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../../electron/core';
import { importCsv } from '../../electron/core/import/importCsv';
import { parseMapping } from '../../electron/core/import/mapping';
import { systemOperator } from '../../electron/core/operators/operators';
import { ensurePost } from '../../electron/core/setup/setup';
import { createFileSettingsStore } from '../../electron/core/settings/fileSettingsStore';

const MAPPING = parseMapping({
  columns: { incidentNumber: 'Incident', received: 'Received', unit: 'Unit', dispatched: 'Dispatched', onScene: 'On Scene', type: 'Type', district: 'Area', coordinates: 'Location' },
  dateFormat: 'MM/DD/YYYY hh:mm A', timeZone: 'Asia/Damascus', groupBy: 'Incident',
});

function twelveHour(epoch: number): string {
  const d = new Date(epoch);
  const p = (n: number) => String(n).padStart(2, '0');
  const h = d.getUTCHours();
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(h % 12 || 12)}:${p(d.getUTCMinutes())} ${h < 12 ? 'AM' : 'PM'}`;
}

export function unitPerRowLog(rows: number): string {
  const lines = ['Incident,Received,Unit,Dispatched,On Scene,Type,Area,Location'];
  const start = Date.UTC(2025, 0, 1);
  for (let r = 0; r < rows; r++) {
    const i = Math.floor(r / 3);
    const at = start + i * 7 * 60_000;
    lines.push(`F-${i},${twelveHour(at)},Unit ${r % 3},${twelveHour(at + 60_000)},${twelveHour(at + 9 * 60_000)},${['fire', 'medical', 'road accident'][i % 3]},Jableh,"(35.${1000 + (i % 9000)}, 35.${7000 + (i % 2000)})"`);
  }
  // Neighbouring incidents' units interleaved, as exports sorted by unit time have them.
  for (let k = 1; k + 3 < lines.length; k += 4) [lines[k + 1], lines[k + 2]] = [lines[k + 2]!, lines[k + 1]!];
  return lines.join('\r\n');
}

export async function measureImport(rows: number, record: (operation: string, size: number, samples: number[], target: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'beacon-bench-import-'));
  try {
    const core = await openCore({ dataDir: dir, settings: createFileSettingsStore(join(dir, 'settings.json')), log: { error: () => undefined, info: () => undefined }, safetyCopies: false });
    ensurePost(core.context.settings, core.context.secrets);
    const operator = await core.store.write(null, (w) => systemOperator(w, Date.now()));
    const text = unitPerRowLog(rows);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const started = performance.now();
    const result = await importCsv(core.context, operator, text, MAPPING, () => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    });
    const ms = performance.now() - started;
    await core.close();
    if (result.rejected.length > 0 || result.imported !== Math.ceil(rows / 3)) throw new Error(`bench import went wrong: ${JSON.stringify({ ...result, rejected: result.rejected.slice(0, 3) })}`);
    const perSecond = Math.round(rows / (ms / 1000));
    const grownMb = Math.round((heapPeak - heapBefore) / 1e6);
    record(`import-csv: ${perSecond} rows/s, heap +${grownMb} MB`, rows, [ms], '—');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
