// What is still held back from elsewhere (issue #21): a count of what is held now, by reason,
// and apart from it how many held earlier have been applied since; and whether this folder
// was found to be a copy of another console's (it then took a new origin).
import { useLocale } from '../../i18n';
import { useQuery } from '../../ops';

export function HeldBackPanel() {
  const { t, tCode, number, dateTime } = useLocale();
  const { data } = useQuery('sync.health', {});
  if (!data) return null;
  const { held, heldByReason, released } = data.quarantine;
  const { copied } = data;
  return (
    <section className="panel" aria-labelledby="held-title">
      <h2 id="held-title">{t('syncTrust.heldTitle')}</h2>
      {copied ? <p className="notice">{t('syncTrust.copied', { at: dateTime(copied.at) })}</p> : null}
      <p role="status">{held === 0 ? t('syncTrust.heldNone') : t('syncTrust.held', { n: number(held) })}</p>
      {held > 0 ? (
        <ul>
          {Object.entries(heldByReason).map(([reason, n]) => <li key={reason}>{tCode(`bundles.reason_${reason}`)}: <bdi>{number(n)}</bdi></li>)}
        </ul>
      ) : null}
      {released > 0 ? <p className="muted">{t('syncTrust.released', { n: number(released) })}</p> : null}
    </section>
  );
}
