// Hybrid logical clock: wall-clock milliseconds, a counter for events within one
// millisecond, and the console's origin so that the order is total. Encoded so that
// comparing two strings compares the clocks.
const WALL_DIGITS = 15;
const COUNTER_DIGITS = 4;
const COUNTER_MAX = 36 ** COUNTER_DIGITS - 1;

export interface HlcParts {
  wall: number;
  counter: number;
  origin: string;
}

export function encodeHlc({ wall, counter, origin }: HlcParts): string {
  return `${wall.toString().padStart(WALL_DIGITS, '0')}-${counter.toString(36).padStart(COUNTER_DIGITS, '0')}-${origin}`;
}

const HLC_PATTERN = /^(\d{15})-([0-9a-z]{4})-([0-9a-f]{16})$/;

export function decodeHlc(text: string): HlcParts | null {
  const match = HLC_PATTERN.exec(text);
  if (!match) return null;
  return { wall: Number(match[1]), counter: parseInt(match[2] ?? '', 36), origin: match[3] ?? '' };
}

export class HybridClock {
  private wall = 0;
  private counter = 0;

  constructor(
    readonly origin: string,
    private readonly physical: () => number,
    last?: string | null,
  ) {
    const parts = last ? decodeHlc(last) : null;
    if (parts) {
      this.wall = parts.wall;
      this.counter = parts.counter;
    }
  }

  /** The clock for a new local event: never behind anything this console has seen. */
  tick(): string {
    const now = this.physical();
    if (now > this.wall) {
      this.wall = now;
      this.counter = 0;
    } else {
      this.advanceCounter();
    }
    return this.current();
  }

  /** Moves past a remote clock, so local edits made after seeing it win over it. */
  receive(remote: HlcParts): void {
    if (remote.wall > this.wall) {
      this.wall = remote.wall;
      this.counter = remote.counter;
    } else if (remote.wall === this.wall && remote.counter > this.counter) {
      this.counter = remote.counter;
    }
  }

  current(): string {
    return encodeHlc({ wall: this.wall, counter: this.counter, origin: this.origin });
  }

  snapshot(): { wall: number; counter: number } {
    return { wall: this.wall, counter: this.counter };
  }

  restore(state: { wall: number; counter: number }): void {
    this.wall = state.wall;
    this.counter = state.counter;
  }

  private advanceCounter(): void {
    // A bulk import can make more than 1.6 million events in one millisecond: borrow the next
    // millisecond rather than overflow the counter's four digits.
    if (this.counter >= COUNTER_MAX) {
      this.wall += 1;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
  }
}
