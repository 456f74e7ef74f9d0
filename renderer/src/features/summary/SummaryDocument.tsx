// The handover report as it is printed: the same pages on screen, in the print dialog, in the
// PDF and in the tests. Page size, margins, the running header and "page X of Y" are print
// CSS (@page margin boxes), so Chromium lays out every page the same way everywhere.
import { Fragment } from 'react';
import type { ShiftSummary, SummaryTimelineEntry } from '../../../../shared/api/types';
import { useLocale, type Locale } from '../../i18n';
import { useDistricts } from '../../ui/useDistricts';

/** A CSS string literal: quotes and backslashes escaped, newlines dropped. */
const css = (text: string) => `"${text.replace(/[\\"]/g, '\\$&').replace(/[\r\n]+/g, ' ')}"`;

/**
 * "Page {page} of {pages}" as CSS content with the page counters in place of the blanks, in the
 * post's digits (CSS counters write Arabic-Indic digits themselves with the arabic-indic style).
 */
function pageContent(template: string, arabicIndic: boolean): string {
  const style = arabicIndic ? ', arabic-indic' : '';
  return template.split(/(\{page\}|\{pages\})/).filter(Boolean)
    .map((part) => (part === '{page}' ? `counter(page${style})` : part === '{pages}' ? `counter(pages${style})` : css(part))).join(' ');
}

function minutes(locale: Locale, sec: number | null): string {
  return sec === null ? locale.t('stats.noData') : locale.t('stats.minutes', { n: locale.number(sec / 60, 1) });
}

function titleOf(summary: ShiftSummary, locale: Locale): string {
  return locale.t(summary.kind === 'shift' ? 'summary.titleShift' : summary.kind === 'day' ? 'summary.titleDay' : 'summary.titleRange');
}

function eventText(e: SummaryTimelineEntry, locale: Locale): string {
  const { t } = locale;
  switch (e.kind) {
    case 'call': return t('summary.evCall');
    case 'status': return e.status === 'cancelled' && e.cancelReason ? `${t('status.cancelled')} (${t(`cancelReason.${e.cancelReason}` as 'cancelReason.other')})` : t(`status.${e.status ?? 'received'}`);
    case 'assignment': return `${e.callSign ?? ''}: ${e.step === 'reassigned' ? t('summary.reassigned') : t(`step.${(e.step ?? 'dispatched') as 'dispatched'}`, { number: '' })}`;
    case 'note': return t('summary.evNote', { text: e.text ?? '' });
  }
}

