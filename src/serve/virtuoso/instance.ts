/**
 * A Virtuoso server run by this project: its own database directory with its
 * own virtuoso.ini (written at every start, ports chosen free, loopback only),
 * started as a child process and stopped with it. Nothing is shared with a
 * system-wide Virtuoso (Debian's service uses /var/lib/virtuoso-opensource-7).
 *
 * The SQL port is used only by this project (isql-vt, for loading); queries go
 * to Virtuoso's SPARQL endpoint on the HTTP port, which only our workers see.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, accessSync, constants } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { KldError } from '../../errors.js';

export class VirtuosoError extends KldError {
  constructor(message: string, file?: string) {
    super('data', message, file ? { location: { file } } : {});
  }
}

export interface VirtuosoBinaries {
  /** The server, virtuoso-t. */
  server: string;
  /** The SQL client, isql-vt (Debian's name) or isql. */
  isql: string;
}

/** Where virtuoso-t and its isql are: KLD_VIRTUOSO (the server's path), else PATH. Undefined when not installed. */
export function findVirtuoso(env: NodeJS.ProcessEnv = process.env): VirtuosoBinaries | undefined {
  const executable = (file: string): boolean => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  const dirs = (env.PATH ?? '/usr/bin:/bin').split(path.delimiter).filter(Boolean);
  const server = env.KLD_VIRTUOSO ?? dirs.map((d) => path.join(d, 'virtuoso-t')).find(executable);
  if (!server || !executable(server)) return undefined;
  const candidates = [path.join(path.dirname(server), 'isql-vt'), path.join(path.dirname(server), 'isql'), ...dirs.map((d) => path.join(d, 'isql-vt'))];
  const isql = candidates.find(executable);
  return isql ? { server, isql } : undefined;
}

/** Where Debian (and most distributions) put jemalloc's shared library (package libjemalloc2). */
const JEMALLOC = ['/usr/lib/x86_64-linux-gnu/libjemalloc.so.2', '/usr/lib/aarch64-linux-gnu/libjemalloc.so.2', '/usr/lib64/libjemalloc.so.2', '/usr/lib/libjemalloc.so.2'];

/**
 * jemalloc for virtuoso-t, when installed (unless KLD_VIRTUOSO_JEMALLOC=0): Virtuoso's start compiles
 * its built-in SQL, and glibc's malloc and free were about 45% of that CPU (perf). With jemalloc
 * preloaded the start takes about 0.3 s less CPU (about 1.0 s instead of 1.35 s on the bench's 1M
 * database), for some 20 MB more resident memory.
 */
export function findJemalloc(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.KLD_VIRTUOSO_JEMALLOC === '0') return undefined;
  return JEMALLOC.find((file) => existsSync(file));
}

export interface VirtuosoOptions {
  /** The database directory (created when missing, reused otherwise). */
  dir: string;
  /** Page buffers' memory in MiB (default 1024): Virtuoso's main cache. */
  memoryMb?: number;
  /** Largest result Virtuoso may return and sort (LIMIT with ORDER BY): at least the endpoint's cap + 1. */
  maxRows?: number;
  /** Longest query run in Virtuoso, seconds (default 60). */
  queryTimeoutS?: number;
  binaries?: VirtuosoBinaries;
  /** Longest wait for the server to come up (default 180 s: a new database takes a while on a busy machine). */
  startTimeoutMs?: number;
  /** Each line Virtuoso logs, with the milliseconds since the spawn (bench/start-cost.ts --virtuoso prints the steps of a start). */
  onLog?: (line: string, ms: number) => void;
}

/**
 * A transaction log at most this large is folded in by the roll forward alone: the start skips
 * Virtuoso's checkpoint (+no-checkpoint). After `load` (which ends with a checkpoint) the log holds
 * only Virtuoso's header records (185 bytes), and a start without a checkpoint leaves it so (seen on
 * the bench's databases); a larger log (writes since, or an interrupted load) is checkpointed as usual.
 */
export const START_CHECKPOINT_LOG_BYTES = 1 << 20;

/** Whether a start on this database directory checkpoints: a new database, or a transaction log with more than the header in it. */
export function checkpointAtStart(dir: string): boolean {
  try {
    return statSync(path.join(dir, 'virtuoso.trx')).size > START_CHECKPOINT_LOG_BYTES || !existsSync(path.join(dir, 'virtuoso.db'));
  } catch {
    return true; // no log: a new database, or one whose log was removed
  }
}

/** Virtuoso stopped because a port chosen for it was taken before it listened. */
export function lostPort(err: unknown): boolean {
  return err instanceof VirtuosoError && /failed (?:to start listening|http listen)/i.test(err.message);
}

