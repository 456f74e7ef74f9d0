// The process that is killed mid-push: a console's core syncing a large backlog with a hub in
// small batches, as the engine does. Reports `ready` once connected and `done` when the
// exchange finished.
import { join } from 'node:path';
import { openCore } from '../../electron/core';
import { createFileSettingsStore } from '../../electron/core/settings/fileSettingsStore';
import { connectHub, syncWithHub } from '../../electron/core/sync/hub';

const [dataDir, url, batch] = process.argv.slice(2) as [string, string, string];
// No background engine or safety copies: this process is killed at random, and the test drives the exchange.
const core = await openCore({ dataDir, settings: createFileSettingsStore(join(dataDir, 'settings.json')), log: { error: () => undefined, info: () => undefined }, safetyCopies: false, sync: false });
const client = await connectHub(url);
process.stdout.write('ready\n');
const moved = await syncWithHub(core.store, client, () => Date.now(), { batch: Number(batch) });
process.stdout.write(`done ${JSON.stringify(moved)}\n`);
await client.end();
await core.close();