export function SummaryDocument({ summary }: { summary: ShiftSummary }) {
  const locale = useLocale();
  const { t, dateTime, time, number, sep } = locale;
  const districts = useDistricts();
  const title = titleOf(summary, locale);
  const span = t('summary.span', { from: dateTime(summary.start), to: summary.end - summary.start <= 86_400_000 ? time(summary.end) : dateTime(summary.end) });
  const header = `${summary.post.name} — ${title} — ${span}`;
  const r = summary.responseTimes;
  const place = (district: string, locality: string | null) => (locality ? `${districts.name(district)} — ${locality}` : districts.name(district));

  return (
    <article className="summary" aria-label={title}>
      <style>{`@page {
  size: A4; margin: 16mm 14mm 18mm;
  @top-center { content: ${css(header)}; font-size: 8.5pt; color: #4b5563; }
  @bottom-left { content: ${css(t('summary.printedAt', { at: dateTime(summary.printedAt) }))}; font-size: 8pt; color: #4b5563; }
  @bottom-right { content: ${pageContent(t('summary.page', { page: '{page}', pages: '{pages}' }), locale.tag.endsWith('-nu-arab'))}; font-size: 8pt; color: #4b5563; }
}`}</style>
      <header className="summary__head">
        <div>
          <h1>{title}</h1>
          <p className="summary__post">{summary.post.name}</p>
        </div>
        <p className="summary__period"><bdi>{span}</bdi></p>
      </header>

      <section aria-labelledby="s-key">
        <h2 id="s-key">{t('summary.keyFigures')}</h2>
        <dl className="summary__figures">
          <div><dt>{t('summary.calls')}</dt><dd>{number(summary.calls)}</dd></div>
          <div><dt>{t('summary.incidents')}</dt><dd>{number(summary.incidents)}</dd></div>
          <div><dt>{t('summary.openAtEnd')}</dt><dd>{number(summary.openIncidents.length)}</dd></div>
          <div><dt>{t('stats.trapped')}</dt><dd>{number(summary.casualties.trapped)}</dd></div>
          <div><dt>{t('stats.injured')}</dt><dd>{number(summary.casualties.injured)}</dd></div>
          <div><dt>{t('stats.dead')}</dt><dd>{number(summary.casualties.dead)}</dd></div>
        </dl>
      </section>

      <div className="summary__three">
        <section aria-labelledby="s-type">
          <h2 id="s-type">{t('summary.byType')}</h2>
          <table>
            <thead><tr><th scope="col">{t('queue.type')}</th><th scope="col">{t('summary.count')}</th></tr></thead>
            <tbody>{summary.byType.map((x) => <tr key={x.type}><th scope="row">{t(`incidentType.${x.type}`)}</th><td>{number(x.count)}</td></tr>)}</tbody>
          </table>
        </section>
        <section aria-labelledby="s-priority">
          <h2 id="s-priority">{t('summary.byPriority')}</h2>
          <table>
            <thead><tr><th scope="col">{t('queue.priority')}</th><th scope="col">{t('summary.count')}</th></tr></thead>
            <tbody>{summary.byPriority.map((x) => <tr key={x.priority}><th scope="row">{t(`priority.${x.priority as 1 | 2 | 3}`)}</th><td>{number(x.count)}</td></tr>)}</tbody>
          </table>
        </section>
        <section aria-labelledby="s-district">
          <h2 id="s-district">{t('summary.byDistrict')}</h2>
          <table>
            <thead><tr><th scope="col">{t('queue.district')}</th><th scope="col">{t('summary.count')}</th></tr></thead>
            <tbody>{summary.byDistrict.map((x) => <tr key={x.district}><th scope="row">{districts.name(x.district)}</th><td>{number(x.count)}</td></tr>)}</tbody>
          </table>
        </section>
      </div>

      <section aria-labelledby="s-response">
        <h2 id="s-response">{t('summary.responseTimes')}</h2>
        <table>
          <thead><tr><th scope="col">{t('summary.measure')}</th><th scope="col">{t('summary.thisPeriod')}</th><th scope="col">{t('summary.previous')}</th><th scope="col">{t('summary.last7Days')}</th></tr></thead>
          <tbody>
            <tr><th scope="row">{t('summary.incidents')}</th><td>{number(r.current.incidents)}</td><td>{number(r.previous.incidents)}</td><td>{number(r.last7Days.incidents)}</td></tr>
            {(['dispatchMedianSec', 'dispatchP90Sec', 'sceneMedianSec', 'sceneP90Sec'] as const).map((k) => (
              <tr key={k}>
                <th scope="row">{t(`stats.${k.replace('Sec', '') as 'dispatchMedian'}`)}</th>
                <td>{minutes(locale, r.current[k])}</td><td>{minutes(locale, r.previous[k])}</td><td>{minutes(locale, r.last7Days[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="s-outcomes">
        <h2 id="s-outcomes">{t('summary.casualties')}</h2>
        <table>
          <thead><tr><th scope="col">{t('summary.outcome')}</th><th scope="col">{t('summary.count')}</th></tr></thead>
          <tbody>
            <tr><th scope="row">{t('summary.closed')}</th><td>{number(summary.outcomes.closed)}</td></tr>
            <tr><th scope="row">{t('summary.cancelled')}</th><td>{number(summary.outcomes.cancelled)}{summary.outcomes.cancelledByReason.length > 0
              ? ` (${summary.outcomes.cancelledByReason.map((c) => `${t(`cancelReason.${c.reason}` as 'cancelReason.other')}: ${number(c.count)}`).join(locale.language === 'ar' ? '، ' : ', ')})` : ''}</td></tr>
            <tr><th scope="row">{t('summary.open')}</th><td>{number(summary.outcomes.open)}</td></tr>
          </tbody>
        </table>
        {/* People, not incidents: their own table under their own column header. */}
        <table>
          <thead><tr><th scope="col">{t('guide.reported')}</th><th scope="col">{t('guide.people')}</th></tr></thead>
          <tbody>
            <tr><th scope="row">{t('stats.trapped')}</th><td>{number(summary.casualties.trapped)}</td></tr>
            <tr><th scope="row">{t('stats.injured')}</th><td>{number(summary.casualties.injured)}</td></tr>
            <tr><th scope="row">{t('stats.dead')}</th><td>{number(summary.casualties.dead)}</td></tr>
          </tbody>
        </table>
      </section>

      <section aria-labelledby="s-handover" className="summary__wide summary__handover">
        <h2 id="s-handover">{t('summary.handoverList')}</h2>
        {summary.openIncidents.length === 0 ? <p>{t('summary.noneOpen')}</p> : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('summary.number')}</th><th scope="col">{t('queue.priority')}</th><th scope="col">{t('queue.type')}</th>
                <th scope="col">{t('summary.status')}</th><th scope="col">{t('summary.place')}</th><th scope="col">{t('summary.received')}</th>
                <th scope="col">{t('summary.teamsColumn')}</th><th scope="col">{t('summary.lastNote')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.openIncidents.map((o) => (
                <tr key={o.number}>
                  <th scope="row" className="nowrap"><bdi dir="ltr">{o.number}</bdi></th><td>{number(o.priority)}</td><td>{t(`incidentType.${o.type}`)}</td>
                  <td className="nowrap">{t(`status.${o.status}`)}</td><td><bdi>{place(o.district, o.locality)}</bdi></td><td className="nowrap">{dateTime(o.receivedAt)}</td>
                  <td>{o.teams.map((c) => <bdi key={c} className="summary__chip">{c}</bdi>)}</td>
                  <td><bdi>{o.lastNote?.text ?? ''}</bdi></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="s-teams">
        <h2 id="s-teams">{t('summary.teams')}</h2>
        {summary.teams.length === 0 ? <p>{t('summary.noTeams')}</p> : (
          <table>
            <thead><tr><th scope="col">{t('summary.team')}</th><th scope="col">{t('summary.assignments')}</th><th scope="col">{t('summary.hours')}</th></tr></thead>
            <tbody>{summary.teams.map((x) => <tr key={x.callSign}><th scope="row"><bdi>{x.callSign}</bdi></th><td>{number(x.assignments)}</td><td>{number(x.hours, 1)}</td></tr>)}</tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="s-volunteers">
        <h2 id="s-volunteers">{t('summary.volunteers')}</h2>
        {summary.volunteersOnDuty.length === 0 ? <p>{t('summary.noVolunteers')}</p> : (
          <table>
            <thead><tr><th scope="col">{t('summary.name')}</th><th scope="col">{t('summary.team')}</th><th scope="col">{t('summary.hours')}</th></tr></thead>
            <tbody>{summary.volunteersOnDuty.map((v) => <tr key={`${v.name}-${v.team ?? ''}`}><th scope="row"><bdi>{v.name}</bdi></th><td><bdi>{v.team ?? t('common.none')}</bdi></td><td>{number(v.hours, 1)}</td></tr>)}</tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="s-p1" className="summary__wide">
        <h2 id="s-p1">{t('summary.priorityOne')}</h2>
        {summary.priorityOne.length === 0 ? <p>{t('summary.nonePriorityOne')}</p> : summary.priorityOne.map((p) => (
          <div key={p.number} className="summary__timeline">
            <h3><bdi dir="ltr">{p.number}</bdi>{sep}{t(`incidentType.${p.type}`)}{sep}<bdi>{place(p.district, p.locality)}</bdi>{sep}{t(`status.${p.status}`)}</h3>
            {/* One line of events per incident: time and what happened; notes say who wrote them. */}
            <p className="summary__events">
              {p.timeline.map((e, i) => (
                <Fragment key={i}><span><bdi dir="ltr">{time(e.at)}</bdi> {e.struck ? (
                  // A struck note is kept on the record: drawn struck through, and said so in words for the reader of a copy.
                  <><del><bdi>{eventText(e, locale)} ({e.operatorName})</bdi></del> <bdi className="summary__struck">[{t('incident.struck', { name: e.struck.operatorName, reason: e.struck.reason })}]</bdi></>
                ) : <bdi>{eventText(e, locale)}{e.kind === 'note' ? ` (${e.operatorName})` : ''}</bdi>}</span>{' '}</Fragment>
              ))}
            </p>
          </div>
        ))}
      </section>

      <section aria-labelledby="s-notes" className="summary__wide">
        <h2 id="s-notes">{t('summary.notes')}</h2>
        {summary.handoverNotes.length === 0 ? <p>{t('summary.noNotes')}</p> : (
          <ul className="summary__notes">
            {summary.handoverNotes.map((n) => <li key={n.id}><span className="summary__note-meta">{time(n.at)}{sep}<bdi>{n.operatorName}</bdi></span> <bdi>{n.text}</bdi></li>)}
          </ul>
        )}
      </section>

      <section aria-labelledby="s-operators">
        <h2 id="s-operators">{t('summary.operators')}</h2>
        <p>{summary.operators.length === 0 ? t('summary.noOperators') : summary.operators.map((o) => <bdi key={o} className="summary__chip">{o}</bdi>)}</p>
      </section>

      <section aria-labelledby="s-sign" className="summary__signatures">
        <h2 id="s-sign">{t('summary.signatures')}</h2>
        {(['outgoing', 'incoming'] as const).map((who) => (
          <div key={who} className="summary__sign">
            <h3>{t(`summary.${who}`)}</h3>
            <p>{t('summary.signName')}: <span className="summary__line" /></p>
            <p>{t('summary.signature')}: <span className="summary__line" /></p>
            <p>{t('summary.signTime')}: <span className="summary__line" /></p>
          </div>
        ))}
      </section>
    </article>
  );
}
