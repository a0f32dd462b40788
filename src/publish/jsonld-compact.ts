/**
 * JSON-LD compaction of one document's expanded tree with our published context, without jsonld.js's general
 * machinery: the same steps as jsonld.js's compaction algorithm (JSON-LD 1.1 API §6.1, IRI compaction §6.3 with
 * its inverse context and term selection, value compaction §6.5), restricted to what our trees and our context
 * hold: node objects, subject references, value objects with a type or a language, "@type", "@reverse" and
 * "@included"; terms with "@id", "@reverse", "@type", "@language" and "@container": "@set"; no "@vocab", "@base",
 * default language, lists, indexes, graphs or directions. Anything else makes `compact` answer null, and the
 * caller asks jsonld.js (src/publish/jsonld.ts). jsonld.js stays the reference: test/publish-jsonld.test.ts checks
 * that both give deep-equal documents for every real paper of ../shared, and that none of them needed jsonld.js.
 *
 * Why: jsonld.compact cost ~10 ms of CPU per paper (a third of it choosing terms, IRI by IRI); a paper's keys
 * and values fall into a few hundred kinds, each decided once here and remembered.
 */
import type { JsonLdObject, JsonLdValue } from 'jsonld';
import type { ContextEntry, JsonLdContextDocument } from './context.js';
import { KldError } from '../errors.js';

type Container = '@set' | '@none';

interface Definition {
  iri: string;
  reverse: boolean;
  /** Expanded "@type" ('@id' or a datatype IRI), when given. */
  type: string | null;
  /** Lower-cased "@language", when given. */
  language: string | null;
  container: Container;
  /** Usable as the prefix of a compact IRI. */
  prefix: boolean;
}

/** typeOrLanguage → its value → the term (the inverse context of JSON-LD 1.1 API §4.3). */
type Selection = Record<'@language' | '@type' | '@any', Map<string, string>>;

/** Our trees hold nothing else: compaction falls back to jsonld.js when one does (caught here, never seen by a user). */
class Unsupported extends KldError {
  constructor(what: string) {
    super('data', `JSON-LD compaction by our own code does not cover ${what}`);
  }
}

