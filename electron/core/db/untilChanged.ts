// Answers that stay right until the database changes: who is signed in, how many incidents
// each queue holds. Every page of a queue asked for them again, and at a million incidents
// they cost more than the page itself.
import type { Connection } from './connection';

/** How often to look for commits made by another process (the command line on the same file). */
const LOOK_EVERY_MS = 1000;

interface Entry {
  generation: number;
  value: Promise<unknown>;
}

export class UntilChanged {
  private generation = 0;
  private dataVersion: number | null = null;
  private lookedAt = Number.NEGATIVE_INFINITY;
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly reader: Connection, private readonly clock: () => number = () => performance.now()) {}

  /** The store calls this after each of its transactions: every answer kept so far may be wrong. */
  changed(): void {
    this.generation++;
    this.entries.clear();
  }

  /**
   * Commits by another process show only in SQLite's `data_version`, a round trip of its own:
   * looked at once a second at most, before a channel's work. Its own writer's commits move it
   * too, which costs one extra miss.
   */
  async refresh(): Promise<void> {
    const now = this.clock();
    if (now - this.lookedAt < LOOK_EVERY_MS) return;
    this.lookedAt = now;
    const row = await this.reader.get<{ data_version: number }>('PRAGMA data_version');
    const version = row?.data_version ?? null;
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      this.changed();
    }
  }

  /**
   * The answer kept for `key` since the last change, or `compute`'s. An answer is kept under
   * the generation current before it was worked out: one that raced a commit is never served
   * after that commit's `changed`.
   */
  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const kept = this.entries.get(key);
    if (kept && kept.generation === this.generation) return kept.value as Promise<T>;
    const entry: Entry = { generation: this.generation, value: compute() };
    this.entries.set(key, entry);
    // A failure is not an answer: the next call works it out again.
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value as Promise<T>;
  }
}
