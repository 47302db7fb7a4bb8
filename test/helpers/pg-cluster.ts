/**
 * A throwaway PostgreSQL cluster for tests: initdb in a temporary directory, a server listening
 * only on a unix socket in that directory (no TCP port), stopped and removed by stop().
 *
 * The server binaries are looked up in $INVLAB_PG_BIN, then in Debian's /usr/lib/postgresql/<v>/bin
 * (package postgresql-15 etc.), then on PATH. When none is found, startCluster() returns the
 * reason instead, and the tests that need it are skipped with that reason (CI may have no server).
 * PostgreSQL refuses to run as root, so as root the cluster is owned by and run as the `postgres`
 * user (through runuser), the way Debian's pg_ctlcluster does.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgCluster {
  /** connection string for `pg` (unix socket in the cluster's directory) */
  url: string;
  /** the server's version string */
  version: string;
  stop(): void;
}

/** The folder holding initdb, pg_ctl and postgres, or undefined. */
export function findPgBin(): string | undefined {
  const candidates: string[] = [];
  if (process.env.INVLAB_PG_BIN) candidates.push(process.env.INVLAB_PG_BIN);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(join(debian, v, 'bin'));
  }
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) candidates.push(dir);
  return candidates.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
}

/** Start a throwaway cluster, or return why it cannot be started. */
export function startCluster(): PgCluster | { skip: string } {
  const bin = findPgBin();
  if (!bin) return { skip: 'no PostgreSQL server binaries found (initdb, pg_ctl; set INVLAB_PG_BIN or install e.g. Debian postgresql-15)' };
  const asRoot = process.getuid?.() === 0;
  let uid = -1;
  let gid = -1;
  if (asRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0 || g.status !== 0) return { skip: 'running as root and there is no postgres user to run the server as' };
    uid = Number(id.stdout.trim());
    gid = Number(g.stdout.trim());
  }
  const dir = mkdtempSync(join(tmpdir(), 'invlab-pg-'));
  const data = join(dir, 'data');
  const run = (cmd: string, args: string[]): string => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  try {
    if (asRoot) {
      chownSync(dir, uid, gid);
      chmodSync(dir, 0o700);
    }
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
    const opts = `-c listen_addresses='' -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', opts, '-w', 'start']);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const err = e as { stderr?: string; message: string };
    return { skip: `could not start a PostgreSQL cluster with ${bin}: ${(err.stderr || err.message).trim().split('\n').slice(-2).join(' ')}` };
  }
  const version = run('postgres', ['--version']).trim();
  return {
    url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`,
    version,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
