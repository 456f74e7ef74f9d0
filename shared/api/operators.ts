// Contract of operator accounts (administrators): created and disabled, never deleted.
import { z } from 'zod';
import { channel, empty } from './channel';
import { id, language, operatorName, operatorRole, pin } from './common';

export const createOperatorInput = z.object({ name: operatorName, pin, role: operatorRole, language }).strict();
export const setOperatorDisabledInput = z.object({ id, disabled: z.boolean() }).strict();
export const operatorAccount = z.object({ id, name: z.string(), role: operatorRole, language, disabled: z.boolean(), createdAt: z.number() });

export type OperatorAccount = z.output<typeof operatorAccount>;

export const operatorsChannels = {
  'operators.list': channel(empty, z.array(operatorAccount), 'administrator', ['operator']),
  'operators.create': channel(createOperatorInput, operatorAccount, 'administrator'),
  'operators.setDisabled': channel(setOperatorDisabledInput, operatorAccount, 'administrator'),
} as const;
