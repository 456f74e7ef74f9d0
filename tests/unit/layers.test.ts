// The layer rule (eslint.config.js, LAYERS) run on imports written for the test: a module that
// reaches a layer above its own, or sits in no layer, fails lint; importing downwards does not.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function layerProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'beacon/layers').map((m) => m.message);
}

describe('the layer rule', () => {
  it('refuses an import of a layer above, type imports included', { timeout: 120_000 }, async () => {
    const cases: [file: string, code: string][] = [
      ['electron/core/base/probe.ts', "import type { Store } from '../db/store';\nexport type P = Store;\n"],
      ['electron/core/db/probe.ts', "import type { SyncEngine } from '../sync/engine';\nexport type P = SyncEngine;\n"],
      ['electron/core/session.ts', "import type { PostKeyFile } from './post/postKeyFile';\nexport type P = PostKeyFile;\n"],
      ['electron/core/incidents/probe.ts', "import type { HandlerContext } from '../api/router';\nexport type P = HandlerContext;\n"],
      ['electron/core/sync/probe.ts', "export { handlers } from '../api/handlers';\n"],
      ['electron/core/api/probe.ts', "import type { Core } from '..';\nexport type P = Core;\n"],
      ['electron/core/openCore.ts', "import type { Host } from '../host/host';\nexport type P = Host;\n"],
    ];
    for (const [file, code] of cases) {
      const problems = await layerProblems(file, code);
      expect(problems, file).toHaveLength(1);
      expect(problems[0], file).toMatch(/a layer above it/);
    }
  });

  it('lets a module import its own layer and those below', { timeout: 120_000 }, async () => {
    const cases: [file: string, code: string][] = [
      ['electron/core/db/probe.ts', "import { DomainError } from '../base/errors';\nimport type { Operation } from '../oplog/operation';\nexport type P = [DomainError, Operation];\n"],
      ['electron/core/sync/probe.ts', "import type { Store } from '../db/store';\nimport type { StatsScope } from '../stats/statsSql';\nexport type P = [Store, StatsScope];\n"],
      ['electron/host/probe.ts', "import type { Core } from '../core';\nexport type P = Core;\n"],
    ];
    for (const [file, code] of cases) expect(await layerProblems(file, code), file).toEqual([]);
  });

  it('refuses a module of electron/ in no layer', { timeout: 120_000 }, async () => {
    const problems = await layerProblems('electron/core/somethingNew/probe.ts', 'export const P = 1;\n');
    expect(problems).toEqual([expect.stringMatching(/is in no layer/)]);
  });
});
