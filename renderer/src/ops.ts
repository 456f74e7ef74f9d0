// The renderer's side of the contract: typed calls through window.ops, and queries that
// re-ask when the main process announces a change to something they read.
import { useCallback, useEffect, useRef, useState } from 'react';
import { rereadsOn, type ApiError, type ChannelName, type Input, type Output, type QueryChannel, type Result } from '../../shared/api';

export async function call<C extends ChannelName>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
  try {
    return await window.ops.invoke(channel, input);
  } catch {
    return { ok: false, error: { code: 'error.unexpected' } };
  }
}

export interface Query<T> {
  data: T | undefined;
  error: ApiError | undefined;
  reload: () => void;
}

/**
 * Runs a query now, again when its input changes, and again after a saved change to a kind of
 * record the channel declares it reads (shared/api/<feature>.ts, `reads`). A heavy
 * query (a year of statistics) passes `minIntervalMs`: changes arriving meanwhile are folded
 * into one re-ask, so a busy post does not keep the reader busy for one screen.
 */
export function useQuery<C extends QueryChannel>(channel: C, input: Input<C> | null, options: { minIntervalMs?: number } = {}): Query<Output<C>> {
  const [data, setData] = useState<Output<C>>();
  const [error, setError] = useState<ApiError>();
  const key = input === null ? null : JSON.stringify(input);
  const latest = useRef(0);
  const lastRun = useRef(0);
  const interval = options.minIntervalMs ?? 0;
  const run = useCallback(() => {
    if (key === null) return;
    const ticket = ++latest.current;
    lastRun.current = Date.now();
    void call(channel, JSON.parse(key) as Input<C>).then((result) => {
      if (ticket !== latest.current) return; // an older answer arriving late
      if (result.ok) {
        setData(result.value);
        setError(undefined);
      } else {
        setError(result.error);
      }
    });
  }, [channel, key]);
  useEffect(() => {
    run();
    let pending: ReturnType<typeof setTimeout> | undefined;
    const off = window.ops.onChange((event) => {
      if (!rereadsOn(channel, event)) return;
      if (interval === 0) return run();
      if (pending !== undefined) return; // a re-ask is already on its way
      pending = setTimeout(() => { pending = undefined; run(); }, Math.max(0, lastRun.current + interval - Date.now()));
    });
    return () => {
      off();
      clearTimeout(pending);
    };
  }, [run, interval, channel]);
  return { data, error, reload: run };
}
