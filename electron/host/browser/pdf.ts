// The summary's PDF, made by the browser host with the same print engine as the window:
// the system's Chromium, headless, driven by playwright-core (page.pdf), on the print route.
import { chromium } from 'playwright-core';

/** `url` is the print route on the host (sharing the asking window's session); `cookie` lets it in. */
export async function makePdf(executablePath: string, url: string, cookie: { name: string; value: string }): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const context = await browser.newContext();
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: new URL(url).origin, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    await page.goto(url);
    // The route marks the body when the summary has arrived and rendered.
    await page.locator('body[data-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    return await page.pdf({ printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
