// window.ops where there is no preload: the page was served by the browser host
// (electron/host/browser), and calls and change events travel over its WebSocket. The same
// OpsBridge as Electron's preload; what the host asks of the page (a download, a file picker,
// a window of its own) is done here, the browser's way.
import { isChannelName, type ChangeEvent, type ChannelName, type Input, type OpsBridge, type Output, type Result } from '../../shared/api';
import { WIRE_PATH, type HostMessage } from '../../shared/api/wire';

const RESUME = 'beacon.resume';
const lost: Result<never> = { ok: false, error: { code: 'error.unexpected' } };

function download(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/** The file picker; the choice is streamed to the host, which stores it and hands the core its own path. */
function pickFile(url: string, accept: string, cancelled: () => void): void {
  const input = document.createElement('input');
  input.type = 'file';
  if (accept) input.accept = accept;
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (!file) return cancelled();
    void fetch(url, { method: 'POST', body: file, credentials: 'same-origin' }).catch(cancelled);
  });
  input.addEventListener('cancel', cancelled);
  input.click();
}

/** A window opened to print: once the summary has rendered, the browser's print dialog, then it closes. */
function printWhenReady(): void {
  const ready = () => document.body.dataset.ready === 'true';
  const go = () => {
    window.addEventListener('afterprint', () => window.close());
    window.print();
  };
  if (ready()) return go();
  const watch = new MutationObserver(() => {
    if (!ready()) return;
    watch.disconnect();
    go();
  });
  watch.observe(document.body, { attributes: true, attributeFilter: ['data-ready'] });
}

export function installHostBridge(): void {
  const address = new URL(window.location.href);
  const query = new URLSearchParams();
  const resume = sessionStorage.getItem(RESUME);
  if (resume) query.set('resume', resume);
  const join = address.searchParams.get('join');
  if (join) query.set('join', join);
  const printing = address.searchParams.get('print') === '1';
  // The one-time token has done its work: the address bar keeps only the route.
  address.searchParams.delete('join');
  address.searchParams.delete('print');
  window.history.replaceState(null, '', `${address.pathname}${address.search}${address.hash}`);

  const socket = new WebSocket(`ws://${window.location.host}${WIRE_PATH}?${query.toString()}`);
  const opened = new Promise<void>((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<(event: ChangeEvent) => void>();
  let next = 1;

  const handlers: { [T in HostMessage['t']]: (message: Extract<HostMessage, { t: T }>) => void } = {
    hello: (m) => sessionStorage.setItem(RESUME, m.resume),
    result: (m) => {
      waiting.get(m.id)?.(m.result);
      waiting.delete(m.id);
    },
    change: (m) => listeners.forEach((listener) => listener(m.event)),
    reload: () => window.location.reload(),
    download: (m) => download(m.url, m.name),
    pick: (m) => pickFile(m.url, m.accept, () => socket.send(JSON.stringify({ t: 'cancelPick', pick: m.pick }))),
    open: (m) => void window.open(m.url, '_blank', 'popup,noopener'),
  };
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as HostMessage;
    (handlers[message.t] as (m: HostMessage) => void)(message);
  });
  socket.addEventListener('close', () => {
    for (const answer of waiting.values()) answer(lost);
    waiting.clear();
  });

  const bridge: OpsBridge = {
    async invoke<C extends ChannelName>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
      if (!isChannelName(channel)) throw new Error('unknown channel');
      await opened;
      if (socket.readyState !== WebSocket.OPEN) return lost;
      const id = next++;
      const answer = new Promise<Result<unknown>>((resolve) => waiting.set(id, resolve));
      socket.send(JSON.stringify({ t: 'call', id, channel, input }));
      return (await answer) as Result<Output<C>>;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
  // The wall display's link opened in a new window (shift/ctrl-click, middle click) would be a
  // window without a session: the host opens it on this one instead, as Electron's menu does.
  const wallInOwnWindow = (event: MouseEvent) => {
    const link = event.target instanceof Element ? event.target.closest('a[href="#/wall"]') : null;
    const newWindow = event.type === 'auxclick' ? event.button === 1 : event.shiftKey || event.ctrlKey || event.metaKey;
    if (!link || !newWindow) return;
    event.preventDefault();
    socket.send(JSON.stringify({ t: 'openWall' }));
  };
  document.addEventListener('click', wallInOwnWindow, true);
  document.addEventListener('auxclick', wallInOwnWindow, true);
    Object.defineProperty(window, 'ops', { value: Object.freeze(bridge), writable: false, configurable: false });
  if (printing) printWhenReady();
}
