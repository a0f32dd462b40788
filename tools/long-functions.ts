/**
 * Every function in src/ longer than a limit (default 80 lines), longest first: file, line, name, length.
 * Read with the TypeScript compiler API, so arrow functions and methods count as well as declarations.
 *
 *   npm run long-functions            # over 80 lines
 *   npm run long-functions -- 120     # over 120 lines
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { packageRoot } from '../src/package.js';

export interface LongFunction {
  file: string;
  line: number;
  name: string;
  lines: number;
}

/** A readable name: the declared one, else the variable, property or call it is given to. */
function nameOf(node: ts.Node, sf: ts.SourceFile): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)) && node.name) {
    const own = node.name.getText(sf);
    const owner = node.parent && ts.isClassLike(node.parent) && node.parent.name ? `${node.parent.name.text}.` : '';
    return owner + own;
  }
  if (ts.isConstructorDeclaration(node)) return `${node.parent.name?.text ?? '(class)'}.constructor`;
  if (ts.isFunctionExpression(node) && node.name) return node.name.text;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent)) return parent.name.getText(sf);
  if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText(sf);
  if (ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText(sf).slice(0, 40)})`;
  return '(anonymous)';
}

function isFunction(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)
  );
}

/** The functions of one source text over `limit` lines (a nested function is counted on its own as well). */
export function longFunctionsIn(file: string, text: string, limit: number): LongFunction[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunction(node) && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > limit) out.push({ file, line: start + 1, name: nameOf(node, sf), lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The functions of every .ts file under `dir` over `limit` lines, longest first. */
export function longFunctions(dir: string, limit: number): LongFunction[] {
  const out: LongFunction[] = [];
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!f.endsWith('.ts') || f.endsWith('.d.ts')) continue;
    const file = path.join(dir, f);
    out.push(...longFunctionsIn(path.relative(path.dirname(dir), file), readFileSync(file, 'utf8'), limit));
  }
  return out.sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file) || a.line - b.line);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const limit = Number(process.argv[2] ?? 80);
  if (!Number.isInteger(limit) || limit < 1) {
    process.stderr.write('usage: long-functions [LINES]   (a whole number of lines, default 80)\n');
    process.exit(2);
  }
  const found = longFunctions(path.join(packageRoot(), 'src'), limit);
  for (const f of found) process.stdout.write(`${String(f.lines).padStart(4)}  ${f.file}:${f.line}  ${f.name}\n`);
  process.stdout.write(`${found.length} function${found.length === 1 ? '' : 's'} over ${limit} lines in src/\n`);
}
