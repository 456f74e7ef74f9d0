import type { OpsBridge } from '../../shared/api';

declare global {
  interface Window {
    /** The only bridge to the main process (electron/preload.ts; in tests, the harness). */
    ops: OpsBridge;
  }
}
