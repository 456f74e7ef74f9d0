// The preload: exposes window.ops and nothing else. It refuses channels the contract does
// not declare, so a compromised renderer cannot reach anything the core does not offer.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannelName, type ChangeEvent, type OpsBridge } from '../shared/api';

const bridge: OpsBridge = {
  invoke(channel, input) {
    if (!isChannelName(channel)) return Promise.reject(new Error('unknown channel'));
    return ipcRenderer.invoke('ops:invoke', channel, input);
  },
  onChange(listener) {
    const handler = (_event: IpcRendererEvent, change: ChangeEvent) => listener(change);
    ipcRenderer.on('ops:change', handler);
    return () => {
      ipcRenderer.removeListener('ops:change', handler);
    };
  },
};

contextBridge.exposeInMainWorld('ops', Object.freeze(bridge));
