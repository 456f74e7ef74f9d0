// A true backup of a test console, then `attack` run on it as a plain SQLite file: what a USB
// stick from someone who means harm holds. Shared by the restore and inspection attack tests.
import { backupDatabase } from '../../../electron/core/db/backup';
import { Connection } from '../../../electron/core/db/connection';
import type { TestCore } from '../testCore';

export async function hostileBackup(t: TestCore, attack: string, file: string): Promise<string> {
  await backupDatabase(t.core.store.file, file);
  const conn = await Connection.open(file, 'readwrite');
  try {
    await conn.exec(attack);
  } finally {
    await conn.close();
  }
  return file;
}
