/**
 * The one place that knows where the package's data files (ontology/, shapes/,
 * queries/, corpus/) are, whether the code runs from src/ (vitest) or from
 * dist/src/ (the compiled CLI): walk up from this module to the directory whose
 * package.json names this package. The CLI's version, the pipeline version and the
 * worker threads' compiled modules are all found from here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

export function packageRoot(): string {
  if (cached !== null) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
      if (name === 'kamerstukken-ld') return (cached = dir);
    }
    const up = resolve(dir, '..');
    if (up === dir) throw new Error(`cannot find the kamerstukken-ld package root above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** The package's own package.json (its version: `kamerstukken-ld --version`, the pipeline version). */
export function packageManifest(): { name: string; version?: string } {
  return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version?: string };
}

/**
 * The compiled JavaScript of a module of src/ ("publish/document-worker.js" → dist/src/publish/document-worker.js):
 * worker threads run compiled code, also when the caller runs from src/ under vitest.
 */
export function compiledModule(relative: string): string {
  return join(packageRoot(), 'dist', 'src', relative);
}

/** A file of the package by its path relative to the package root ("ontology/kamerstukken.ttl"). */
export function packageFile(relative: string): string {
  return join(packageRoot(), relative);
}
