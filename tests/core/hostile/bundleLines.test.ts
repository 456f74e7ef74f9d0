// Issue #18 item 5: a bundle is read in bounded memory and linear time, and checked whole
// (signature and every line) before any of it is applied.
import { createHmac } from 'node:crypto';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { readPostKey } from '../../../electron/core/post/postKey';
import { bundleBatches, MAX_LINE_BYTES } from '../../../electron/core/sync/bundle';
import { exportBundle, importBundle } from '../../../electron/core/sync/bundles';
import { seedIncidents } from '../../../electron/core/demo/seed';
import { cleanedAfterEach, consolesOfOnePost, count, intake, openTestCore } from '../testCore';

const { cores, tempDir } = cleanedAfterEach('beacon-bundle-lines-');

async function refusal(promise: Promise<unknown>): Promise<{ code: string; params?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: string; params?: Record<string, unknown> };
  }
  throw new Error('the bundle was accepted');
}

describe('reading a bundle', () => {
  it('refuses a 256 MB line at once, in bounded memory, before its signature is even looked at', async () => {
    const t = await openTestCore();
    cores.push(t);
    const file = join(tempDir(), 'endless.bundle');
    // Written streaming: the test itself never holds the line.
    const out = createWriteStream(file);
    out.write(`${JSON.stringify({ format: 'beacon-bundle', version: 1, post: 'LTK', origin: 'e0e0e0e0e0e0e0e0', createdAt: t.clock.time, count: 1 })}\n`);
    const mb = Buffer.alloc(1 << 20, 'a');
    for (let i = 0; i < 256; i++) if (!out.write(mb)) await once(out, 'drain');
    out.end('\nHMAC 0000000000000000000000000000000000000000000000000000000000000000\n');
    await once(out, 'finish');
    const operations = await count(t, 'operations');
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const watch = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
    const started = performance.now();
    const refused = await refusal(importBundle(t.core.context, file));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(watch);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(refused).toMatchObject({ code: 'trust.bundleLineTooLong', params: { line: 2, max: MAX_LINE_BYTES } });
    // Refused within its first megabyte: far under the line's 256 MB, whatever the machine's speed.
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
    console.log(`256 MB line: refused in ${seconds.toFixed(2)} s, rss +${((peak - before) / 1048576).toFixed(1)} MB`);
    expect(await count(t, 'operations')).toBe(operations);
    expect((await t.call('incidents.log', intake())).number).toMatch(/^LTK-/);
  });

  it('reads every line exactly, Arabic split across two reads of the file included', async () => {
    // Lines of two-byte Arabic letters, one placed so that a letter straddles each of the first reads' ends (256 KB).
    const READ = 1 << 18;
    const header = `${JSON.stringify({ format: 'beacon-bundle', version: 2, post: 'LTK', origin: 'e0e0e0e0e0e0e0e0', createdAt: 0, count: 0 })}\n`;
    const lines: { n: number; text: string }[] = [];
    let bytes = Buffer.byteLength(header);
    for (let n = 0; bytes < 3 * READ; n++) {
      // `{"n":N,"text":"` then letters: choose the count so the next read's end falls inside a letter.
      const prefix = Buffer.byteLength(`{"n":${n},"text":"`);
      const toBoundary = READ - (bytes % READ) - prefix;
      const letters = toBoundary > 8 && toBoundary < 60_000 && toBoundary % 2 === 1 ? (toBoundary + 1) / 2 : 500;
      const line = { n, text: 'ع'.repeat(letters) };
      lines.push(line);
      bytes += Buffer.byteLength(`${JSON.stringify(line)}\n`);
    }
    const file = join(tempDir(), 'arabic.bundle');
    writeFileSync(file, header + lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    const read: unknown[] = [];
    for await (const batch of bundleBatches(file, { format: 'beacon-bundle', version: 2, post: 'LTK', origin: 'e0e0e0e0e0e0e0e0', createdAt: 0, count: lines.length }, 100)) read.push(...batch);
    expect(read).toEqual(lines);
    // The placement did what it says: a letter straddles a read's end.
    const content = readFileSync(file);
    expect([1, 2].some((k) => content[k * READ - 1]! >= 0xc0 || (content[k * READ]! & 0xc0) === 0x80)).toBe(true);
  });

  it('applies nothing of a correctly signed bundle broken at operation line 5,001', async () => {
    const { a, b } = await consolesOfOnePost(cores);
    await seedIncidents(a.core.context, (await a.core.store.reader.get<{ id: string }>('SELECT id FROM operators LIMIT 1'))!.id, { count: 1500, days: 2, seed: 7 }, () => undefined);
    const file = join(a.dir, 'a.bundle');
    const { operations } = await exportBundle(a.core.context, file, {});
    expect(operations).toBeGreaterThan(5_100);
    // Break one line past the first batch of 5,000 and sign the result with the post key, as its holder could.
    const lines = readFileSync(file, 'utf8').split('\n').slice(0, -2);
    lines[5_001] = '{"origin": "broken';
    const body = `${lines.join('\n')}\n`;
    const key = readPostKey(a.core.context.settings, a.core.context.secrets)!;
    writeFileSync(file, `${body}HMAC ${createHmac('sha256', Buffer.from(key, 'base64url')).update(body, 'utf8').digest('hex')}\n`);
    const held = await count(b, 'operations');
    const refused = await refusal(importBundle(b.core.context, file));
    expect(refused).toMatchObject({ code: 'trust.bundleBrokenLine', params: { line: 5_002 } });
    expect(await count(b, 'operations')).toBe(held);
    expect(await count(b, 'incidents')).toBe(0);
    // The same bundle, unbroken, goes in whole.
    await exportBundle(a.core.context, file, {});
    expect(await importBundle(b.core.context, file)).toMatchObject({ applied: operations, quarantined: [] });
  }, 240_000);
});