const GEN_DELIM = /[:/?#[\]@]$/;
const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** Shortest first, then code-unit order (jsonld.js's compareShortestLeast). */
function shortestLeast(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** A string member of a value object (a language, a datatype); anything else is not ours to compact. */
function text(v: unknown): string {
  if (typeof v !== 'string') throw new Unsupported('not a string');
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class ContextCompactor {
  private readonly terms = new Map<string, Definition>();
  /** Keyword → its alias ('@id' → 'id'), for keywords aliased with no container. */
  private readonly aliases = new Map<string, string>();
  private typeKey: string;
  private readonly inverse = new Map<string, Map<Container, Selection>>();
  private readonly prefixes: [name: string, iri: string][] = [];
  private readonly iriMemo = [new Map<string, string>(), new Map<string, string>()];
  private readonly keyMemo = new Map<string, string>();

  /** Throws when the context is not of the kind described above (then use jsonld.js). */
  constructor(context: JsonLdContextDocument) {
    const entries = Object.entries(context['@context']);
    const simple = new Map<string, string>();
    for (const [name, entry] of entries) if (typeof entry === 'string' && !entry.startsWith('@') && !name.startsWith('@')) simple.set(name, entry);
    const expand = (value: string): string => {
      const colon = value.indexOf(':');
      if (colon > 0 && !value.startsWith('//', colon + 1)) {
        const space = simple.get(value.slice(0, colon));
        if (space !== undefined && ABSOLUTE.test(space)) return space + value.slice(colon + 1);
      }
      if (!ABSOLUTE.test(value)) throw new Unsupported(`not an absolute IRI: ${value}`);
      return value;
    };
    let typeKey: string | null = null;
    for (const [name, entry] of entries) {
      if (name === '@version' || name === '@protected') continue;
      if (name.startsWith('@')) throw new Unsupported(`context keyword ${name}`);
      const def = this.definition(name, entry, expand);
      if (def === '@type') typeKey = name;
      else if (typeof def === 'string') this.aliases.set(def, name);
      else this.terms.set(name, def);
    }
    if (typeKey === null) throw new Unsupported('no alias of @type with @container @set');
    this.typeKey = typeKey;
    for (const name of [...this.terms.keys()].sort(shortestLeast)) {
      const def = this.terms.get(name);
      if (def === undefined) continue;
      if (def.prefix) this.prefixes.push([name, def.iri]);
      let byContainer = this.inverse.get(def.iri);
      if (byContainer === undefined) this.inverse.set(def.iri, (byContainer = new Map<Container, Selection>()));
      let sel = byContainer.get(def.container);
      if (sel === undefined) byContainer.set(def.container, (sel = { '@language': new Map(), '@type': new Map(), '@any': new Map() }));
      const add = (m: Map<string, string>, key: string): void => {
        if (!m.has(key)) m.set(key, name);
      };
      add(sel['@any'], '@none');
      if (def.reverse) add(sel['@type'], '@reverse');
      else if (def.type !== null) add(sel['@type'], def.type);
      else if (def.language !== null) add(sel['@language'], def.language);
      else {
        add(sel['@language'], '@none');
        add(sel['@language'], '@none');
        add(sel['@type'], '@none');
      }
    }
  }

  /** One entry of the context: a term's definition, a keyword it aliases, or '@type' for the set-valued alias of @type. */
  private definition(name: string, entry: ContextEntry, expand: (v: string) => string): Definition | string {
    if (typeof entry === 'string') {
      if (entry === '@id' || entry === '@included') return entry;
      if (entry.startsWith('@')) throw new Unsupported(`alias of ${entry}`);
      const iri = expand(entry);
      return { iri, reverse: false, type: null, language: null, container: '@none', prefix: !name.includes(':') && GEN_DELIM.test(iri) };
    }
    if (!isObject(entry)) throw new Unsupported(`term ${name}`);
    const keys = Object.keys(entry);
    if (keys.some((k) => !['@id', '@reverse', '@type', '@language', '@container'].includes(k))) throw new Unsupported(`term ${name}: ${keys.join(' ')}`);
    const e = entry as Record<string, unknown>;
    const container = e['@container'] ?? '@none';
    if (container !== '@set' && container !== '@none') throw new Unsupported(`term ${name}: container ${JSON.stringify(container)}`);
    if (e['@id'] === '@type') {
      if (container !== '@set' || keys.length !== 2) throw new Unsupported(`alias ${name} of @type`);
      return '@type';
    }
    const id = e['@reverse'] ?? e['@id'];
    if (typeof id !== 'string' || id.startsWith('@') || ('@reverse' in e && '@id' in e)) throw new Unsupported(`term ${name}: @id`);
    const type = e['@type'];
    if (type !== undefined && (typeof type !== 'string' || (type.startsWith('@') && type !== '@id'))) throw new Unsupported(`term ${name}: @type`);
    const language = e['@language'];
    if (language !== undefined && typeof language !== 'string') throw new Unsupported(`term ${name}: @language`);
    return {
      iri: expand(id),
      reverse: '@reverse' in e,
      type: type === undefined ? null : type === '@id' ? '@id' : expand(type),
      language: language === undefined ? null : language.toLowerCase(),
      container,
      prefix: false,
    };
  }

  /** The compacted document of an expanded node object (its "@context" left out), or null when jsonld.js must do it. */
  compact(node: JsonLdObject): JsonLdObject | null {
    try {
      return this.node(node);
    } catch (err) {
      if (err instanceof Unsupported) return null;
      throw err;
    }
  }

  private node(node: JsonLdObject): JsonLdObject {
    const out: JsonLdObject = {};
    for (const key of Object.keys(node).sort()) {
      const value = node[key];
      if (key === '@id') {
        if (typeof value !== 'string') throw new Unsupported('@id');
        out[this.alias('@id')] = this.iri(value, false);
      } else if (key === '@type') {
        if (!Array.isArray(value)) throw new Unsupported('@type');
        out[this.typeKey] = value.map((t) => {
          if (typeof t !== 'string') throw new Unsupported('@type value');
          return this.iri(t, true);
        });
      } else if (key === '@reverse') {
        if (!isObject(value)) throw new Unsupported('@reverse');
        this.properties(value, out, true);
      } else if (key === '@included') {
        if (!Array.isArray(value)) throw new Unsupported('@included');
        out[this.alias('@included')] = value.map((v) => {
          if (!isObject(v) || '@value' in v) throw new Unsupported('@included item');
          return this.node(v);
        });
      } else if (key.startsWith('@')) {
        throw new Unsupported(key);
      } else {
        this.properties({ [key]: value }, out, false);
      }
    }
    return out;
  }

  /** Compact the properties of `from` into `out` (a reverse map's properties must find reverse terms). */
  private properties(from: JsonLdObject, out: JsonLdObject, reverse: boolean): void {
    for (const property of Object.keys(from).sort()) {
      if (property.startsWith('@')) throw new Unsupported(property);
      const values = from[property];
      if (!Array.isArray(values) || values.length === 0) throw new Unsupported(`values of ${property}`);
      for (const item of values) {
        if (!isObject(item)) throw new Unsupported(`value of ${property}`);
        const key = this.key(property, item, reverse);
        const def = this.terms.get(key);
        if (reverse && def?.reverse !== true) throw new Unsupported(`no reverse term for ${property}`);
        const compacted = this.item(item, def);
        const asArray = def?.container === '@set';
        const present = out[key];
        if (present === undefined) out[key] = asArray ? [compacted] : compacted;
        else if (Array.isArray(present)) present.push(compacted);
        else out[key] = [present, compacted];
      }
    }
  }

  /** Value compaction (§6.5) of a value object or a subject reference; node compaction of an embedded node. */
  private item(item: JsonLdObject, def: Definition | undefined): JsonLdValue {
    const keys = Object.keys(item);
    if ('@value' in item) {
      const value = item['@value'];
      if (keys.some((k) => k !== '@value' && k !== '@type' && k !== '@language')) throw new Unsupported('value object');
      const type = def?.type ?? null;
      if (type !== null && item['@type'] === type) return value as JsonLdValue;
      if ('@language' in item && def?.language !== undefined && def.language !== null && item['@language'] === def.language) return value as JsonLdValue;
      if (keys.length === 1) return value as JsonLdValue;
      // Kept as a value object: its datatype compacted like a type, its language as it is.
      const kept: JsonLdObject = {};
      const datatype = item['@type'];
      if (typeof datatype === 'string') kept[this.typeKey] = this.iri(datatype, true);
      else if (typeof item['@language'] === 'string') kept['@language'] = item['@language'];
      else throw new Unsupported('value object');
      kept['@value'] = value;
      return kept;
    }
    if (keys.length === 1 && keys[0] === '@id') {
      const id = item['@id'];
      if (typeof id !== 'string') throw new Unsupported('@id');
      const compacted = this.iri(id, false);
      return def?.type === '@id' ? compacted : { [this.alias('@id')]: compacted };
    }
    return this.node(item);
  }

  private alias(keyword: '@id' | '@included'): string {
    const alias = this.aliases.get(keyword);
    if (alias === undefined) throw new Unsupported(`no alias of ${keyword}`);
    return alias;
  }

  /** The key of one value of a property: IRI compaction relative to the vocabulary with that value (§6.3). */
  private key(iri: string, value: JsonLdObject, reverse: boolean): string {
    let typeOrLanguage: '@language' | '@type' = '@language';
    let wanted = '@null';
    const containers: string[] = [];
    const isValue = '@value' in value;
    if (!isValue) containers.push('@id', '@id@set', '@type', '@set@type');
    if (reverse) {
      typeOrLanguage = '@type';
      wanted = '@reverse';
      containers.push('@set');
    } else {
      if (isValue) {
        if ('@language' in value) {
          containers.push('@language', '@language@set');
          wanted = text(value['@language']);
        } else if ('@type' in value) {
          typeOrLanguage = '@type';
          wanted = text(value['@type']);
        }
      } else {
        typeOrLanguage = '@type';
        wanted = '@id';
      }
      containers.push('@set');
    }
    containers.push('@none', '@index', '@index@set');
    const plain = isValue && Object.keys(value).length === 1;
    if (plain) containers.push('@language', '@language@set');
    // The preference between "@id" and "@vocab" terms depends on the referenced IRI being a term's own IRI.
    const ref = (wanted === '@id' || wanted === '@reverse') && typeof value['@id'] === 'string' ? value['@id'] : null;
    const refIsTerm = ref !== null && this.terms.get(this.iri(ref, true))?.iri === ref;
    const kind = `${reverse ? 'r' : 'f'}${plain ? 'p' : ''}${isValue ? 'v' : 'n'}${refIsTerm ? 't' : ''}\u0000${typeOrLanguage}\u0000${wanted}\u0000${iri}`;
    const known = this.keyMemo.get(kind);
    if (known !== undefined) return known;
    const prefs: string[] = [];
    if (ref !== null) {
      if (wanted === '@reverse') prefs.push('@reverse');
      prefs.push(...(refIsTerm ? ['@vocab', '@id'] : ['@id', '@vocab']));
    } else prefs.push(wanted);
    prefs.push('@none');
    let chosen: string | null = null;
    const byContainer = this.inverse.get(iri);
    if (byContainer !== undefined) {
      for (const container of containers) {
        const sel = byContainer.get(container as Container);
        if (sel === undefined) continue;
        const m = sel[typeOrLanguage];
        const hit = prefs.find((p) => m.has(p));
        if (hit !== undefined) {
          chosen = m.get(hit) ?? null;
          break;
        }
      }
    }
    chosen ??= this.curie(iri, true) ?? iri;
    this.keyMemo.set(kind, chosen);
    return chosen;
  }

  /** IRI compaction with no value: a term (relative to the vocabulary only), else a compact IRI, else the IRI. */
  private iri(iri: string, vocab: boolean): string {
    const memo = this.iriMemo[vocab ? 1 : 0];
    const known = memo?.get(iri);
    if (known !== undefined) return known;
    let out: string | null = null;
    if (vocab) {
      const sel = this.inverse.get(iri);
      for (const container of ['@set', '@none'] as const) {
        const m = sel?.get(container)?.['@type'];
        const hit = m?.get('@id') ?? m?.get('@none');
        if (hit !== undefined) {
          out = hit;
          break;
        }
      }
    }
    out ??= this.curie(iri, false) ?? iri;
    if (!ABSOLUTE.test(out) && out === iri) throw new Unsupported(`relative IRI ${iri}`);
    memo?.set(iri, out);
    return out;
  }

  /** The shortest (then least) usable compact IRI; `withValue`: compacting a key for a value (no term may be named so). */
  private curie(iri: string, withValue: boolean): string | null {
    let choice: string | null = null;
    for (const [name, space] of this.prefixes) {
      if (space.length >= iri.length || !iri.startsWith(space)) continue;
      const curie = `${name}:${iri.slice(space.length)}`;
      const term = this.terms.get(curie);
      const usable = term === undefined || (!withValue && term.iri === iri);
      if (usable && (choice === null || shortestLeast(curie, choice) < 0)) choice = curie;
    }
    if (choice === null) for (const [name] of this.prefixes) if (iri.startsWith(`${name}:`)) throw new Unsupported(`IRI ${iri} confused with prefix ${name}`);
    return choice;
  }
}

const compactors = new WeakMap<JsonLdContextDocument, ContextCompactor | null>();

/** The compactor of a context, made once per context object; null when the context is not of our kind. */
export function compactorFor(context: JsonLdContextDocument): ContextCompactor | null {
  if (compactors.has(context)) return compactors.get(context) ?? null;
  let made: ContextCompactor | null;
  try {
    made = new ContextCompactor(context);
  } catch (err) {
    if (!(err instanceof Unsupported)) throw err;
    made = null;
  }
  compactors.set(context, made);
  return made;
}
