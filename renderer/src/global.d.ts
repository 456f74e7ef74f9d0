import type { OpsBridge } from '../../shared/api';

declare global {
  interface Window {
    /** The only bridge to the main process (electron/preload.ts; served by the browser host, hostBridge.ts). */
    ops: OpsBridge;
  }
}
