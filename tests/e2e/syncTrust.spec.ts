// Issue #21 in the real renderer: an operation held back (an older Beacon's, stamped two days
// ahead) is counted on the sync screen as still held, and the header warns about the clock.
import { createTranslator } from '../../shared/i18n';
import { expect, signIn, test } from './harness';

const t = createTranslator('en');

test('the sync screen counts what is held back, and the header warns of a clock two days off', async ({ beacon }) => {
  const { page, core } = beacon;
  const session = core.createSession();
  const setup = await core.invoke(session, 'setup.complete', {
    post: { name: 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
    operator: { name: 'Rania Haddad', pin: '2468' }, language: 'en', loadDemo: false,
  });
  expect(setup.ok).toBe(true);
  const logged = await core.invoke(session, 'incidents.log', {
    receivedAt: core.context.now(), source: 'phone', callerName: 'Abu Samer', callerPhone: '0933 123 456', type: 'fire', priority: 1,
    location: { district: 'latakia', locality: 'الرمل الجنوبي' }, description: 'Smoke from a flat', reported: { trapped: 0, injured: 0, dead: 0 },
  });
  expect(logged.ok).toBe(true);
  const origin = 'abcdef0123456789';
  const wall = core.context.now() + 2 * 24 * 3_600_000;
  const result = await core.store.applyRemote([{
    origin, seq: 1, hlc: `${String(wall).padStart(15, '0')}-0000-${origin}`, entity: 'incident',
    rowId: logged.ok ? logged.value.incidentId : '', field: 'priority', value: '2', operator: null,
  }], core.context.now());
  expect(result.quarantined.map((q) => q.reason)).toEqual(['clockAhead']);

  await signIn(page, t);
  // The header: stamped two days ahead of this laptop's clock.
  const warning = page.getByRole('status').filter({ hasText: t('syncTrust.clockShort', { n: '\u0000' }).split('\u0000')[0]! });
  await expect(warning).toBeVisible();
  await expect(warning).toHaveAttribute('title', new RegExp(t('syncTrust.clockReceived', { n: '\u0000' }).split('\u0000')[0]!));
  await page.getByRole('link', { name: t('nav.sync'), exact: true }).click();
  const panel = page.getByRole('region', { name: t('syncTrust.heldTitle') });
  await expect(panel).toContainText(t('syncTrust.held', { n: '1' }));
  await expect(panel).toContainText(t('bundles.reason_clockAhead'));
  await page.screenshot({ path: 'test-results/screens/sync-held-en.png' });
});
