// The host's log: one line per event, appended to <dataDir>/logs/beacon.log.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/openCore';

export function logFilePath(dataDir: string): string {
  return join(dataDir, 'logs', 'beacon.log');
}

export function createFileLog(dataDir: string): Logger {
  const file = logFilePath(dataDir);
  const write = (level: 'error' | 'info', message: string, context?: Record<string, unknown>) => {
    try {
      mkdirSync(join(dataDir, 'logs'), { recursive: true });
      appendFileSync(file, `${new Date().toISOString()} ${level} ${message} ${context ? JSON.stringify(context) : ''}\n`);
    } catch {
      // Logging must never take the console down.
    }
  };
  return { error: (m, c) => write('error', m, c), info: (m, c) => write('info', m, c) };
}
