// A consistent copy of the database while the console runs: VACUUM INTO on a short-lived
// connection of its own reads one committed snapshot (WAL), so writes go on meanwhile and
// the copy is compact and whole. Never overwrites an existing file.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { DomainError } from '../base/errors';
import { createPrivateFile } from '../files/privateFiles';
import { Connection } from './connection';

export async function backupDatabase(databaseFile: string, target: string): Promise<void> {
  if (existsSync(target)) throw new DomainError('backup.exists');
  const partial = `${target}.part`;
  rmSync(partial, { force: true });
  // Created empty and private first: VACUUM INTO fills it, and it is never readable by others.
  createPrivateFile(partial);
  const conn = await Connection.open(databaseFile, 'readwrite');
  try {
    await conn.exec('PRAGMA busy_timeout = 5000;');
    await conn.run('VACUUM INTO ?', [partial]);
  } finally {
    await conn.close();
  }
  // Renamed only when complete: a copy cut short by a power cut is never taken for a backup.
  renameSync(partial, target);
}
