// The host: everything around the core that every shell (Electron, the browser host, the
// end-to-end tests) needs the same way. See index.ts for the interface the shells use.
import { isChannelName, type ChangeEvent, type Output, type Result } from '../../shared/api';
import type { Language } from '../../shared/domain';
import { restoreInPlace } from '../core/backup/restoreInPlace';
import type { Core, Logger } from '../core/openCore';
import { createSession, type Session } from '../core/session';
import type { DamagedConsole } from '../core/damagedConsole';
import { DatabaseOpenError } from '../core/db/migrations';

/** A window (Electron's webContents id, a browser host connection). */
export type ClientId = number;

/** What the host needs of a window; the shell implements it over its own transport. */
export interface Client {
  /** Delivers a change event to the window (it re-asks what it shows). */
  send(event: ChangeEvent): void;
  /** Reloads the window: after a restore, windows that did not ask go back to sign-in. */
  reload(): void;
}

/** The shell's half of an approved `summary.print`. */
export interface Printer {
  /**
   * Prints (or, when `approved.pdf`, saves as PDF) the summary for the window `client`, on its
   * session. Returns the PDF's path, or null after printing or when the save was cancelled.
   */
  print(client: ClientId, approved: Output<'summary.print'>): Promise<string | null>;
}

export interface HostOptions {
  /** Opens the core on the data folder (with the shell's file chooser and secrets). */
  open(): Promise<Core>;
  log: Logger;
  /** Only the app's own pages may talk to the core: is `url` (the calling frame's) one of them? */
  isOwnFrame(url: string): boolean;
  printer: Printer;
  /** The core could not be opened again after a restore: the shell tells the operator and stops. */
  onFatal(error: unknown): void;
  /**
   * The database failed its integrity check at open (issue #18 item 6): instead of stopping,
   * windows get this console, which shows why and restores a safety copy; the core is then opened.
   */
  whenDamaged?(error: DatabaseOpenError): DamagedConsole;
}

export interface Host {
  /**
   * Opens the core; throws what openCore throws (the shell says it and stops), except a damaged
   * database where `whenDamaged` is given: then windows see the damaged console until a copy is restored.
   */
  start(): Promise<void>;
  /** The open core, null before start, after close or after a fatal restore. */
  readonly core: Core | null;
  /** True while the database is damaged and windows are answered by the damaged console. */
  readonly damaged: boolean;
  /** A new window: its own session, or the session of `shareSessionOf` (the wall display, the print window). */
  attach(id: ClientId, client: Client, shareSessionOf?: ClientId): void;
  /** The window is gone; its session goes with it unless another window shares it. */
  detach(id: ClientId): void;
  /** The window a session belongs to (dialogs are modal to the window that asked). */
  clientOf(session: Session): ClientId | undefined;
  /** The session of a window (the Electron menu speaks its operator's language). */
  sessionOf(id: ClientId): Session | undefined;
  /** The language of the operator signed in on a session, else the post's default. */
  languageOf(session: Session): Promise<Language>;
  /** One call from a window's frame at `frameUrl`; never throws. */
  invoke(id: ClientId, frameUrl: string, channel: unknown, input: unknown): Promise<Result<unknown>>;
  /** Closes the core and opens it again on the same folder; every window starts signed out. */
  reopen(): Promise<void>;
  /** Closes the core (the database is checkpointed and closed). */
  close(): Promise<void>;
}

const unknownChannel = { ok: false as const, error: { code: 'error.unknownChannel' } };

