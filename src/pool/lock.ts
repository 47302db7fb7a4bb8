/**
 * The owner lock of a checkpoint: `<checkpoint>.lock`, created exclusively (O_EXCL) by the run
 * that writes the checkpoint and removed when it ends. It holds the owner's process id, host
 * name, start time and run id. A second run finding the lock is refused with a message naming
 * the file and the owner, unless the lock is stale: same host and the owner's process is gone
 * (a run killed by SIGKILL or a power cut leaves its lock behind), or the lock is unreadable
 * (torn while written). A lock of another host cannot be checked and is never taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the owner took the lock */
  started: string;
  runId?: string;
}

/** A held lock: release() removes it (idempotent; also done on process exit). */
export interface CheckpointLock {
  readonly path: string;
  release(): void;
}

export function lockPath(checkpoint: string): string {
  return `${checkpoint}.lock`;
}

/** Is a process with this id alive on this machine? (EPERM: alive, owned by someone else.) */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.started === 'string' ? (o as LockOwner) : null;
  } catch {
    return null;
  }
}

/** Whether a lock of `owner` (null: unreadable) may be taken over. */
function isStale(owner: LockOwner | null): boolean {
  if (owner === null) return true;
  if (owner.host !== hostname()) return false;
  return owner.pid !== process.pid && !processAlive(owner.pid);
}

function tryCreate(path: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new RangeError(`checkpoint lock ${path}: cannot create it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Take the lock of `checkpoint` for this process, or throw a RangeError naming the checkpoint,
 * the lock file and its owner.
 */
export function acquireCheckpointLock(checkpoint: string, runId?: string): CheckpointLock {
  const path = lockPath(checkpoint);
  const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  if (runId !== undefined) me.runId = runId;
  for (let attempt = 0; !tryCreate(path, me); attempt++) {
    const owner = readOwner(path);
    if (attempt >= 2 || !isStale(owner)) {
      const who = owner ? `process ${owner.pid} on host ${owner.host}, started ${owner.started}` : 'an unknown process';
      const hint = owner && owner.host !== hostname() ? `; if that run is gone, delete ${path}` : '';
      throw new RangeError(`checkpoint ${checkpoint} is in use by another run (${who}; lock file ${path}): wait for it to finish or choose another --checkpoint file${hint}`);
    }
    rmSync(path, { force: true });
  }
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    const owner = readOwner(path);
    if (owner !== null && owner.pid === process.pid && owner.started === me.started) rmSync(path, { force: true });
  };
  process.on('exit', release);
  return { path, release };
}
