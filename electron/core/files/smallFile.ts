// Reading a small file someone chose (a post key file on a stick): only a regular file of at
// most `maxBytes` is read. A FIFO would block a read forever, a device (/dev/zero) never ends,
// a directory is no file: each is refused at once, looked at through the descriptor opened
// (fstat, so a name swapped between a check and the read changes nothing), the FIFO opened
// non-blocking so not even the open waits for a writer.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export type SmallFileRefusal = 'missing' | 'notAFile' | 'tooLarge';

export class SmallFileError extends Error {
  constructor(readonly reason: SmallFileRefusal) {
    super(reason);
  }
}

/** O_NONBLOCK where the platform has it (not on Windows, which has no FIFOs to fear). */
const NONBLOCK = constants.O_NONBLOCK ?? 0;

export function readSmallFile(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SmallFileError(code === 'ENOENT' ? 'missing' : code === 'EISDIR' ? 'notAFile' : 'missing');
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new SmallFileError('notAFile');
    if (stat.size > maxBytes) throw new SmallFileError('tooLarge');
    // Read to one byte past the limit: a file that grows while read is refused too.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) throw new SmallFileError('tooLarge');
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
