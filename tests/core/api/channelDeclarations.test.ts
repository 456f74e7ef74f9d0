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

// The renderer uses the same word: a screen's folder is the prefix of the channels it calls, so
// the incident screens, intake and the queues all sit in features/incidents.
describe('the renderer\'s feature folders', () => {
  // Screens that show several features at once and own no channel of their own.
  const COMPOSITE = { guide: 'next-step hints across teams and roster', wall: 'queues and team board on the TV' };
  const features = new URL('../../../renderer/src/features/', import.meta.url);
  const folders = readdirSync(features, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const prefixes = new Set(CHANNEL_NAMES.map((name) => name.split('.')[0]));

  it('names each folder for a feature word (a channel prefix) or a listed composite screen', () => {
    expect(folders).toContain('incidents');
    for (const folder of folders) expect(prefixes.has(folder) || folder in COMPOSITE, `renderer/src/features/${folder}`).toBe(true);
  });

  it('lists as composite only folders that exist and are no feature word', () => {
    for (const name of Object.keys(COMPOSITE)) {
      expect(folders, name).toContain(name);
      expect(prefixes.has(name), name).toBe(false);
    }
  });
});
