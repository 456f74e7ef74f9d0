// Whether this console's changes are getting out: per hub, in the header, in plain words.
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { useLocale } from '../../i18n';
import { call } from '../../ops';

type Status = Output<'sync.status'>;

export function useSyncStatus(everyMs = 10_000): [Status, () => void] {
  const [status, setStatus] = useState<Status>([]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    const ask = () => void call('sync.status', {}).then((r) => { if (live && r.ok) setStatus(r.value); });
    ask();
    const timer = setInterval(ask, everyMs);
    return () => { live = false; clearInterval(timer); };
  }, [everyMs, tick]);
  return [status, () => setTick((n) => n + 1)];
}

export function hubLine(s: Status[number], t: ReturnType<typeof useLocale>['t'], tCode: ReturnType<typeof useLocale>['tCode'], duration: (ms: number) => string, sep: string): string {
  const waiting = s.waiting ? `${sep}${t('sync.waiting', { n: s.waiting })}` : '';
  if (s.state === 'syncing') return t('sync.syncing', { hub: s.name });
  if (s.state === 'error') return `${t('sync.error', { hub: s.name, problem: tCode(s.lastError ?? 'hub.unreachable') })}${waiting}`;
  if (s.lastSuccessAt === null) return t('sync.never', { hub: s.name });
  return `${t('sync.ok', { hub: s.name, ago: duration(Date.now() - s.lastSuccessAt) })}${waiting}`;
}

export function SyncStatus() {
  const { t, tCode, duration, dir, sep } = useLocale();
  const [status] = useSyncStatus();
  if (status.length === 0) return null;
  return (
    <ul className="sync-status" aria-label={t('sync.status')}>
      {status.map((s) => (
        // Short in the header; the whole sentence is its title and the sync screen's.
        <li key={s.id} className={`sync-status__hub sync-status__hub--${s.state}`} title={hubLine(s, t, tCode, duration, sep)}>
          <span aria-hidden="true">{s.state === 'error' ? '⚠' : s.state === 'ok' ? '⇅' : '…'}</span>{' '}
          {/* The sentence runs in the interface's direction: `auto` would make it English-first when the hub's name is Latin. */}
          <bdi dir={dir}>{s.state === 'error' ? `${t('sync.errorShort', { hub: s.name })}${s.waiting ? `${sep}${t('sync.waiting', { n: s.waiting })}` : ''}` : hubLine(s, t, tCode, duration, sep)}</bdi>
        </li>
      ))}
    </ul>
  );
}
