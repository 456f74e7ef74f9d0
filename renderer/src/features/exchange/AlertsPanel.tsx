// An incident's public alerts and their state; the duty officer issues, updates, cancels and
// saves each as a CAP file for the alerting authority (the save dialog, or a download).
import { useState } from 'react';
import type { ApiError, IncidentDetail } from '../../../../shared/api';
import type { AlertView } from '../../../../shared/api/exchange';
import { useLocale } from '../../i18n';
import { call, useQuery } from '../../ops';
import { ErrorBanner } from '../../ui/Field';
import { useMay } from '../../ui/role';
import { AlertDialog, CancelAlertDialog } from './AlertDialog';

type Editing = { kind: 'issue' } | { kind: 'update'; alert: AlertView } | { kind: 'cancel'; alert: AlertView };

export function AlertsPanel({ incident }: { incident: IncidentDetail }) {
  const { t, dateTime, errorText, number, sep } = useLocale();
  const may = useMay();
  const { data: alerts, error } = useQuery('exchange.alerts', { incidentId: incident.id });
  const [editing, setEditing] = useState<Editing>();
  const [saved, setSaved] = useState<string>();
  const [saveError, setSaveError] = useState<ApiError>();
  const mayIssue = may('exchange.issueAlert');

  async function save(alert: AlertView) {
    const result = await call('exchange.saveAlert', { messageId: alert.latestMessageId });
    setSaveError(result.ok ? undefined : result.error);
    // The path is isolated left-to-right inside the sentence, so an Arabic line keeps it whole.
    setSaved(result.ok && result.value ? t('exchange.saved', { file: `\u2066${result.value.file}\u2069` }) : undefined);
  }

  return (
    <section className="panel alerts" aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('exchange.alerts')}</h2>
      <ErrorBanner>{error ? errorText(error) : saveError ? errorText(saveError) : null}</ErrorBanner>
      {alerts && alerts.length === 0 ? <p className="muted">{t('exchange.noAlerts')}</p> : null}
      {alerts && alerts.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('exchange.identifier')}</th><th>{t('exchange.eventLabel')}</th><th>{t('exchange.stateLabel')}</th>
              <th>{t('exchange.sent')}</th><th>{t('exchange.expires')}</th><th><span className="visually-hidden">{t('exchange.alerts')}</span></th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => (
              <tr key={a.id} data-alert={a.identifier}>
                <td><bdi dir="ltr">{a.identifier}</bdi> <span className="muted">{sep}{t(`exchange.msgType.${a.msgType}`)}{sep}{t('exchange.messages', { n: number(a.messages) })}</span></td>
                <td>{t(`exchange.event.${a.event}`)}</td>
                <td><span className={`status alert-state--${a.state}`}>{t(`exchange.state.${a.state}`)}</span></td>
                <td>{dateTime(a.sent)}</td>
                <td>{dateTime(a.expires)}</td>
                <td><div className="actions">
                  {mayIssue ? <button type="button" className="button button--small" onClick={() => void save(a)}>{t('exchange.saveXml')}</button> : null}
                  {mayIssue && a.state !== 'cancelled' ? (
                    <>
                      <button type="button" className="button button--small" onClick={() => setEditing({ kind: 'update', alert: a })}>{t('exchange.update')}</button>
                      <button type="button" className="button button--small button--danger" onClick={() => setEditing({ kind: 'cancel', alert: a })}>{t('exchange.cancel')}</button>
                    </>
                  ) : null}
                </div></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {saved ? <p role="status" className="muted">{saved}</p> : null}
      {mayIssue ? (
        <div className="actions">
          <button type="button" className="button" onClick={() => setEditing({ kind: 'issue' })}>{t('exchange.issue')}</button>
        </div>
      ) : null}
      {editing?.kind === 'issue' || editing?.kind === 'update' ? (
        <AlertDialog incidentId={incident.id} alert={editing.kind === 'update' ? editing.alert : undefined}
          hasCoordinates={incident.lat !== null && incident.lon !== null} onClose={() => setEditing(undefined)} />
      ) : null}
      {editing?.kind === 'cancel' ? <CancelAlertDialog alert={editing.alert} onClose={() => setEditing(undefined)} /> : null}
    </section>
  );
}
