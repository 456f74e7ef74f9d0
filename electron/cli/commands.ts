import type { Core } from '../core';
import { seedIncidents } from '../core/demo/seed';
import { systemOperator } from '../core/operators/operators';
import { ensurePost } from '../core/setup/setup';
import { consoleLetter } from '../../shared/api/schemas';
import { intOption, type ParsedArgs } from './args';
import { databaseCheck } from './check';

type Print = (line: string) => void;

export interface Command {
  summary: string;
  run(core: Core, args: ParsedArgs, out: Print, err: Print): Promise<void>;
}

/** Every command works on an empty data folder: it sets up a post with defaults first. */
async function prepare(core: Core, args: ParsedArgs): Promise<string> {
  const postCode = args.options.get('post');
  if (postCode !== undefined && !/^[A-Z]{2,5}$/.test(postCode)) throw new Error('--post must be 2 to 5 capital letters, e.g. LTK');
  ensurePost(core.context.settings, postCode);
  return core.store.write(null, (writer) => systemOperator(writer, core.context.now()));
}

export const COMMANDS: Record<string, Command> = {
  seed: {
    summary: 'seed --incidents N [--days D] [--console X] [--seed S]   realistic synthetic incidents over the last D days',
    async run(core, args, out, err) {
      const count = intOption(args, 'incidents', 1000, 1, 10_000_000);
      const days = intOption(args, 'days', Math.max(1, Math.min(365, Math.ceil(count / 300))), 1, 3650);
      const letter = args.options.get('console');
      if (letter !== undefined && !consoleLetter.safeParse(letter).success) throw new Error('--console must be one capital letter A–Z');
      const seed = intOption(args, 'seed', Date.now() % 1_000_000, 0, 2 ** 31);
      const operatorId = await prepare(core, args);
      const started = performance.now();
      let lastReport = started;
      const written = await seedIncidents(core.context, operatorId, { count, days, letter, seed }, (done) => {
        const now = performance.now();
        if (now - lastReport > 2000) {
          err(`… ${done} of ${count}`);
          lastReport = now;
        }
      });
      const seconds = (performance.now() - started) / 1000;
      out(JSON.stringify({ seeded: written, days, seconds: Math.round(seconds * 10) / 10 }));
    },
  },
  check: {
    summary: 'check   schema version, integrity_check, row counts and the operation count, as JSON',
    async run(core, args, out) {
      await prepare(core, args);
      out(JSON.stringify(await databaseCheck(core), null, 2));
    },
  },
};

export function usage(): string {
  return [
    'usage: npm run cli -- <command> [options] --data <dir>',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.summary}`),
    '',
    'options for every command: --data <dir> (default ./beacon-data or $BEACON_DATA_DIR), --post CODE',
  ].join('\n');
}
