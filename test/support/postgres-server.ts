// A throwaway PostgreSQL cluster for tests: `initdb` into a temp folder, `pg_ctl start` listening on
// 127.0.0.1 at a free port and on a Unix socket in that folder, stopped by its pid at the end (and
// when the test process exits, so a failed run leaves no server behind). initdb refuses to run as
// root: as root (CI), the cluster is made and run by the `postgres` user.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface PostgresServer {
  readonly port: number;
  /** The superuser's name and password (password authentication over TCP, as in production). */
  readonly user: string;
  readonly password: string;
  /** `postgres://user@127.0.0.1:port/db`: no password (clients take it from PGPASSWORD) unless given. */
  url(database?: string, user?: string, password?: string): string;
  /** An env for child processes: PGPASSWORD set for `user` (the superuser by default). */
  env(password?: string): NodeJS.ProcessEnv;
  /** Runs an SQL script as the superuser through psql (over the Unix socket); returns its output. */
  psql(sql: string, database?: string): string;
  /** The postmaster's pid (for killing the server mid-test). */
  pid(): number;
  /** Starts the cluster again after a kill. */
  restart(): Promise<void>;
  /** Stops the server the hard way (immediate shutdown: no checkpoint, crash recovery on restart). */
  kill(): void;
  stop(): Promise<void>;
}

/** Where this machine's PostgreSQL server binaries are (not on PATH on Debian). */
export function postgresBinDir(): string | undefined {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    // No pg_config: look where Debian installs the server.
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the `postgres` user when we are root. */
function runAs(command: string, args: string[], input?: string): string {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8', ...(input !== undefined ? { input } : {}) });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  return result.stdout;
}

/**
 * Starts a fresh cluster. Settings keep it small and quick on shared CI machines: without `durable`
 * it skips fsync (a killed server still recovers: the OS keeps what was written); benchmarks ask for
 * `durable` so their figures compare with the embedded store's synchronous commits.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'chainsight-pg-'));
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));
  const data = join(dir, 'data');
  const user = 'chainsight_admin';
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
  if (asRoot) chownSync(pwfile, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), 0);
  runAs(join(bin, 'initdb'), ['-D', data, '-U', user, `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '--no-sync', '-E', 'UTF8', '--locale=C']);
  rmSync(pwfile, { force: true });
  const port = await freePort();
  const quick = options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'];
  const settings = [`-h 127.0.0.1`, `-p ${port}`, `-k ${dir}`, ...quick, '-c shared_buffers=32MB', '-c max_connections=150', '-c log_min_messages=fatal'].join(' ');
  const start = () => runAs(join(bin, 'pg_ctl'), ['start', '-D', data, '-w', '-t', '60', '-l', join(dir, 'log'), '-o', settings]);
  start();
  const pid = () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let running = pid();
  // A crashed or interrupted test run must not leave the server behind.
  const onExit = () => {
    try {
      process.kill(running, 'SIGKILL');
    } catch {
      // Already gone.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', onExit);
  const stopCluster = () => spawnSync(asRoot ? 'runuser' : join(bin, 'pg_ctl'), [...(asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []), 'stop', '-D', data, '-m', 'immediate', '-w', '-t', '60']);
  // The script goes in on stdin, so psql's meta-commands (`\c database`) work as in a file.
  const psql = (sql: string, database = 'postgres') => runAs('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', String(port), '-U', user, '-d', database, '-f', '-'], sql);
  return {
    port,
    user,
    password,
    url: (database = 'postgres', who = user, pw?: string) => `postgres://${who}${pw ? `:${encodeURIComponent(pw)}` : ''}@127.0.0.1:${port}/${database}`,
    env: (pw = password) => ({ ...process.env, PGPASSWORD: pw }),
    psql,
    pid: () => running,
    kill() {
      // Immediate shutdown: the postmaster SIGQUITs every backend and exits without a checkpoint, so
      // the next start runs crash recovery, exactly as after a crash. pg_ctl signals the pid in
      // postmaster.pid and waits for it to go.
      stopCluster();
    },
    async restart() {
      // After a SIGKILL the old postmaster.pid stays; pg_ctl start notices the pid is dead and proceeds.
      start();
      running = pid();
    },
    async stop() {
      process.off('exit', onExit);
      stopCluster();
      try {
        process.kill(running, 'SIGKILL');
      } catch {
        // Stopped as asked.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
