// In the header: this laptop's clock is more than a minute off the hub's, or changes arrive
// stamped more than a minute ahead of it (issue #21). Edits still merge by what each writer
// had seen; the warning is so that someone puts the clock right.
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { useLocale } from '../../i18n';
import { call } from '../../ops';

type Clock = Output<'sync.health'>['clock'];

export function ClockWarning({ everyMs = 30_000 }: { everyMs?: number }) {
  const { t, duration, dir } = useLocale();
  const [clock, setClock] = useState<Clock | null>(null);
  useEffect(() => {
    let live = true;
    const ask = () => void call('sync.health', {}).then((r) => { if (live && r.ok) setClock(r.value.clock); });
    ask();
    const timer = setInterval(ask, everyMs);
    return () => { live = false; clearInterval(timer); };
  }, [everyMs]);
  if (!clock?.warn) return null;
  const offHub = clock.hubOffsetMs !== null && Math.abs(clock.hubOffsetMs) > 60_000;
  const n = duration(offHub ? Math.abs(clock.hubOffsetMs ?? 0) : clock.receivedAheadMs ?? 0);
  // Short in the header; the whole sentence is its title (as the hubs' status).
  const sentence = offHub ? t('syncTrust.clockHub', { n }) : t('syncTrust.clockReceived', { n });
  return (
    <span role="status" className="sync-status__hub sync-status__hub--error" title={sentence}>
      <span aria-hidden="true">⚠</span> <bdi dir={dir}>{t('syncTrust.clockShort', { n })}</bdi>
    </span>
  );
}
