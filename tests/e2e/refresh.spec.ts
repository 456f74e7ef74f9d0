// A view re-asks only when a change names something its query reads (shared/api, `reads`): a
// handover note does not re-ask the team board or the queue; a new team re-asks the board and
// not the queue; a logged call re-asks the queue. Requests counted on the page's own socket.
import { createTranslator } from '../../shared/i18n';
import { expect, test } from './harness';

test('the main screen re-asks only the queries a change touches', async ({ beacon }) => {
  const t = createTranslator('en');
  const { page, core } = beacon;
  const setup = await core.invoke(core.createSession(), 'setup.complete', {
    post: { name: 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
    operator: { name: 'Rania Haddad', pin: '2468' }, language: 'en', loadDemo: false,
  });
  expect(setup.ok).toBe(true);
  const session = core.createSession();
  expect((await core.invoke(session, 'session.signIn', { name: 'Rania Haddad', pin: '2468' })).ok).toBe(true);
  const centre = await core.invoke(session, 'teams.saveCentre', { name: 'Latakia centre', district: 'latakia', covers: [] });
  if (!centre.ok) throw new Error(centre.error.code);
  expect((await core.invoke(session, 'teams.save', { callSign: 'Rescue 1', kind: 'search_rescue', centreId: centre.value.id })).ok).toBe(true);

  const asked: { channel: string; input: { queue?: string } }[] = [];
  page.on('websocket', (socket) => socket.on('framesent', ({ payload }) => {
    const message = JSON.parse(String(payload)) as { t: string; channel: string; input: { queue?: string } };
    if (message.t === 'call') asked.push(message);
  }));
  // The queue on screen (the lock check in Console.tsx asks the closure queue on every event).
  const count = () => ({
    board: asked.filter((m) => m.channel === 'teams.board').length,
    centres: asked.filter((m) => m.channel === 'teams.centres').length,
    queue: asked.filter((m) => m.channel === 'incidents.queue' && m.input.queue === 'waiting').length,
  });

  await page.reload();
  await page.getByLabel(t('signIn.name')).fill('Rania Haddad');
  await page.getByLabel(t('signIn.pin')).fill('2468');
  await page.keyboard.press('Enter');
  const board = page.getByRole('listbox', { name: t('teams.rows') });
  await expect(board.getByText('Rescue 1')).toBeVisible();
  await expect(page.getByRole('tab', { name: new RegExp(t('queues.waiting')) })).toContainText('0');
  const start = count();
  expect(start.board).toBeGreaterThan(0);
  expect(start.queue).toBeGreaterThan(0);

  // Unrelated (handoverNote), then related to the board alone (team). Events arrive in order, so
  // once the new team is drawn, any re-ask the note caused was sent before it.
  expect((await core.invoke(session, 'summary.addHandoverNote', { shiftStart: Date.now(), text: 'Generator needs fuel.' })).ok).toBe(true);
  expect((await core.invoke(session, 'teams.save', { callSign: 'Rescue 2', kind: 'search_rescue', centreId: centre.value.id })).ok).toBe(true);
  await expect(board.getByText('Rescue 2')).toBeVisible();
  expect(count()).toEqual({ board: start.board + 1, centres: start.centres, queue: start.queue });

  // A call: the queue re-asks (and the board, which shows incidents' teams).
  expect((await core.invoke(session, 'incidents.log', {
    receivedAt: Date.now(), source: 'phone', type: 'fire', priority: 2, location: { district: 'latakia' }, reported: { trapped: 0, injured: 0, dead: 0 },
  })).ok).toBe(true);
  await expect(page.getByRole('tab', { name: new RegExp(t('queues.waiting')) })).toContainText('1');
  expect(count().queue).toBeGreaterThan(start.queue);
  expect(count().centres).toBe(start.centres);
});
