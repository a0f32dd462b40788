/** Linux /proc helpers shared by the benchmarks (and the Virtuoso tests). */
import { readFileSync } from 'node:fs';

/** The child processes of a process (e.g. the endpoint's virtuoso-t); none when it is gone. */
export function children(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