export function createHost(options: HostOptions): Host {
  const { log } = options;
  const sessions = new Map<ClientId, Session>();
  const clients = new Map<ClientId, Client>();
  let core: Core | null = null;
  let unsubscribe: () => void = () => undefined;
  /** While a restore swaps the database, every other call waits its turn with a clear answer. */
  let restoring = false;
  /** Calls the core is answering now: a restore lets them end before it closes their database. */
  const running = new Set<Promise<unknown>>();
  /** The database could not be opened because it is damaged: the windows are answered by this. */
  let damaged: DamagedConsole | null = null;

  function fanOut(event: ChangeEvent): void {
    for (const client of clients.values()) {
      try {
        client.send(event);
      } catch (err) {
        log.error('change event not delivered', { error: String(err) });
      }
    }
  }

  function adopt(next: Core | null): void {
    unsubscribe();
    core = next;
    unsubscribe = next ? next.onChange(fanOut) : () => undefined;
  }

  /** After a restore every window starts signed out; windows that shared a session still share one. */
  function renewSessions(next: Core): void {
    const renewed = new Map<Session, Session>();
    for (const [id, old] of sessions) {
      let fresh = renewed.get(old);
      if (!fresh) renewed.set(old, (fresh = next.createSession()));
      sessions.set(id, fresh);
    }
  }

  async function restore(id: ClientId, current: Core, approved: Output<'backup.restore'>): Promise<Result<unknown>> {
    // The core approved (administrator, the backup this window inspected); swapping the database is the host's.
    restoring = true;
    try {
      // New calls are answered busy from here; those already running end on the old database.
      await Promise.allSettled([...running]);
      const done = await restoreInPlace(current, approved, options.open, log);
      adopt(done.core);
      if (done.result.ok) {
        // Operators are those of the restored database: every window signs in again. The asking
        // window reloads itself after noting what was done; the others go back to sign-in now.
        renewSessions(done.core);
        for (const [other, client] of clients) if (other !== id) client.reload();
      }
      return done.result;
    } catch (err) {
      adopt(null);
      log.error('core failed to open after a restore', { error: String(err) });
      options.onFatal(err);
      return { ok: false, error: { code: 'backup.restoreFailed' } };
    } finally {
      restoring = false;
    }
  }

  /** A window of a console whose database is damaged: health and the safety copies, nothing else. */
  async function invokeDamaged(id: ClientId, console: DamagedConsole, channel: Parameters<DamagedConsole['invoke']>[0], input: unknown): Promise<Result<unknown>> {
    const result = await console.invoke(channel, input);
    if (channel !== 'backup.restoreSafetyCopy' || !result.ok) return result;
    try {
      const next = await options.open();
      damaged = null;
      adopt(next);
      // Every window starts at sign-in on the restored copy; the asking one reloads itself.
      renewSessions(next);
      for (const [other, client] of clients) if (other !== id) client.reload();
      return result;
    } catch (err) {
      log.error('core failed to open after restoring a safety copy', { error: String(err) });
      options.onFatal(err);
      return { ok: false, error: { code: 'backup.restoreFailed' } };
    }
  }

  async function print(id: ClientId, approved: Output<'summary.print'>): Promise<Result<unknown>> {
    // The core has checked the role and the period; printing itself is the shell's.
    try {
      const file = await options.printer.print(id, approved);
      return { ok: true, value: { ...approved, file } };
    } catch (err) {
      log.error('printing failed', { error: String(err) });
      return { ok: false, error: { code: 'error.printFailed' } };
    }
  }

  return {
    async start() {
      try {
        adopt(await options.open());
      } catch (err) {
        if (!(err instanceof DatabaseOpenError) || err.code !== 'integrity.damaged' || !options.whenDamaged) throw err;
        log.error('database damaged: the windows offer the safety copies', { error: String(err) });
        damaged = options.whenDamaged(err);
      }
    },
    get core() {
      return core;
    },
    get damaged() {
      return damaged !== null;
    },
    attach(id, client, shareSessionOf) {
      if (!core && !damaged) throw new Error('the host has no core');
      const shared = shareSessionOf !== undefined ? sessions.get(shareSessionOf) : undefined;
      sessions.set(id, shared ?? (core ? core.createSession() : createSession()));
      clients.set(id, client);
    },
    detach(id) {
      sessions.delete(id);
      clients.delete(id);
    },
    sessionOf: (id) => sessions.get(id),
    clientOf(session) {
      for (const [id, s] of sessions) if (s === session) return id;
      return undefined;
    },
    async languageOf(session) {
      const current = core ? await core.invoke(session, 'session.current', {}) : null;
      if (current?.ok && current.value) return current.value.language;
      return core?.context.settings.read().language ?? 'ar';
    },
    async invoke(id, frameUrl, channel, input) {
      const own = sessions.get(id);
      const current = core;
      if (!own || !options.isOwnFrame(frameUrl) || !isChannelName(channel)) return unknownChannel;
      if (restoring) return { ok: false, error: { code: 'error.busy' } };
      if (!current && damaged) return invokeDamaged(id, damaged, channel, input);
      if (!current) return unknownChannel;
      try {
        const call = current.invoke(own, channel, input);
        running.add(call);
        const result = await call.finally(() => running.delete(call));
        if (!result.ok) return result;
        if (channel === 'backup.restore') return await restore(id, current, result.value as Output<'backup.restore'>);
        if (channel === 'summary.print') return await print(id, result.value as Output<'summary.print'>);
        return result;
      } catch (err) {
        log.error('call failed', { channel, error: String(err) });
        return { ok: false, error: { code: 'error.unexpected' } };
      }
    },
    async reopen() {
      const current = core;
      adopt(null);
      await current?.close();
      const next = await options.open();
      adopt(next);
      renewSessions(next);
    },
    async close() {
      const current = core;
      adopt(null);
      sessions.clear();
      clients.clear();
      await current?.close();
    },
  };
}
