// The browser host's transport for window.ops: JSON messages over one WebSocket per window
// (electron/host/browser, renderer/src/hostBridge.ts). What the page sends is validated here.
import { z } from 'zod';
import type { ChangeEvent, Result } from './index';

/** The page → the host. */
export const pageMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: z.number().int().nonnegative(), channel: z.string().max(100), input: z.unknown() }).strict(),
  /** The operator closed the file picker without choosing. */
  z.object({ t: z.literal('cancelPick'), pick: z.string().regex(/^[0-9a-f]{32}$/) }).strict(),
  /** The wall display in a window of its own on this window's session (Electron: its View menu). */
  z.object({ t: z.literal('openWall') }).strict(),
]);
export type PageMessage = z.infer<typeof pageMessage>;

/** The host → the page. */
export type HostMessage =
  /** `resume`: kept by the page for the life of its tab, so a reload keeps the window's session. */
  | { t: 'hello'; resume: string }
  | { t: 'result'; id: number; result: Result<unknown> }
  | { t: 'change'; event: ChangeEvent }
  | { t: 'reload' }
  /** A file the core wrote for this window: the page downloads it (one-time URL). */
  | { t: 'download'; url: string; name: string }
  /** The core asks which file: the page shows its file picker and uploads the choice to `url`. */
  | { t: 'pick'; pick: string; url: string; accept: string }
  /** A window of its own on this window's session: the print route (then window.print()), the wall display. */
  | { t: 'open'; url: string };

/** The socket's path on the host; `resume` and `join` (a one-time token to share a session) ride in its query. */
export const WIRE_PATH = '/ops';
