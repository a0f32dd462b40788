/**
 * The command line as people use it: --version, exit codes (0 ok, 1 input or
 * data problem, 2 usage), a taken port, a terminal without width, and numbering
 * in the human-readable summary that matches the IRIs. Runs the real CLI
 * (bin/ → dist/) in child processes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { Progress } from '../src/publish/progress.js';
import { repoRoot, seedFile } from './helpers.js';
import { ensureCompiled } from './serve-fixture.js';

const bin = path.join(repoRoot, 'bin/kamerstukken-ld.js');

function cli(args: string[], options: { nodeArgs?: string[]; cwd?: string } = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), bin, ...args], {
    encoding: 'utf8',
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, PORT: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// The CLI runs from dist/ (`npm test` compiles first); fail, saying so, when it is stale.
beforeAll(() => ensureCompiled());

describe('kamerstukken-ld --version', () => {
  it('prints the version of package.json and exits 0', () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const r = cli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(`kamerstukken-ld ${version}`);
  });
});

describe('exit codes: 0 ok, 1 input or data problem, 2 usage', () => {
  it('a missing input file is 1 for every command that reads one, with the file named and no usage text', () => {
    for (const args of [
      ['validate', 'nosuch.nq'],
      ['extract', 'nosuch.txt'],
      ['build', 'nosuch.txt'],
      ['unlinked', 'nosuch.txt'],
    ]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toContain('nosuch.');
      expect(r.stderr, args.join(' ')).not.toContain('Usage:');
    }
  });

  it('an unknown option or command is 2, with the usage text', () => {
    for (const args of [['validate', '--bogus', 'x.nq'], ['extract', '--bogus', 'x.txt'], ['build', '--bogus'], ['serve', '--bogus'], ['nosuchcommand']]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/Usage:/);
    }
  });

  it('--help is 0 and says the rule', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Exit status: 0 ok, 1 input or data problem, 2 usage error.');
  });
});

describe('serve on a port that is taken', () => {
  it('exits 1 at once with a hint about --port, instead of hanging', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as net.AddressInfo).port;
    const started = performance.now();
    const child = spawn(process.execPath, [bin, 'serve', '--port', String(port), '--output', mkdtempSync(path.join(os.tmpdir(), 'kld-empty-'))], {
      cwd: repoRoot,
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Generous guard against a hang (the process normally ends well within a second).
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    clearTimeout(kill);
    blocker.close();
    console.log(`serve on a taken port exited ${code} after ${Math.round(performance.now() - started)} ms`);
    expect(code).toBe(1);
    expect(stderr).toContain(`port ${port} is already in use`);
    expect(stderr).toContain('--port');
  });
});

describe('the progress bar', () => {
  const sink = (columns: number | undefined, isTTY = true) => {
    const writes: string[] = [];
    return {
      stream: { isTTY, columns, write: (s: string) => void writes.push(s) },
      writes,
    };
  };

  it('draws nothing on a terminal that reports 0 columns, and does not throw', () => {
    const { stream, writes } = sink(0);
    const p = new Progress(3, stream);
    for (let i = 0; i <= 3; i++) p.tick(i, 'x.txt');
    p.done();
    expect(writes).toEqual([]);
  });

  it('draws nothing without a TTY', () => {
    const { stream, writes } = sink(120, false);
    const p = new Progress(3, stream);
    p.tick(3, 'x');
    p.done();
    expect(writes).toEqual([]);
  });

  it('fits the line into the width, and a failing write stops drawing instead of failing', () => {
    const { stream, writes } = sink(40);
    const p = new Progress(2, stream);
    p.tick(2, 'a-very-long-file-name-that-would-not-fit.txt');
    expect(writes).toHaveLength(1);
    expect(writes[0]?.length).toBe(40); // "\r" + 39 columns
    const broken = {
      isTTY: true,
      columns: 80,
      write: () => {
        throw new Error('EPIPE');
      },
    };
    const q = new Progress(2, broken);
    expect(() => {
      q.tick(2, 'x');
      q.tick(2, 'y');
      q.done();
    }).not.toThrow();
  });

  it('`build` on a terminal reporting 0 columns exits 0 and publishes', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'kld-cols-'));
    // stderr made to look like a TTY of 0 columns, as the terminal in the bug report did.
    const preload = path.join(out, 'zero-columns.cjs');
    writeFileSync(preload, "Object.defineProperty(process.stderr, 'isTTY', { value: true }); Object.defineProperty(process.stderr, 'columns', { value: 0 });\n");
    const r = cli(['build', seedFile, '--output', path.join(out, 'output')], {
      nodeArgs: ['--require', preload],
    });
    expect(r.stderr).not.toContain('Invalid count value');
    expect(r.status).toBe(0);
    expect(existsSync(path.join(out, 'output', 'kamerstukken-ld.nq'))).toBe(true);
  });
});

describe('extract summary numbering', () => {
  it('numbers blocks from 1, as the block IRIs do (…/blok/1 is the first)', () => {
    const r = cli(['extract', seedFile]);
    expect(r.status).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^ {2}\d+\s/.test(l));
    const blocks = Number(/blocks (\d+)/.exec(r.stdout)?.[1]);
    expect(rows).toHaveLength(blocks);
    expect(rows[0]).toMatch(/^ {2}1\s/);
    expect(rows.at(-1)).toMatch(new RegExp(`^ {2}${blocks}\\s`));
    expect(r.stdout).not.toMatch(/^ {2}0\s/m);
  });
});
