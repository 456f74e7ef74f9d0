// The process that is killed: it logs calls and notes as fast as it can on a real core and
// reports each one on stdout only after the core acknowledged it (its transaction committed).
import { join } from 'node:path';
import { openCore } from '../../electron/core';
import { createFileSettingsStore } from '../../electron/core/settings/fileSettingsStore';

const dataDir = process.argv[2]!;
// No safety copies: this process is killed at random, and the test is about the database itself.
const core = await openCore({ dataDir, settings: createFileSettingsStore(join(dataDir, 'settings.json')), log: { error: () => undefined, info: () => undefined }, safetyCopies: false });
const session = core.createSession();
const status = await core.invoke(session, 'setup.status', {});
if (status.ok && status.value.needsSetup) {
  await core.invoke(session, 'setup.complete', {
    post: { name: 'Durability', code: 'DUR', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
    operator: { name: 'Writer', pin: '2468' }, language: 'en', loadDemo: false,
  });
} else {
  await core.invoke(session, 'session.signIn', { name: 'Writer', pin: '2468' });
}
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const logged = await core.invoke(session, 'incidents.log', {
    receivedAt: Date.now(), source: 'radio', type: 'fire', priority: 2, location: { district: 'latakia', locality: `street ${i}` },
    description: `call ${i}`, reported: { trapped: 0, injured: i % 3, dead: 0 },
  });
  if (!logged.ok) throw new Error(JSON.stringify(logged.error));
  process.stdout.write(`call ${logged.value.incidentId} ${logged.value.number}\n`);
  const noted = await core.invoke(session, 'timeline.addNote', { incidentId: logged.value.incidentId, text: `note ${i}` });
  if (!noted.ok) throw new Error(JSON.stringify(noted.error));
  process.stdout.write(`note ${logged.value.incidentId} note ${i}\n`);
}
