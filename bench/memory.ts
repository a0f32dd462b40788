/**
 * The build thread's heap in use, sampled while a build runs (build-bench, build-throughput): beside the
 * process's peak RSS, which holds the worker threads too, it shows what the build's own thread keeps.
 */

/** Samples this thread's heap in use every 50 ms until the returned function is called; that gives the peak in MB. */
export function heapSampler(): () => number {
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 50);
  return () => {
    clearInterval(timer);
    sample();
    return peak / 1048576;
  };
}
