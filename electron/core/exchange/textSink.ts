// Where a streamed report goes: a file, or the command line's standard output. `write` waits
// while the stream's buffer is full, so a slow disk holds the reader back instead of memory.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export interface TextSink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
  /** After a failure: the stream is closed (its file handle released) without waiting for the rest. */
  abandon(): Promise<void>;
}

export function streamSink(stream: Writable, closeStream: boolean): TextSink {
  let failed: Error | null = null;
  stream.on('error', (err) => { failed = err; });
  return {
    async write(text) {
      if (failed) throw failed;
      if (!stream.write(text, 'utf8')) await once(stream, 'drain');
    },
    async close() {
      if (failed) throw failed;
      if (!closeStream) return;
      stream.end();
      await once(stream, 'finish');
    },
    async abandon() {
      if (!closeStream || stream.destroyed) return;
      stream.destroy();
      await once(stream, 'close');
    },
  };
}

export function fileSink(file: string): TextSink {
  return streamSink(createWriteStream(file, { encoding: 'utf8' }), true);
}
