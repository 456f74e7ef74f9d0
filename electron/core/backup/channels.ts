// Backup and restore from the app.
// Each channel's handler and what it changes; its input, output and role: shared/api/backup.ts.
import { defineChannels } from '../api/channel';
import { DomainError } from '../base/errors';
import { approveRestore, backupStatus, createBackup, inspectBackup } from './backups';

export const backupChannels = defineChannels({
  'backup.status': {
    handler: (ctx) => backupStatus(ctx),
  },
  // The database opened: nothing to report, and a restore goes through the backup screen.
  'backup.health': {
    handler: async () => null,
  },
  'backup.restoreSafetyCopy': {
    handler: async () => {
      throw new DomainError('integrity.notDamaged');
    },
  },
  'backup.create': {
    handler: (ctx) => createBackup(ctx, ctx.session),
  },
  'backup.inspect': {
    handler: (ctx, input) => inspectBackup(ctx, ctx.session, input),
  },
  'backup.restore': {
    handler: async (ctx, input) => approveRestore(ctx.session, input.token),
  },
});
