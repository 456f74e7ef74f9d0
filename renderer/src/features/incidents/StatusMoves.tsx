// Moving an incident by hand: on scene, cleared, closed, cancelled with a reason. "Dispatched"
// is reached by sending a team (the dispatch panel above); a post that really sends someone
// not on its list says so, with who was sent, in a separate, confirmed step that the record
// keeps as a note beside the move.
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ApiError, IncidentDetail } from '../../../../shared/api';
import { CANCEL_REASONS, NEXT_STATUS, type CancelReason, type IncidentStatus } from '../../../../shared/domain';
import { useLocale } from '../../i18n';
import { call } from '../../ops';
import { ErrorBanner } from '../../ui/Field';
import { useMay } from '../../ui/role';

type Asking = 'cancel' | 'withoutTeam' | null;

export function StatusMoves({ incident, heading, onUnsaved }: {
  incident: IncidentDetail; heading: RefObject<HTMLHeadingElement | null>; onUnsaved: (form: string, dirty: boolean) => void;
}) {
  const { t, errorText, duration } = useLocale();
  const [error, setError] = useState<ApiError>();
  const [asking, setAsking] = useState<Asking>(null);
  const [reason, setReason] = useState<CancelReason | ''>('');
  const [whoWasSent, setWhoWasSent] = useState('');
  const may = useMay();
  const panel = useRef<HTMLElement>(null);
  const moved = useRef(false);
  const moves = NEXT_STATUS[incident.status].filter((s) => s !== 'cancelled' && s !== 'dispatched' && may('incidents.setStatus', { status: s }));
  const mayWithoutTeam = NEXT_STATUS[incident.status].includes('dispatched') && may('incidents.setStatus', { status: 'dispatched' });
  useEffect(() => onUnsaved('withoutTeam', whoWasSent.trim() !== ''), [onUnsaved, whoWasSent]);

  // After a move the buttons change: focus goes to the next move, or to the heading when none is left.
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    (panel.current?.querySelector<HTMLElement>('.actions button') ?? heading.current)?.focus();
  }, [incident.status, heading]);

  const move = async (status: IncidentStatus, extra: { cancelReason?: CancelReason; withoutTeam?: true; note?: string } = {}) => {
    const result = await call('incidents.setStatus', { id: incident.id, status, ...extra });
    setError(result.ok ? undefined : result.error);
    if (result.ok) {
      moved.current = true;
      setAsking(null);
      setWhoWasSent('');
    }
  };
  const rt = incident.responseTimes;
  const seconds = (s: number | null) => (s === null ? t('common.none') : duration(s * 1000));
  return (
    <section className="panel" id="status-moves" aria-label={t('incident.status')} ref={panel}>
      <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
      <div className="actions">
        {moves.map((s) => (
          <button key={s} type="button" className="button button--primary" onClick={() => void move(s)}>{t('incident.moveTo', { status: t(`status.${s}`) })}</button>
        ))}
        {mayWithoutTeam && asking !== 'withoutTeam'
          ? <button type="button" className="button" onClick={() => setAsking('withoutTeam')}>{t('keys.dispatchWithoutTeam')}</button> : null}
        {NEXT_STATUS[incident.status].includes('cancelled') && may('incidents.setStatus', { status: 'cancelled' }) && asking !== 'cancel'
          ? <button type="button" className="button button--danger" onClick={() => setAsking('cancel')}>{t('incident.cancelIncident')}</button> : null}
      </div>
      {asking === 'withoutTeam' ? (
        <form className="inline-form" aria-label={t('keys.dispatchWithoutTeam')}
          onSubmit={(e) => { e.preventDefault(); if (whoWasSent.trim()) void move('dispatched', { withoutTeam: true, note: t('keys.withoutTeamNote', { reason: whoWasSent.trim() }) }); }}>
          <label>{t('keys.withoutTeamReason')}
            <input value={whoWasSent} onChange={(e) => setWhoWasSent(e.target.value)} autoFocus />
          </label>
          <button type="submit" className="button" disabled={!whoWasSent.trim()}>{t('keys.confirmWithoutTeam')}</button>
          <button type="button" className="button" onClick={() => { setAsking(null); setWhoWasSent(''); }}>{t('common.cancel')}</button>
        </form>
      ) : null}
      {asking === 'cancel' ? (
        <div className="inline-form">
          <label>{t('incident.cancelReason')}
            <select value={reason} onChange={(e) => setReason(e.target.value as CancelReason)} autoFocus>
              <option value="">—</option>
              {CANCEL_REASONS.map((r) => <option key={r} value={r}>{t(`cancelReason.${r}`)}</option>)}
            </select>
          </label>
          <button type="button" className="button button--danger" disabled={!reason} onClick={() => reason && void move('cancelled', { cancelReason: reason })}>{t('incident.confirmCancel')}</button>
          <button type="button" className="button" onClick={() => setAsking(null)}>{t('common.cancel')}</button>
        </div>
      ) : null}
      <dl className="times" aria-label={t('incident.responseTimes')}>
        <div><dt>{t('incident.callToDispatch')}</dt><dd>{seconds(rt.callToDispatchSec)}</dd></div>
        <div><dt>{t('incident.dispatchToScene')}</dt><dd>{seconds(rt.dispatchToSceneSec)}</dd></div>
        <div><dt>{t('incident.sceneToCleared')}</dt><dd>{seconds(rt.sceneToClearedSec)}</dd></div>
      </dl>
    </section>
  );
}
