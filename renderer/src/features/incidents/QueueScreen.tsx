// The three call queues: waiting for dispatch, active, awaiting closure. Ordered by the core
// (priority, then waiting time); ages tick here without asking again.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { INCIDENT_TYPES, QUEUES, type IncidentType, type Priority, type QueueName } from '../../../../shared/domain';
import type { QueueRow } from '../../../../shared/api';
import { useLocale } from '../../i18n';
import { PriorityBadge } from '../../ui/Priority';
import { useDistricts } from '../../ui/useDistricts';
import { useNow } from '../../ui/useNow';
import { useQueuePages, type QueuePages } from './useQueuePages';
import { requestQueueFocus, takeQueueFocusRequest, useQueueFocusRequest } from '../../ui/queueFocus';
import { digitOf } from '../../ui/shortcuts';
import { isTyping } from '../../ui/isTyping';

const ROW_HEIGHT = 56;

export function QueueScreen({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, number } = useLocale();
  const districts = useDistricts();
  const [queue, setQueue] = useState<QueueName>('waiting');
  const [district, setDistrict] = useState('');
  const [type, setType] = useState<IncidentType | ''>('');
  const [priority, setPriority] = useState<Priority | 0>(0);
  const pages = useQueuePages({
    queue, ...(district ? { district } : {}), ...(type ? { type } : {}), ...(priority ? { priority } : {}),
  });

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (isTyping(e.target) || document.querySelector('dialog[open]')) return;
      // By physical key: an Arabic layout may type ١ ٢ ٣ on the same keys.
      const digit = digitOf(e);
      if (digit !== null && digit <= QUEUES.length && !e.ctrlKey && !e.altKey && !e.metaKey) {
        setQueue(QUEUES[digit - 1]!);
        requestQueueFocus(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Serve a "focus the queue" request once the rows (or the fact that there are none) are known:
  // the list when it has rows, else the selected tab, never the page body.
  // A tab focused only because the list was empty hands focus on when the first row arrives
  // (the call just saved is often that row).
  const section = useRef<HTMLElement>(null);
  const standIn = useRef<HTMLElement | null>(null);
  const focusRequest = useQueueFocusRequest();
  useEffect(() => {
    if (pages.total === undefined || !section.current) return;
    const list = section.current.querySelector<HTMLElement>('[role="listbox"]');
    if (list && standIn.current && document.activeElement === standIn.current) list.focus();
    if (list) standIn.current = null;
    if (!takeQueueFocusRequest()) return;
    const target = list ?? section.current.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
    standIn.current = list ? null : target;
    target?.focus();
  }, [focusRequest, pages.total, queue]);

  return (
    <section className="queues" aria-label={t('queue.title')} ref={section}>
      <div className="queues__bar">
        <div role="tablist" aria-label={t('queue.tabs')} className="tabs">
          {QUEUES.map((q, i) => (
            <button key={q} role="tab" type="button" aria-selected={queue === q} className="tab" onClick={() => setQueue(q)} aria-keyshortcuts={String(i + 1)}>
              {t(`queues.${q}`)} <span className="count">{number(pages.counts?.[q] ?? 0)}</span>
            </button>
          ))}
        </div>
        <div className="filters" role="group" aria-label={t('queue.filters')}>
          <label>{t('queue.district')}
            <select value={district} onChange={(e) => setDistrict(e.target.value)}>
              <option value="">{t('common.all')}</option>
              {districts.list.map((d) => <option key={d.code} value={d.code}>{districts.name(d.code)}</option>)}
            </select>
          </label>
          <label>{t('queue.type')}
            <select value={type} onChange={(e) => setType(e.target.value as IncidentType | '')}>
              <option value="">{t('common.all')}</option>
              {INCIDENT_TYPES.map((k) => <option key={k} value={k}>{t(`incidentType.${k}`)}</option>)}
            </select>
          </label>
          <label>{t('queue.priority')}
            <select value={priority} onChange={(e) => setPriority(Number(e.target.value) as Priority | 0)}>
              <option value={0}>{t('common.all')}</option>
              {([1, 2, 3] as const).map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
            </select>
          </label>
        </div>
      </div>
      <QueueList pages={pages} queue={queue} onOpen={onOpen} />
    </section>
  );
}

function QueueList({ pages, queue, onOpen }: { pages: QueuePages; queue: QueueName; onOpen: (id: string) => void }) {
  const { t } = useLocale();
  const districts = useDistricts();
  const now = useNow();
  const scroller = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState(0);
  const count = pages.total ?? 0;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const current = Math.min(selected, Math.max(count - 1, 0));
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { show } = pages;
  useEffect(() => show(first, last), [show, first, last]);
  const selectedRow = pages.rowAt(current);

  const onKeyDown = (e: KeyboardEvent) => {
    const move = (to: number) => {
      e.preventDefault();
      const next = Math.max(0, Math.min(count - 1, to));
      setSelected(next);
      virtualizer.scrollToIndex(next);
    };
    if (e.key === 'ArrowDown') move(current + 1);
    else if (e.key === 'ArrowUp') move(current - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(count - 1);
    else if (e.key === 'PageDown') move(current + 10);
    else if (e.key === 'PageUp') move(current - 10);
    else if (e.key === 'Enter' && selectedRow) {
      e.preventDefault();
      onOpen(selectedRow.id);
    }
  };

  if (pages.total === undefined) return <p className="empty" aria-busy="true">{t('common.loading')}</p>;
  if (count === 0) return <p className="empty">{t('queue.empty')}</p>;
  return (
    <div className="queue-frame">
    {/* Seen, not read: each row's own name says all of this to a screen reader. */}
    <div className="queue__row queue__head" aria-hidden="true">
      <span>{t('keys.colPriority')}</span><span>{t('keys.colNumber')}</span>
      <span title={queue === 'waiting' ? t('keys.colAgeWaiting') : t('keys.colAgeInStatus')}>{queue === 'waiting' ? t('keys.colAgeWaiting') : t('keys.colAgeInStatus')}</span>
      <span>{t('keys.colType')}</span><span>{t('keys.colPlace')}</span><span>{t('keys.colReported')}</span><span>{t('keys.colCalls')}</span>
      <span>{queue !== 'waiting' ? t('keys.colStatus') : null}</span>
    </div>
    <div
      ref={scroller}
      className="queue"
      role="listbox"
      tabIndex={0}
      aria-label={t('queue.rows')}
      aria-activedescendant={selectedRow ? `row-${selectedRow.id}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div style={{ blockSize: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = pages.rowAt(item.index);
          if (!row) {
            // Its page is on the way: a quiet placeholder the same height, so the scroll holds still.
            return <div key={`loading-${item.index}`} role="option" aria-selected={false} aria-busy="true" aria-label={t('common.loading')} className="queue__row queue__row--loading" style={rowStyle(item.start)} />;
          }
          return (
            <QueueRowView key={row.id} row={row} index={item.index} queue={queue} top={item.start} selected={item.index === current} now={now}
              districtName={districts.name} onSelect={setSelected} onOpen={onOpen} />
          );
        })}
      </div>
    </div>
    </div>
  );
}

const rowStyle = (top: number): CSSProperties => ({ position: 'absolute', insetBlockStart: 0, insetInlineStart: 0, inlineSize: '100%', blockSize: ROW_HEIGHT, transform: `translateY(${top}px)` });

interface RowProps {
  row: QueueRow;
  index: number;
  queue: QueueName;
  top: number;
  selected: boolean;
  now: number;
  /** From the list, not a hook per row: each row asking for the districts drew it twice. */
  districtName: (code: string) => string;
  onSelect: (index: number) => void;
  onOpen: (id: string) => void;
}

/**
 * A row is drawn again only when what it shows changes: a page arriving, or the list moving by
 * a screen, leaves the rows already on screen alone. The handlers do the same thing whoever
 * passes them, so their identity is not compared.
 */
const sameRow = (a: RowProps, b: RowProps) =>
  a.row === b.row && a.index === b.index && a.queue === b.queue && a.top === b.top && a.selected === b.selected && a.now === b.now
  && a.districtName === b.districtName;

const QueueRowView = memo(function QueueRowView({ row, index, queue, top, selected, now, districtName, onSelect, onOpen }: RowProps) {
  const { t, duration, number, sep } = useLocale();
  const since = queue === 'waiting' ? row.receivedAt : row.statusAt;
  const place = [districtName(row.district), row.locality, row.landmark].filter(Boolean).join(sep);
  const age = queue === 'waiting' ? t('keys.ageWaiting', { age: duration(now - since) }) : t('keys.ageInStatus', { status: t(`status.${row.status}`), age: duration(now - since) });
  const name = `${t('queue.open', { number: row.number })}: ${t('keys.rowName', { priority: t(`priority.${row.priority}`), type: t(`incidentType.${row.type}`), place, age })}`;
  return (
    <div
      id={`row-${row.id}`}
      role="option"
      aria-selected={selected}
      aria-label={name}
      className={`queue__row queue__row--p${row.priority}`}
      style={rowStyle(top)}
      onClick={() => onSelect(index)}
      onDoubleClick={() => onOpen(row.id)}
    >
      <PriorityBadge priority={row.priority} />
      <bdi className="number" dir="ltr">{row.number}</bdi>
      <time className="queue__age" title={queue === 'waiting' ? t('queue.age') : t('queue.timeInStatus')}>{duration(now - since)}</time>
      <span className="queue__type" title={t(`incidentType.${row.type}`)}>{t(`incidentType.${row.type}`)}</span>
      <span className="queue__place"><bdi>{place}</bdi></span>
      <span className="queue__reported">
        {row.trapped ? <span className="tag tag--trapped">{t('queue.trappedShort', { n: row.trapped })}</span> : null}
        {row.injured ? <span className="tag">{t('queue.injuredShort', { n: row.injured })}</span> : null}
        {row.dead ? <span className="tag">{t('queue.deadShort', { n: row.dead })}</span> : null}
      </span>
      <span className="queue__calls" title={t('queue.calls')}>☎ {number(row.callCount)}</span>
      <span className="queue__status" title={queue !== 'waiting' ? t(`status.${row.status}`) : undefined}>{queue !== 'waiting' ? t(`status.${row.status}`) : null}</span>
    </div>
  );
}, sameRow);
