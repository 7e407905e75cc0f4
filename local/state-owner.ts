/**
 * A note in the state directory saying which `social-duty start` has it open. LevelDB's lock only says
 * "taken"; the note lets a command that finds the files locked name the process and the port to use instead,
 * even when that stack runs on ports nobody would guess.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateFilesUnavailableError } from './dynalite-server';
import { isLocalIdentity, type LocalIdentity } from './local-identity';

/** where `start` and the state commands keep DynamoDB's files, relative to the checkout */
export const DEFAULT_STATE_DIR = join('.social-duty', 'dynamodb');

// LevelDB leaves files it does not recognise alone, so the note can live beside its own files
const OWNER_FILE = 'held-by-social-duty-start.json';

export function writeStateOwner(stateDir: string, identity: LocalIdentity): void {
  writeFileSync(join(stateDir, OWNER_FILE), `${JSON.stringify(identity, null, 2)}\n`);
}

/** Removes the note, but only this process's: a second start that failed must not remove the first's. */
export function removeStateOwner(stateDir: string, pid = process.pid): void {
  if (readNote(stateDir)?.pid === pid) rmSync(join(stateDir, OWNER_FILE), { force: true });
}

/** The `start` holding `stateDir`, if the note names a process that is still alive. */
export function liveStateOwner(stateDir: string): LocalIdentity | undefined {
  const owner = readNote(stateDir);
  return owner && isAlive(owner.pid) ? owner : undefined;
}

function readNote(stateDir: string): LocalIdentity | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(join(stateDir, OWNER_FILE), 'utf8'));
    return isLocalIdentity(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    // signal 0 only checks that the process exists
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just someone else's
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The state files are locked by a `start` that is still running: waiting would not help. */
export class StateHeldByStartError extends Error {
  constructor(
    readonly path: string,
    readonly owner: LocalIdentity,
  ) {
    const dynamo = owner.ports.dynamo === undefined ? '' : `, DynamoDB on port ${owner.ports.dynamo}`;
    super(`the local state in ${path} is in use by \`social-duty start\` (pid ${owner.pid}${dynamo})`);
    this.name = 'StateHeldByStartError';
  }
}

// a state command holds the files for well under a second; a start holds them until it stops
const SHORT_HOLD_MS = 2000;

/**
 * Opens the state files with `open`, waiting a moment for a short-lived holder (another state command) but
 * not for a running `start`, which would never let go.
 */
export async function openUnlessHeldByStart<T>(
  stateDir: string,
  open: (waitForLockMs: number) => Promise<T>,
): Promise<T> {
  try {
    return await open(0);
  } catch (error) {
    if (!(error instanceof StateFilesUnavailableError && error.locked)) throw error;
    const owner = liveStateOwner(stateDir);
    if (owner) throw new StateHeldByStartError(stateDir, owner);
    return open(SHORT_HOLD_MS);
  }
}
