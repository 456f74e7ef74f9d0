// Contract of first run: set up a new post, join one with its key file, or recover one.
import { z } from 'zod';
import { channel, empty } from './channel';
import { consoleLetter, digitStyle, keyPassphrase, language, operatorName, pin, postSettings } from './common';
import { operatorView } from './session';

export const setupInput = z.object({
  post: postSettings,
  consoleLetter,
  operator: z.object({ name: operatorName, pin }).strict(),
  language,
  /** Absent: Western digits, as before this setting existed. */
  digits: digitStyle.optional(),
  loadDemo: z.boolean(),
  /** Join the post whose key file `setup.readPostKeyFile` read: its post replaces `post`, its key is kept. */
  join: z.boolean().optional(),
  /** With `join`: the passphrase the key file was sealed with (a file of an older Beacon needs none). */
  passphrase: keyPassphrase.optional(),
}).strict();
/** The post a key file names, to show and lock on the first-run form; `sealed`: joining needs its passphrase. */
export const postOfKeyFile = z.object({ post: postSettings, sealed: z.boolean() });

export const setupStatus = z.object({
  needsSetup: z.boolean(),
  /**
   * With `needsSetup`: the console has its post but every operator is disabled. First run then
   * only makes a new administrator; the post, letter and key are kept and joining is refused.
   */
  recovery: z.boolean(),
  /** In recovery, and no operator with a PIN was ever made here (a folder the command line prepared): no one was disabled. */
  noOperatorYet: z.boolean(),
  post: postSettings.nullable(),
  consoleLetter: z.string().nullable(),
  language,
  digits: digitStyle,
  defaultTimeZone: z.string(),
  /** Minutes without a key or mouse before the console locks. */
  lockAfterMinutes: z.number(),
  /** Local times shifts start (HH:mm), for the shift shown in the header. */
  shiftStarts: z.array(z.string()),
  /** A damaged settings file was set aside at start (its new name); defaults are in use. */
  settingsRestoredFrom: z.string().nullable(),
  /** The post is set up but its key was lost with the settings file: the post key file must be read again. */
  postKeyMissing: z.boolean(),
});

export type SetupStatus = z.output<typeof setupStatus>;
export type SetupInput = z.output<typeof setupInput>;

export const setupChannels = {
  'setup.status': channel(empty, setupStatus, 'public', 'any'),
  /** First run, joining a post: the shell's open dialog picks the post's key file; the post it names, or null when cancelled. First run only: the core refuses it once the console is set up. */
  'setup.readPostKeyFile': channel(empty, postOfKeyFile.nullable(), 'public'),
  'setup.complete': channel(setupInput, operatorView, 'public'),
} as const;
