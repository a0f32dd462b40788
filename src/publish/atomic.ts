/**
 * Atomic publication of a directory. A build writes into a staging directory
 * beside the output directory (same parent, so same file system) and swaps it
 * in at the end with two renames:
 *
 *   output/          → .output.old-PID/      (the previous output, intact)
 *   .output.build-PID → output/              (the new output, complete)
 *
 * A reader therefore sees either the whole previous output or the whole new
 * one, never a mixture; files it has already opened stay readable (POSIX keeps
 * unlinked files alive while open). Between the two renames, output/ is absent
 * for a few microseconds: a reader that looks it up then gets ENOENT and should
 * retry. A crash in that window leaves .output.old-PID/, which the next build
 * (or `recoverOutput`) renames back before doing anything else.
 *
 * A lock file (.output.lock, holding the PID) keeps two builds from swapping
 * over each other; a lock left by a dead process is taken over.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { WriteError } from '../errors.js';
import { KldError } from '../errors.js';

/** Names of the hidden siblings of an output directory. */
export function siblingNames(output: string): { parent: string; base: string; lock: string } {
  const abs = path.resolve(output);
  const parent = path.dirname(abs);
  const base = path.basename(abs);
  return { parent, base, lock: path.join(parent, `.${base}.lock`) };
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class OutputLockedError extends KldError {
  constructor(output: string, pid: number) {
    super('output', `another build (pid ${pid}) is writing ${output}; wait for it to finish or stop it`, { location: { file: output } });
  }
}

/** Take the output's lock; returns a release function. */
export async function lockOutput(output: string): Promise<() => Promise<void>> {
  const { parent, lock } = siblingNames(output);
  await mkdir(parent, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(lock, 'wx');
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
      return async () => {
        await unlink(lock).catch(() => undefined);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number.parseInt((await readFile(lock, 'utf8').catch(() => '')).trim(), 10);
      if (isAlive(holder) && holder !== process.pid) throw new OutputLockedError(output, holder);
      await unlink(lock).catch(() => undefined); // stale: its build died
    }
  }
  throw new Error(`cannot take the lock ${lock}`);
}

/**
 * Undo what an interrupted build left behind: restore the previous output if
 * the build died between the two renames, and remove stale staging and old
 * directories of dead processes. Safe to call at any time when holding the lock.
 */
export async function recoverOutput(output: string): Promise<void> {
  const { parent, base } = siblingNames(output);
  const abs = path.resolve(output);
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return;
  }
  const olds = entries.filter((e) => e.startsWith(`.${base}.old-`)).sort();
  const builds = entries.filter((e) => e.startsWith(`.${base}.build-`));
  if (!existsSync(abs) && olds.length > 0) {
    // The swap was cut between its two renames: the newest old output is the published one.
    const last = olds.pop() as string;
    await rename(path.join(parent, last), abs);
  }
  for (const e of [...olds, ...builds]) {
    const pid = Number.parseInt(e.slice(e.lastIndexOf('-') + 1), 10);
    if (pid === process.pid || !isAlive(pid)) await rm(path.join(parent, e), { recursive: true, force: true });
  }
}

/** A fresh, empty staging directory beside the output. */
export async function createStaging(output: string): Promise<string> {
  const { parent, base } = siblingNames(output);
  const dir = path.join(parent, `.${base}.build-${process.pid}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Files kept across builds because they are not ours (output/.gitkeep is tracked in git). */
const KEEP = ['.gitkeep'];

/** Swap a complete staging directory in place of the output (see the module comment). */
export async function swapIn(staging: string, output: string): Promise<void> {
  const { parent, base } = siblingNames(output);
  const abs = path.resolve(output);
  const old = path.join(parent, `.${base}.old-${process.pid}`);
  const had = existsSync(abs);
  if (had) {
    if (!(await stat(abs)).isDirectory()) throw new Error(`${abs} exists and is not a directory`);
    for (const name of KEEP) {
      const from = path.join(abs, name);
      if (existsSync(from) && !existsSync(path.join(staging, name))) await copyFile(from, path.join(staging, name));
    }
    await rename(abs, old);
  }
  try {
    await rename(staging, abs);
  } catch (err) {
    if (had) await rename(old, abs); // put the previous output back before failing
    throw err;
  }
  if (had) await rm(old, { recursive: true, force: true });
}

/** Suffix of a file being written (by this process) before it is renamed into place. */
export function tmpSuffix(pid: number = process.pid): string {
  return `.tmp-${pid}`;
}

/** Is this name a temporary file of a process that is gone (left by a crash)? */
export function isStaleTmp(name: string): boolean {
  const m = /\.tmp-(\d+)$/.exec(name);
  if (m === null) return false;
  const pid = Number(m[1]);
  return pid !== process.pid && !isAlive(pid);
}

/**
 * Run a write and turn its failure into a WriteError naming the file
 * (ENOSPC alone does not say which disk or which file).
 */
export async function writing<T>(file: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof WriteError) throw err;
    throw new WriteError(file, err);
  }
}

/**
 * Write a file whole under a temporary name and rename it into place, so a
 * reader never sees half a file. On failure (a full disk) the temporary file
 * is removed and the error names the target.
 */
export async function writeFileAtomic(target: string, data: string | Buffer): Promise<void> {
  const tmp = target + tmpSuffix();
  try {
    await writeFile(tmp, data);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new WriteError(target, err);
  }
}
