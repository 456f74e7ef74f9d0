// The duty officer reads a month of trends, narrows them by district, reads a chart's numbers
// as a table, and takes them away as CSV (Arabic intact) and as an image.
import { readFileSync } from 'node:fs';
import { LANGUAGES } from '../../shared/domain';
import { createTranslator } from '../../shared/i18n';
import { seedIncidents } from '../../electron/core/demo/seed';
import { expect, signIn, testIn } from './harness';

for (const language of LANGUAGES) {
  const t = createTranslator(language);
  testIn(language)(`a supervisor reads the statistics, filters them and exports a chart (${language})`, async ({ beacon }) => {
    const { page, core } = beacon;
    const admin = core.createSession();
    const setup = await core.invoke(admin, 'setup.complete', {
      post: { name: 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
      operator: { name: 'Rania Haddad', pin: '2468' }, language, loadDemo: false,
    });
    if (!setup.ok) throw new Error('setup failed');
    await seedIncidents(core.context, setup.value.id, { count: 1500, days: 60, seed: 9 });
    // The statistics and their charts are a piece of their own, fetched only when the screen opens, under the strict CSP.
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(r.url()));
    const refused: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) refused.push(m.text()); });
    await signIn(page, t);
    await expect(page.getByRole('region', { name: t('teams.board') })).toBeVisible();
    expect(fetched.filter((u) => /StatsScreen-[\w-]+\.js$/.test(u))).toEqual([]);
    await page.getByRole('link', { name: t('nav.stats'), exact: true }).click();

    // The last 30 days, as the core counts them.
    const expected = await core.invoke(admin, 'stats.report', { period: { from: dateBefore(29), to: dateBefore(0) } });
    if (!expected.ok) throw new Error('report failed');
    const incidents = page.locator('.kpi').filter({ has: page.getByText(t('stats.incidents'), { exact: true }) }).locator('.kpi__value');
    await expect(incidents).toHaveText(new Intl.NumberFormat(language === 'ar' ? 'ar-SY-u-nu-latn' : 'en-GB').format(expected.value.totals.incidents));
    await expect(page.getByRole('heading', { name: t('stats.byDistrict') })).toBeVisible();
    await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
    expect(fetched.filter((u) => /StatsScreen-[\w-]+\.js$/.test(u))).toHaveLength(1);
    expect(refused).toEqual([]);
    await page.setViewportSize({ width: 1400, height: 2700 });
    await page.screenshot({ path: `test-results/screens/stats-${language}.png` });
    await page.setViewportSize({ width: 1400, height: 900 });

    // The district chart as a table: one row per district, largest first.
    const districtCard = page.getByRole('region', { name: t('stats.byDistrict') });
    await districtCard.getByRole('button', { name: t('stats.showTable', { title: t('stats.byDistrict') }) }).click();
    const rows = districtCard.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(expected.value.byDistrict.length + 1);
    const firstCount = await rows.nth(1).getByRole('cell').first().textContent();
    expect(Number(firstCount?.replace(/[^\d]/g, ''))).toBe(expected.value.byDistrict[0]!.count);

    // CSV: UTF-8 with a byte-order mark, headers in the operator's language.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      districtCard.getByRole('button', { name: t('stats.csv', { title: t('stats.byDistrict') }) }).click(),
    ]);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')[0]).toBe([t('stats.district'), t('stats.count'), t('stats.previous'), t('stats.change')].join(','));
    expect(text.trim().split('\r\n')).toHaveLength(expected.value.byDistrict.length + 1);

    // An image of a chart.
    const typeCard = page.getByRole('region', { name: t('stats.byType', { bucket: t('stats.bucket_day') }) });
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      typeCard.getByRole('button', { name: t('stats.png', { title: t('stats.byType', { bucket: t('stats.bucket_day') }) }) }).click(),
    ]);
    const image = readFileSync(await png.path());
    await png.saveAs(`test-results/screens/stats-chart-${language}.png`);
    expect(image.subarray(1, 4).toString()).toBe('PNG');
    expect(image.length).toBeGreaterThan(5000);

    // Filter by district: the figures follow.
    await page.getByRole('group', { name: t('stats.filters') }).getByLabel(t('queue.district')).selectOption('jableh');
    const filtered = await core.invoke(admin, 'stats.report', { period: { from: dateBefore(29), to: dateBefore(0) }, filters: { district: 'jableh' } });
    if (!filtered.ok) throw new Error('report failed');
    await expect(incidents).toHaveText(new Intl.NumberFormat('en-GB').format(filtered.value.totals.incidents).replace(/,/g, language === 'ar' ? '٬' : ','));
    await expect(rows).toHaveCount(2);

    // The last 24 hours come in hours.
    await page.getByRole('group', { name: t('stats.filters') }).getByLabel(t('stats.period')).selectOption('last24h');
    await expect(page.getByRole('heading', { name: t('stats.byType', { bucket: t('stats.bucket_hour') }) })).toBeVisible();
  });
}

/** The post's local date `days` ago (the tests' post is in Damascus, UTC+3 all year). */
function dateBefore(days: number): string {
  return new Date(Date.now() + 3 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
}
