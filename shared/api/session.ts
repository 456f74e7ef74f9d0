// Contract of a window's session: signing in and out, locking, the operator's language.
import { z } from 'zod';
import { channel, empty, ok } from './channel';
import { id, language, operatorName, operatorRole, pin } from './common';

export const signInInput = z.object({ name: operatorName, pin }).strict();

export const operatorView = z.object({ id, name: z.string(), role: operatorRole, language });

export type OperatorView = z.output<typeof operatorView>;

export const sessionChannels = {
  'session.signIn': channel(signInInput, operatorView, 'public'),
  'session.signOut': channel(empty, ok, 'operator'),
  'session.current': channel(empty, operatorView.nullable(), 'public', 'any'),
  'session.setLanguage': channel(z.object({ language }).strict(), operatorView, 'operator'),
  'session.lock': channel(empty, ok, 'operator'),
  'session.unlock': channel(z.object({ pin }).strict(), operatorView, 'operator'),
} as const;