/** A port free on the loopback now (taken by whoever binds it first: see lostPort). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function ini(dir: string, sqlPort: number, httpPort: number, options: VirtuosoOptions): string {
  const buffers = Math.max(2000, Math.floor(((options.memoryMb ?? 1024) * 1024 * 1024) / 8700));
  const maxRows = Math.max(1_000_000, options.maxRows ?? 0);
  const f = (name: string) => path.join(dir, name);
  return `; Written by kamerstukken-ld at every start (ports are chosen anew); edits are overwritten.
[Database]
DatabaseFile = ${f('virtuoso.db')}
ErrorLogFile = ${f('virtuoso.log')}
LockFile = ${f('virtuoso.lck')}
TransactionFile = ${f('virtuoso.trx')}
xa_persistent_file = ${f('virtuoso.pxa')}
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = ${f('virtuoso-temp.db')}
TransactionFile = ${f('virtuoso-temp.trx')}
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:${sqlPort}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 0
CaseMode = 2
AllowOSCalls = 0
DirsAllowed = ${f('load')}
ThreadsPerQuery = 2
NumberOfBuffers = ${buffers}
MaxDirtyBuffers = ${Math.floor(buffers * 0.75)}
MaxQueryMem = 1G
MaxSortedTopRows = ${maxRows}
MaxStaticCursorRows = 5000

[HTTPServer]
ServerPort = 127.0.0.1:${httpPort}
ServerRoot = ${dir}
MaxClientConnections = 10
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 60
EnabledDavVSP = 0
HTTPProxyEnabled = 0
Charset = UTF-8
EnabledGzipContent = 0

[Client]
SQL_QUERY_TIMEOUT = 0
SQL_TXN_TIMEOUT = 0

[SPARQL]
ResultSetMaxRows = ${maxRows}
MaxQueryExecutionTime = ${options.queryTimeoutS ?? 60}
`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every instance started by this process, stopped if the process exits without stopping them. */
const running = new Set<ChildProcess>();
let exitHook = false;

/**
 * Stop every Virtuoso this process started (SIGTERM: Virtuoso's quick shutdown; a load under way is
 * completed by the next one). For a signal that arrives while a command is still starting or loading:
 * without it Node dies of the signal, its exit hook does not run, and Virtuoso stays behind holding the
 * database.
 */
export async function stopAllVirtuoso(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

/**
 * Handle SIGINT/SIGTERM from the start of a command that runs Virtuoso: until `serving()` is called, a
 * signal stops Virtuoso and exits (128 + the signal's number); after it, the signal resolves `stopped`
 * and the command shuts down in order.
 */
export function stopOnSignal(): { stopped: Promise<void>; serving: () => void } {
  let started = false;
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return stop();
    void stopAllVirtuoso().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { stopped, serving: () => (started = true) };
}

/** One GET of Virtuoso's /sparql with node:http (the endpoint's process need not load fetch for it): whether it answered 200. */
function answers(url: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode === 200));
      res.once('error', () => resolve(false));
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
  });
}

export class VirtuosoInstance {
  private exited: Promise<void>;
  private log = '';
  /** Resolves when Virtuoso logs that it is online (both listeners up): the first probe goes then, not at the next poll. */
  private readonly logOnline: Promise<void>;
  /** Resolves when the server answers SPARQL and takes SQL (see launch). */
  online: Promise<void> = Promise.resolve();

  private constructor(
    readonly dir: string,
    readonly sqlPort: number,
    readonly httpPort: number,
    readonly binaries: VirtuosoBinaries,
    private readonly child: ChildProcess,
    /** The database was created by this start. */
    readonly created: boolean,
    onLog?: (line: string, ms: number) => void,
  ) {
    const spawned = performance.now();
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    let sawOnline: () => void = () => {};
    this.logOnline = new Promise((resolve) => (sawOnline = resolve));
    let partial = '';
    const take = (d: Buffer) => {
      const text = d.toString();
      this.log = (this.log + text).slice(-8000);
      if (/Server online at/.test(this.log)) sawOnline();
      if (onLog) {
        const lines = (partial + text).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) onLog(line, performance.now() - spawned);
      }
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
  }

