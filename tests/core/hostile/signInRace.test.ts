// Issue #18 item 3: wrong PINs sent all at once must each count, so the wait after five holds.
import { afterEach, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testCore';

let t: TestCore;
afterEach(async () => t?.close());

describe('sign-in throttling under concurrency', () => {
  it('checks at most five of 1,000 wrong PINs sent at once, and the name then waits', async () => {
    t = await openTestCore();
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) =>
      t.core.invoke(t.core.createSession(), 'session.signIn', { name: 'Rania Haddad', pin: String(1000 + i).padStart(4, '0') })));
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'error.badCredentials')).toHaveLength(5);
    expect(codes.filter((c) => c === 'error.tooManyAttempts')).toHaveLength(995);
    const row = await t.core.store.reader.get<{ failures: number }>('SELECT failures FROM sign_in_failures');
    expect(row?.failures).toBe(5);
    // Even the right PIN waits now; after the wait it works.
    expect(await t.core.invoke(t.core.createSession(), 'session.signIn', { name: 'Rania Haddad', pin: '2468' })).toMatchObject({ ok: false, error: { code: 'error.tooManyAttempts' } });
    t.clock.advance(31_000);
    expect(await t.core.invoke(t.core.createSession(), 'session.signIn', { name: 'Rania Haddad', pin: '2468' })).toMatchObject({ ok: true });
  });

  it('lets the right PIN in among a few concurrent wrong ones and clears the count', async () => {
    t = await openTestCore();
    const pins = ['0000', '1111', '2468', '3333'];
    const results = await Promise.all(pins.map((pin) => t.core.invoke(t.core.createSession(), 'session.signIn', { name: 'Rania Haddad', pin })));
    expect(results.map((r) => r.ok)).toEqual([false, false, true, false]);
  });
});
