// A flare-up: 450 calls waiting. The queue arrives page by page, yet reads as one list: the
// count on the tab is the whole queue, End reaches its last call, and a call logged meanwhile
// shows up without a reload.
import { seedIncidents } from '../../electron/core/demo/seed';
import { createTranslator } from '../../shared/i18n';
import { expect, signIn, test } from './harness';

const t = createTranslator('en');

test('a queue of 450 waiting calls reads end to end and stays live', async ({ beacon }) => {
  const { page, core } = beacon;
  const setup = await core.invoke(core.createSession(), 'setup.complete', {
    post: { name: 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' },
    consoleLetter: 'A', operator: { name: 'Rania Haddad', pin: '2468' }, language: 'en', loadDemo: false,
  });
  if (!setup.ok) throw new Error('setup failed');
  await seedIncidents(core.context, setup.value.id, { count: 450, days: 1, seed: 8, awaitingDispatch: true });
  const session = core.createSession();
  await core.invoke(session, 'session.signIn', { name: 'Rania Haddad', pin: '2468' });
  const whole = await core.invoke(session, 'incidents.queue', { queue: 'waiting', limit: 1000 });
  if (!whole.ok) throw new Error('queue failed');
  const total = whole.value.total;
  expect(whole.value.rows).toHaveLength(total);

  await page.reload();
  await signIn(page, t);
  const tab = page.getByRole('tab', { name: new RegExp(t('queues.waiting')) });
  await expect(tab).toContainText(String(total));
  const list = page.getByRole('listbox', { name: t('queue.rows') });
  const option = (number: string) => list.getByRole('option', { name: t('queue.open', { number }) });
  await expect(option(whole.value.rows[0]!.number)).toBeVisible();

  // End: the last call of the whole queue, several pages down, is drawn and selected.
  await list.focus();
  await page.keyboard.press('End');
  const last = option(whole.value.rows[total - 1]!.number);
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(list.locator('[aria-busy="true"]')).toHaveCount(0);

  // A call logged on another console, waiting longer than any, arrives at the top; the count follows.
  const logged = await core.invoke(session, 'incidents.log', {
    receivedAt: whole.value.rows[0]!.receivedAt - 60_000, source: 'phone', type: 'fire', priority: 1, location: { district: 'jableh' },
    reported: { trapped: 2, injured: 0, dead: 0 },
  });
  if (!logged.ok) throw new Error('log failed');
  await expect(tab).toContainText(String(total + 1));
  await page.keyboard.press('Home');
  const detail = await core.invoke(session, 'incidents.get', { id: logged.value.incidentId });
  if (!detail.ok) throw new Error('get failed');
  await expect(option(detail.value.number)).toHaveAttribute('aria-selected', 'true');
});
