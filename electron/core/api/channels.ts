// Every channel of the contract bound to its feature's handler. A missing channel is a type
// error; a channel two features declare is refused when the core loads (combineChannels).
import { combineChannels } from '../../../shared/api';
import type { CoreChannels } from './channel';
import { setupChannels } from '../setup/channels';
import { sessionChannels } from '../session/channels';
import { postChannels } from '../post/channels';
import { referenceChannels } from '../reference/channels';
import { incidentsChannels } from '../incidents/channels';
import { timelineChannels } from '../timeline/channels';
import { teamsChannels } from '../teams/channels';
import { rosterChannels } from '../roster/channels';
import { dispatchChannels } from '../dispatch/channels';
import { operatorsChannels } from '../operators/channels';
import { statsChannels } from '../stats/channels';
import { importChannels } from '../import/channels';
import { summaryChannels } from '../summary/channels';
import { auditChannels } from '../audit/channels';
import { syncChannels } from '../sync/channels';
import { backupChannels } from '../backup/channels';
import { exchangeChannels } from '../exchange/channels';

export const channels: CoreChannels = combineChannels(
  setupChannels, sessionChannels, postChannels, referenceChannels, incidentsChannels, timelineChannels, teamsChannels, rosterChannels, dispatchChannels, operatorsChannels, statsChannels, importChannels, summaryChannels, auditChannels, syncChannels, backupChannels, exchangeChannels,
);