  /** Virtuoso's own SPARQL endpoint (loopback; our endpoint forwards to it). */
  get sparqlUrl(): string {
    return `http://127.0.0.1:${this.httpPort}/sparql`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The folder the bulk loader reads from (the only one in DirsAllowed). */
  get loadDir(): string {
    return path.join(this.dir, 'load');
  }

  /** Start Virtuoso on the database in options.dir (creating it), and wait until it answers SPARQL. */
  static async start(options: VirtuosoOptions): Promise<VirtuosoInstance> {
    for (let attempt = 1; ; attempt++) {
      const instance = await VirtuosoInstance.launch(options);
      try {
        await instance.online;
        return instance;
      } catch (err) {
        await instance.stop();
        // The ports are chosen free, then bound by Virtuoso a moment later: another process may take
        // one in between ("Failed HTTP listen at …"). New ports then, a few times.
        if (attempt < 3 && lostPort(err)) continue;
        throw err;
      }
    }
  }

  /**
   * Start Virtuoso on the database in options.dir (creating it) without waiting
   * for it: its ports are known at once, so the endpoint can start beside it;
   * `online` resolves when it answers SPARQL and takes SQL (rejects if it stops
   * or does not come up in time; the caller then stops it).
   */
  static async launch(options: VirtuosoOptions): Promise<VirtuosoInstance> {
    const binaries = options.binaries ?? findVirtuoso();
    if (!binaries) {
      throw new VirtuosoError('Virtuoso is not installed (no virtuoso-t on PATH): apt-get install virtuoso-opensource, or set KLD_VIRTUOSO to virtuoso-t');
    }
    const dir = path.resolve(options.dir);
    mkdirSync(path.join(dir, 'load'), { recursive: true });
    const lock = path.join(dir, 'virtuoso.lck');
    if (existsSync(lock)) {
      const pid = Number(/\d+/.exec(readFileSync(lock, 'utf8'))?.[0] ?? NaN);
      if (Number.isInteger(pid) && alive(pid)) throw new VirtuosoError(`the Virtuoso database in ${dir} is in use by process ${pid}`, lock);
      rmSync(lock); // left by a Virtuoso that was killed
    }
    const created = !existsSync(path.join(dir, 'virtuoso.db'));
    // Both at once: two listeners open together get two different ports.
    const [sqlPort, httpPort] = await Promise.all([freePort(), freePort()]);
    const iniFile = path.join(dir, 'virtuoso.ini');
    writeFileSync(iniFile, ini(dir, sqlPort, httpPort, options));
    // Virtuoso checkpoints at every start by default (after its roll forward). On a database whose log
    // holds nothing but the header (as `load` leaves it) there is nothing to write: that checkpoint is skipped.
    const args = ['+foreground', '+configfile', iniFile, ...(checkpointAtStart(dir) ? [] : ['+no-checkpoint'])];
    const jemalloc = findJemalloc();
    const env = jemalloc ? { ...process.env, LD_PRELOAD: [jemalloc, process.env.LD_PRELOAD].filter(Boolean).join(':') } : process.env;
    const child = spawn(binaries.server, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    child.once('exit', () => running.delete(child));
    if (!exitHook) {
      exitHook = true;
      process.once('exit', () => {
        for (const c of running) c.kill('SIGKILL');
      });
    }
    const instance = new VirtuosoInstance(dir, sqlPort, httpPort, binaries, child, created, options.onLog);
    instance.online = instance.waitOnline(options.startTimeoutMs ?? 180_000);
    instance.online.catch(() => {}); // awaited by the caller; not an unhandled rejection meanwhile
    return instance;
  }

  private async waitOnline(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const ask = `${this.sparqlUrl}?query=${encodeURIComponent('ASK { }')}`;
    let online = false;
    void this.logOnline.then(() => (online = true));
    for (;;) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new VirtuosoError(`Virtuoso stopped while starting (exit ${this.child.exitCode ?? this.child.signalCode}): ${this.tail()}`, path.join(this.dir, 'virtuoso.log'));
      }
      // Both listeners are needed (isql loads, HTTP answers): Virtuoso logs "Server online" when both are up.
      if (online && (await answers(ask, 5000))) return;
      if (Date.now() > deadline) throw new VirtuosoError(`Virtuoso did not come up within ${timeoutMs / 1000} s: ${this.tail()}`, path.join(this.dir, 'virtuoso.log'));
      // Woken by the log line as soon as Virtuoso writes it; the timer only notices an exit or the deadline.
      let timer: NodeJS.Timeout | undefined;
      const waits: Promise<unknown>[] = [this.exited, new Promise((r) => (timer = setTimeout(r, online ? 25 : 250)))];
      if (!online) waits.push(this.logOnline);
      await Promise.race(waits);
      clearTimeout(timer);
    }
  }

  /** The last lines Virtuoso logged (for error messages). */
  tail(lines = 8): string {
    return this.log.trim().split('\n').slice(-lines).join(' | ');
  }

  /**
   * Run an SQL script with isql (as dba, over the loopback SQL port). Resolves
   * with isql's output; rejects when a statement failed (isql reports errors on
   * stderr and goes on, so its exit code says nothing).
   */
  sql(script: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const isql = spawn(this.binaries.isql, [`127.0.0.1:${this.sqlPort}`, 'dba', 'dba'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      isql.stdout.on('data', (d: Buffer) => (out += d.toString()));
      isql.stderr.on('data', (d: Buffer) => (err += d.toString()));
      isql.once('error', (e) => reject(new VirtuosoError(`cannot run ${this.binaries.isql}: ${e.message}`)));
      isql.once('exit', (code) => {
        const failure = /\*\*\* Error[^\n]*(\n[^\n]*)?/.exec(err);
        if (failure) reject(new VirtuosoError(`Virtuoso SQL failed: ${failure[0].replace(/\s+/g, ' ').trim()}`));
        else if (code !== 0) reject(new VirtuosoError(`isql exited with ${code}: ${err.trim().slice(0, 500)}`));
        else resolve(out);
      });
      isql.stdin.end(`${script}\nEXIT;\n`);
    });
  }

  /** Stop the server (checkpoint and exit on SIGTERM; killed after 60 s). Idempotent. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 60_000);
    await this.exited;
    clearTimeout(timer);
  }
}
