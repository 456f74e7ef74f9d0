// Each feature declares its channels once, on each side; joining the features' tables refuses a
// name declared twice, and the core answers exactly the channels of the contract.
import { describe, expect, it } from 'vitest';
import { api, CHANNEL_NAMES, combineChannels } from '../../shared/api';
import { incidentsChannels } from '../../shared/api/incidents';
import { postChannels } from '../../shared/api/post';
import { channels } from '../../electron/core/api/channels';
import { incidentsChannels as incidentHandlers } from '../../electron/core/incidents/channels';
import { postChannels as postHandlers } from '../../electron/core/post/channels';

describe('combining channel declarations', () => {
  it('refuses a contract channel two features declare, naming it', () => {
    const copy = { 'incidents.get': incidentsChannels['incidents.get'] };
    expect(() => combineChannels(postChannels, incidentsChannels, copy)).toThrow('channel incidents.get is declared twice');
  });

  it('refuses a handler two core features declare, naming it', () => {
    const stray = { 'post.setDefaults': postHandlers['post.setDefaults'] };
    expect(() => combineChannels(incidentHandlers, stray, postHandlers)).toThrow('channel post.setDefaults is declared twice');
  });

  it('keeps every declaration of features that do not overlap', () => {
    const both = combineChannels(postChannels, incidentsChannels);
    expect(Object.keys(both).sort()).toEqual([...Object.keys(postChannels), ...Object.keys(incidentsChannels)].sort());
  });

  it('gives every channel of the contract one handler in the core, and no other', () => {
    expect(Object.keys(channels).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const name of CHANNEL_NAMES) expect(typeof channels[name].handler, name).toBe('function');
  });

  it('declares a role for every channel', () => {
    for (const name of CHANNEL_NAMES) expect(['public', 'operator', 'supervisor', 'administrator'], name).toContain(api[name].role);
  });
});
