import { afterEach, describe, expect, it } from 'vitest';
import { intake, openTestCore, type TestCore } from '../testCore';

let t: TestCore;
afterEach(async () => t?.close());

describe('signing in', () => {
  it('makes a name wait after five wrong PINs, longer each time, even across a restart', async () => {
    t = await openTestCore();
    const attempt = (pin: string) => t.core.invoke(t.core.createSession(), 'session.signIn', { name: 'Rania Haddad', pin });
    for (let i = 0; i < 5; i++) expect(await attempt('0000')).toEqual({ ok: false, error: { code: 'error.badCredentials' } });
    // Locked now: even the right PIN waits.
    expect(await attempt('2468')).toEqual({ ok: false, error: { code: 'error.tooManyAttempts', params: { seconds: 30 } } });
    await t.reopen();
    expect(await attempt('2468')).toMatchObject({ ok: false, error: { code: 'error.tooManyAttempts' } });
    t.clock.advance(31_000);
    expect(await attempt('1111')).toEqual({ ok: false, error: { code: 'error.badCredentials' } });
    expect(await attempt('2468')).toEqual({ ok: false, error: { code: 'error.tooManyAttempts', params: { seconds: 60 } } });
    t.clock.advance(61_000);
    expect((await attempt('2468')).ok).toBe(true);
    // A good sign-in clears the count.
    expect(await attempt('0000')).toEqual({ ok: false, error: { code: 'error.badCredentials' } });
    expect((await attempt('2468')).ok).toBe(true);
  });
});

describe('the idle lock', () => {
  it('refuses everything but the operator\'s own PIN until unlocked', async () => {
    t = await openTestCore();
    await t.call('operators.create', { name: 'Fadi Ali', pin: '1357', role: 'operator', language: 'ar' });
    await t.call('session.lock', {});
    expect(await t.core.invoke(t.session, 'incidents.queue', { queue: 'waiting' })).toEqual({ ok: false, error: { code: 'error.locked' } });
    expect(await t.core.invoke(t.session, 'incidents.log', intake())).toEqual({ ok: false, error: { code: 'error.locked' } });
    // Another operator's PIN does not open this operator's console.
    expect(await t.core.invoke(t.session, 'session.unlock', { pin: '1357' })).toEqual({ ok: false, error: { code: 'error.badCredentials' } });
    expect((await t.call('session.unlock', { pin: '2468' })).name).toBe('Rania Haddad');
    expect((await t.call('incidents.queue', { queue: 'waiting' })).rows).toEqual([]);
    expect((await t.call('setup.status', {})).lockAfterMinutes).toBe(10);
  });
});

describe('operator accounts', () => {
  it('are created by an administrator with a slow, salted PIN hash, as operations like any data', async () => {
    t = await openTestCore();
    const a = await t.call('operators.create', { name: 'Fadi Ali', pin: '1357', role: 'operator', language: 'ar' });
    const b = await t.call('operators.create', { name: 'Nour Deeb', pin: '1357', role: 'supervisor', language: 'en' });
    expect(a).toMatchObject({ name: 'Fadi Ali', role: 'operator', disabled: false });
    const hashes = await t.core.store.reader.all<{ pin_hash: string }>('SELECT pin_hash FROM operators WHERE id IN (?, ?)', [a.id, b.id]);
    expect(hashes[0]!.pin_hash).not.toBe(hashes[1]!.pin_hash); // same PIN, different salt
    const ops = await t.core.store.reader.all<{ value: string }>("SELECT value FROM operations WHERE entity = 'operator' AND row_id = ?", [a.id]);
    expect(ops).toHaveLength(1);
    expect(ops[0]!.value).not.toContain('1357');
    expect((await t.call('operators.list', {})).map((o) => o.name)).toEqual(['Fadi Ali', 'Nour Deeb', 'Rania Haddad']);
    expect(await t.core.invoke(t.session, 'operators.create', { name: 'fadi  ali', pin: '2222', role: 'operator', language: 'ar' }))
      .toEqual({ ok: false, error: { code: 'error.invalidInput', fields: { name: 'validation.duplicateName' } } });
  });

  it('are disabled, never deleted: a disabled operator cannot sign in and is signed out at once', async () => {
    t = await openTestCore();
    const fadi = await t.call('operators.create', { name: 'Fadi Ali', pin: '1357', role: 'operator', language: 'ar' });
    const fadiSession = t.core.createSession();
    expect((await t.core.invoke(fadiSession, 'session.signIn', { name: 'Fadi Ali', pin: '1357' })).ok).toBe(true);
    const logged = await t.core.invoke(fadiSession, 'incidents.log', intake());
    expect(logged.ok).toBe(true);
    expect(await t.call('operators.setDisabled', { id: fadi.id, disabled: true })).toMatchObject({ disabled: true });
    expect(await t.core.invoke(fadiSession, 'incidents.queue', { queue: 'waiting' })).toEqual({ ok: false, error: { code: 'error.notSignedIn' } });
    expect(await t.core.invoke(t.core.createSession(), 'session.signIn', { name: 'Fadi Ali', pin: '1357' })).toEqual({ ok: false, error: { code: 'error.badCredentials' } });
    // What he did keeps his name.
    if (logged.ok) expect((await t.call('incidents.get', { id: logged.value.incidentId })).createdBy).toBe('Fadi Ali');
    expect(await t.call('operators.setDisabled', { id: fadi.id, disabled: false })).toMatchObject({ disabled: false });
    expect((await t.core.invoke(t.core.createSession(), 'session.signIn', { name: 'Fadi Ali', pin: '1357' })).ok).toBe(true);
  });

  it('cannot be disabled by themselves, so an administrator always remains', async () => {
    t = await openTestCore();
    const me = await t.call('session.current', {});
    expect(await t.core.invoke(t.session, 'operators.setDisabled', { id: me!.id, disabled: true })).toEqual({ ok: false, error: { code: 'error.disableSelf' } });
    const other = await t.call('operators.create', { name: 'Second Admin', pin: '8642', role: 'administrator', language: 'en' });
    expect((await t.call('operators.setDisabled', { id: other.id, disabled: true })).disabled).toBe(true);
    const otherSession = t.core.createSession();
    await t.call('operators.setDisabled', { id: other.id, disabled: false });
    await t.core.invoke(otherSession, 'session.signIn', { name: 'Second Admin', pin: '8642' });
    await t.core.invoke(otherSession, 'operators.setDisabled', { id: me!.id, disabled: true });
    expect(await t.core.invoke(otherSession, 'operators.setDisabled', { id: other.id, disabled: true })).toEqual({ ok: false, error: { code: 'error.disableSelf' } });
    const lastCheck = await t.core.invoke(otherSession, 'operators.list', {});
    expect(lastCheck.ok && lastCheck.value.filter((o) => o.role === 'administrator' && !o.disabled).map((o) => o.name)).toEqual(['Second Admin']);
  });
});
