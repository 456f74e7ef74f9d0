// Beacon's command line, for IT staff and tests: the same core as the app, no Electron.
//   npm run cli -- <command> [options] --data <dir>
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openCore, type Core } from './core';
import { createFileSettingsStore } from './core/settings/fileSettingsStore';
import { memorySecretStore } from './core/secrets/secretStore';
import { DomainError } from './core/base/errors';
import { DatabaseOpenError } from './core/db/migrations';
import { DATABASE_FILE } from './core/db/store';
import { parseArgs, type ParsedArgs } from './cli/args';
import { COMMANDS, usage } from './cli/commands';
import { messageFor } from './cli/messages';

async function main(argv: readonly string[]): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${usage()}\n`);
    return 2;
  }
  const command = args.command ? COMMANDS[args.command] : undefined;
  if (!command || args.flags.has('help')) {
    process.stderr.write(`${usage()}\n`);
    return args.flags.has('help') ? 0 : 2;
  }
  const dataDir = resolve(args.options.get('data') ?? process.env.BEACON_DATA_DIR ?? 'beacon-data');
  let core: Core | null = null;
  const undo = command.undoneOnFailure ? { before: folderEntries(dataDir) } : null;
  let failed = false;
  try {
    if (command.standalone) {
      await command.standalone(dataDir, args, (line) => process.stdout.write(`${line}\n`));
      return 0;
    }
    core = await openCore({
      // One command, one exchange at most: no background sync or safety copies in a process that lives for seconds.
      sync: false,
      dataDir,
      settings: createFileSettingsStore(join(dataDir, 'settings.json'), (keptAs) =>
        process.stderr.write(`settings file was damaged; kept as ${keptAs}, rebuilt from the database where it knows the post\n`), { readOnly: command.readsOnly ?? false }),
      // A command runs for seconds; copies are the running console's job (and `backup` is explicit).
      safetyCopies: false,
      // Without Electron there is no OS keychain, and a store in memory would lose whatever was
      // moved into it when the command ends: an unavailable one leaves the post key (and any hub
      // password) where the settings file has it, so bundles made here keep being signed.
      secrets: memorySecretStore(false),
      readOnly: command.readsOnly ?? false,
    });
    await command.run(core, args, (line) => process.stdout.write(`${line}\n`), (line) => process.stderr.write(`${line}\n`));
    return 0;
  } catch (err) {
    if (err instanceof DomainError || err instanceof DatabaseOpenError) {
      process.stderr.write(`beacon: ${messageFor(err.code, err.params ?? {})}\n`);
      // What it can be restored from, for `restore <file>`.
      if (err instanceof DatabaseOpenError) for (const copy of err.safetyCopies) process.stderr.write(`  safety copy: ${copy.path}\n`);
    } else {
      process.stderr.write(`beacon: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    failed = true;
    return 1;
  } finally {
    await core?.close();
    if (failed && undo && existsSync(dataDir)) undoOpening(dataDir, undo.before);
  }
}

/** The names in `dir`, or null when it does not exist. */
function folderEntries(dir: string): Set<string> | null {
  return existsSync(dir) ? new Set(readdirSync(dir)) : null;
}

/** Removes what opening `dir` created (the database, its -wal/-shm, settings), and the folder if it was made for it. */
function undoOpening(dir: string, before: Set<string> | null): void {
  for (const name of readdirSync(dir)) {
    if (before?.has(name)) continue;
    if (name.startsWith(DATABASE_FILE) || name.startsWith('settings.json')) rmSync(join(dir, name), { force: true });
  }
  if (before === null && readdirSync(dir).length === 0) rmdirSync(dir);
}

process.exitCode = await main(process.argv.slice(2));
