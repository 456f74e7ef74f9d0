// Each feature declares its channels once, on each side; joining the features' tables refuses a
// name declared twice, and the core answers exactly the channels of the contract.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { api, CHANNEL_NAMES, combineChannels } from '../../../shared/api';
import { incidentsChannels } from '../../../shared/api/incidents';
import { postChannels } from '../../../shared/api/post';
import { channels } from '../../../electron/core/api/channels';
import { incidentsChannels as incidentHandlers } from '../../../electron/core/incidents/channels';
import { postChannels as postHandlers } from '../../../electron/core/post/channels';

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

  it('names each channel for its feature: the prefix is the word of its contract file and its core folder', async () => {
    const core = new URL('../../../electron/core/', import.meta.url);
    const features = readdirSync(core, { withFileTypes: true })
      // api/ joins the features' tables; it declares none of its own.
      .filter((d) => d.isDirectory() && d.name !== 'api' && readdirSync(new URL(`${d.name}/`, core)).includes('channels.ts'))
      .map((d) => d.name);
    expect(features).toContain('incidents');
    const seen: string[] = [];
    for (const feature of features) {
      const handlers = (await import(`../../../electron/core/${feature}/channels.ts`)) as Record<string, object>;
      const contract = (await import(`../../../shared/api/${feature}.ts`)) as Record<string, object>;
      const names = [...Object.keys(handlers[`${feature}Channels`] ?? {}), ...Object.keys(contract[`${feature}Channels`] ?? {})];
      expect(names.length, feature).toBeGreaterThan(0);
      for (const name of names) expect(name.split('.')[0], `${name} in ${feature}`).toBe(feature);
      seen.push(...names);
    }
    // Every channel lives in some feature's folder and contract file.
    expect(new Set(seen)).toEqual(new Set(CHANNEL_NAMES));
  });
});
