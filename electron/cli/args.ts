// `command positional… --option value --flag`: small enough not to need a library.
export interface ParsedArgs {
  command: string | undefined;
  positional: string[];
  options: Map<string, string>;
  /** Every value of an option given more than once (`--by day --by hour`), in order. */
  repeated: Map<string, string[]>;
  flags: Set<string>;
}

/** Options that take no value. */
const FLAGS = new Set(['json', 'help']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  const parsed: ParsedArgs = { command, positional: [], options: new Map(), repeated: new Map(), flags: new Set() };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) {
      parsed.positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (FLAGS.has(name)) {
      parsed.flags.add(name);
      continue;
    }
    const value = rest[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
    parsed.options.set(name, value);
    parsed.repeated.set(name, [...(parsed.repeated.get(name) ?? []), value]);
    i++;
  }
  return parsed;
}

export function intOption(args: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  const raw = args.options.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  return value;
}
