// A queue page by page: the first page at once, the others when the list scrolls to them, and
// the pages on screen asked again after any saved change. A flare-up puts thousands of calls
// in a queue; the screen shows a few dozen, so that is what crosses the bridge.
import { useCallback, useEffect, useRef, useState } from 'react';
import { rereadsOn, type Input, type QueueResult, type QueueRow } from '../../../../shared/api';
import { call } from '../../ops';

export const PAGE = 100;
/** Rows beyond those on screen whose pages are fetched ahead. */
const AHEAD = PAGE / 2;

export type QueueFilter = Omit<Input<'incidents.queue'>, 'offset' | 'limit'>;

interface Loaded {
  key: string;
  pages: ReadonlyMap<number, readonly QueueRow[]>;
  total: number;
  counts: QueueResult['counts'] | undefined;
}

export interface QueuePages {
  /** Rows in the queue (all pages), or undefined before the first answer. */
  total: number | undefined;
  counts: QueueResult['counts'] | undefined;
  /** The row at an index, if its page has arrived. */
  rowAt: (index: number) => QueueRow | undefined;
  /** The list tells which rows are on screen; their pages are fetched if missing. */
  show: (first: number, last: number) => void;
}

export function useQueuePages(filter: QueueFilter): QueuePages {
  const key = JSON.stringify(filter);
  const [loaded, setLoaded] = useState<Loaded>({ key, pages: new Map(), total: 0, counts: undefined });
  // Answers to an older filter or from before a change are dropped by their generation.
  const generation = useRef(0);
  const asked = useRef(new Set<number>());
  const onScreen = useRef<[number, number]>([0, 0]);
  /** Rows in the queue at the last answer: no page past the end is asked for. */
  const rowsKnown = useRef(0);

  const fetchPage = useCallback((page: number) => {
    const ticket = generation.current;
    asked.current.add(page);
    void call('incidents.queue', { ...(JSON.parse(key) as QueueFilter), offset: page * PAGE, limit: PAGE }).then((result) => {
      if (ticket !== generation.current) return;
      if (!result.ok) { asked.current.delete(page); return; }
      rowsKnown.current = result.value.total;
      setLoaded((previous) => {
        const pages = new Map(previous.key === key ? previous.pages : []);
        pages.set(page, result.value.rows);
        return { key, pages, total: result.value.total, counts: result.value.counts };
      });
    });
  }, [key]);

  const pagesOnScreen = useCallback(() => {
    const [first, last] = onScreen.current;
    const pages: number[] = [];
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) pages.push(p);
    return pages;
  }, []);

  useEffect(() => {
    // A new filter: start again from the top.
    generation.current++;
    asked.current = new Set();
    onScreen.current = [0, 0];
    fetchPage(0);
    return window.ops.onChange((event) => {
      if (!rereadsOn('incidents.queue', event)) return;
      // Rows moved: ask again for what is on screen; pages off screen are forgotten. The old
      // rows stay drawn until the new ones arrive, so nothing flickers.
      generation.current++;
      asked.current = new Set();
      const wanted = pagesOnScreen();
      setLoaded((previous) => ({ ...previous, pages: new Map([...previous.pages].filter(([p]) => wanted.includes(p))) }));
      for (const page of wanted) fetchPage(page);
    });
  }, [fetchPage, pagesOnScreen]);

  const current = loaded.key === key ? loaded : undefined;
  const show = useCallback((first: number, last: number) => {
    onScreen.current = [first, last];
    // Half a page either side asked for too: the rows are there before they scroll into view,
    // instead of placeholders swapped for rows mid-scroll (a long frame at every page).
    const from = Math.floor(Math.max(0, first - AHEAD) / PAGE);
    const to = Math.floor(Math.max(last, Math.min(last + AHEAD, rowsKnown.current - 1)) / PAGE);
    for (let page = from; page <= to; page++) if (!asked.current.has(page)) fetchPage(page);
  }, [fetchPage]);

  return {
    total: current && current.pages.size > 0 ? current.total : undefined,
    counts: current?.counts,
    rowAt: (index) => current?.pages.get(Math.floor(index / PAGE))?.[index % PAGE],
    show,
  };
}
