// The passphrase of a post key file, for the command line: from `--passphrase-file <path>` or
// the BEACON_KEY_PASSPHRASE environment variable, never from an argument, which shell history
// and `ps` would show to anyone on the machine.
import { readFileSync, statSync } from 'node:fs';
import { keyPassphrase } from '../../shared/api/schemas';
import { messageFor } from './messages';
import type { ParsedArgs } from './args';

export const PASSPHRASE_ENV = 'BEACON_KEY_PASSPHRASE';

/** The passphrase given, checked as the app checks it; undefined when none is given. */
export function passphraseOption(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (args.options.has('passphrase')) {
    throw new Error(`never give the passphrase as an argument (shell history and ps show it): use --passphrase-file <path> or ${PASSPHRASE_ENV}`);
  }
  const file = args.options.get('passphrase-file');
  let given: string | undefined;
  if (file !== undefined) {
    try {
      // A passphrase is a line; a large file is some other file named by mistake.
      if (statSync(file).size > 4096) throw new Error('too large');
      given = readFileSync(file, 'utf8');
    } catch {
      throw new Error(`--passphrase-file ${file}: cannot be read as a passphrase`);
    }
  } else {
    given = env[PASSPHRASE_ENV];
  }
  if (given === undefined) return undefined;
  const checked = keyPassphrase.safeParse(given);
  if (!checked.success) throw new Error(`the passphrase: ${messageFor(checked.error.issues[0]?.message ?? 'validation.invalid', {})}`);
  return checked.data;
}

/** For post-key-export, and for joining with a sealed file. */
export function requiredPassphrase(args: ParsedArgs, command: string): string {
  const passphrase = passphraseOption(args);
  if (passphrase === undefined) throw new Error(`${command} needs the key file's passphrase: set ${PASSPHRASE_ENV} or give --passphrase-file <path>`);
  return passphrase;
}
