// Every screen of the console, visited in order, for the specs that look at all of them
// (Arabic screenshots, the pseudo-locale). `look` is called once each screen has drawn.
import type { Page } from '@playwright/test';
import type { MessageKey, Params } from '../../shared/i18n';
import { expect } from './harness';

export type T = (key: MessageKey, params?: Params) => string;
export type Look = (screen: string) => Promise<void>;

export async function visitEveryScreen(page: Page, t: T, look: Look, printQuery: string): Promise<void> {
  const main = page.getByRole('main');
  const nav = page.getByRole('navigation', { name: t('nav.main') });
  const open = (name: string) => nav.getByRole('link', { name, exact: true }).click();
  const heading = (name: string) => expect(main.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();

  const rows = main.getByRole('listbox', { name: t('queue.rows') }).getByRole('option');
  await expect(rows.first()).toBeVisible();
  await look('queue');
  await page.getByRole('tab', { name: new RegExp(escape(t('queues.active'))) }).click();
  await expect(rows.first()).toBeVisible();
  await look('queue-active');

  await rows.first().dblclick();
  await expect(main.getByRole('heading', { level: 2, name: t('dispatch.title') })).toBeVisible();
  await look('incident');
  await open(t('nav.queues'));

  await page.keyboard.press('F2');
  await expect(page.getByRole('dialog', { name: t('intake.title') })).toBeVisible();
  await look('intake');
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog', { name: t('help.title') })).toBeVisible();
  await look('help');
  await page.keyboard.press('Escape');

  await open(t('nav.roster'));
  await heading(t('roster.title'));
  await look('roster');
  await open(t('nav.organisation'));
  await heading(t('organisation.title'));
  await look('organisation');
  await open(t('nav.stats'));
  await heading(t('stats.title'));
  await expect(main.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await look('stats');
  await main.getByRole('link', { name: t('import.link') }).click();
  await heading(t('import.title'));
  await look('import');
  await open(t('nav.summary'));
  await expect(main.getByRole('article').first()).toBeVisible();
  await look('summary');
  await open(t('nav.audit'));
  await heading(t('audit.title'));
  await expect(main.getByRole('table')).toBeVisible();
  await look('audit');
  await open(t('nav.conflicts'));
  await heading(t('conflicts.title'));
  await look('conflicts');
  await open(t('nav.sync'));
  await heading(t('sync.title'));
  await look('sync');
  await open(t('nav.wall'));
  await expect(page.getByRole('heading', { level: 1, name: t('wall.title') })).toBeVisible();
  await look('wall');

  // The printed summary's own route, as the print window opens it.
  const url = page.url().replace(/#.*$/, '');
  await page.goto(`${url}#/print/summary?${printQuery}`);
  await page.reload();
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
  await look('print-summary');
  await page.goto(`${url}#/`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
