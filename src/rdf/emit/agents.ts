/**
 * Agents: factions (their facts live in the gazetteer's graph; here only what
 * the shapes check), members of the Kamer who asked, ministers and state
 * secretaries who answered, their faction memberships and posts, each with the
 * parliamentary year in which the paper attests them. Person IRIs come from the
 * name as printed plus faction (or office) and year, never the surname alone.
 */
import type { NamedNode } from '@rdfjs/types';
import type { Asker, DocumentModel } from '../../model.js';
import { defaultGazetteerInstance, labelsOf } from '../../extract/gazetteer.js';
import { slug } from '../iris.js';
import { dcterms, foaf, org, rdfs, skos } from '../vocab.js';
import { a, nl, str, type Emit } from './writer.js';

/**
 * The faction node as the paper uses it. A gazetteer faction's facts (type, notation, labels, periods) are
 * in the gazetteer graph only; a faction the gazetteer lacks is described by the paper that names it.
 */
export function emitFaction(e: Emit, abbreviation: string): NamedNode {
  const F = e.minter.faction(abbreviation);
  if (e.inGazetteer('faction', slug(abbreviation))) return F;
  e.g.add(F, a, e.kld.Faction);
  e.g.add(F, skos.notation, str(abbreviation));
  return F;
}

/** The parliamentary year of the paper as a period (memberships and posts are attested in it). */
function emitYear(e: Emit): NamedNode | null {
  const vj = e.doc.vergaderjaar;
  if (vj === null) return null;
  const Y = e.minter.parliamentaryYear(vj);
  e.g.add(Y, a, dcterms.PeriodOfTime);
  e.g.add(Y, rdfs.label, nl(`vergaderjaar ${vj}`));
  e.g.add(Y, skos.notation, str(vj));
  return Y;
}

function emitPerson(e: Emit, P: NamedNode, name: string): NamedNode {
  e.g.add(P, a, e.kld.Person);
  e.g.add(P, a, foaf.Person);
  e.g.add(P, foaf.name, str(name));
  return P;
}

/** Is this asker the faction itself ("VVD-fractie", "VVD") rather than a named member? */
export function askerIsFaction(asker: Asker): boolean {
  if (asker.faction === null) return false;
  return /fractie$/i.test(asker.name.trim()) || slug(asker.name) === slug(asker.faction);
}

/** Is this asker a committee ("vaste commissie van Financiën", "vaste kamercommissie voor …")? */
export function askerIsCommittee(asker: Asker): boolean {
  return asker.faction === null && /\b(?:kamer)?commissie\b/i.test(asker.name);
}

/** A committee that asks, as an organisation with its name as printed (no registry id: none is verified here). */
export function emitCommittee(e: Emit, printed: string): NamedNode {
  const name = printed.replace(/\s+/g, ' ').trim();
  const C = e.minter.committee(name);
  e.g.add(C, a, e.kld.Committee);
  e.g.add(C, a, org.Organization);
  e.g.add(C, foaf.name, str(name));
  e.g.add(C, rdfs.label, nl(capitalise(name)));
  return C;
}

/**
 * The paper's askers as agents: a faction asker is the faction; a named member is a
 * person with an org:Membership of the faction in the paper's year. Returns the agents
 * (persons and their factions) in order.
 */
export function emitAskers(e: Emit): NamedNode[] {
  const out: NamedNode[] = [];
  const push = (n: NamedNode) => {
    if (!out.some((o) => o.equals(n))) out.push(n);
  };
  for (const asker of e.doc.askers) {
    if (asker.faction !== null && askerIsFaction(asker)) {
      push(emitFaction(e, asker.faction));
      continue;
    }
    if (asker.faction === null && askerIsCommittee(asker)) {
      push(emitCommittee(e, asker.name));
      continue;
    }
    if (asker.faction === null) {
      // Without a faction a surname is no identity: keep the name as printed only.
      e.g.add(e.D, e.kld.askedByText, nl(asker.name));
      continue;
    }
    const F = emitFaction(e, asker.faction);
    const P = emitPerson(e, e.minter.member(e.doc.vergaderjaar, asker.faction, asker.name), asker.name);
    e.g.add(P, rdfs.label, nl(`${asker.name} (${asker.faction})`));
    const M = e.minter.membership(e.doc.vergaderjaar, asker.faction, asker.name);
    e.g.add(M, a, org.Membership);
    e.g.add(M, org.member, P);
    e.g.add(M, org.organization, F);
    const Y = emitYear(e);
    if (Y !== null) e.g.add(M, org.memberDuring, Y);
    e.g.add(P, org.hasMembership, M);
    push(P);
    push(F);
  }
  return out;
}

/** One answerer as printed, read: "Minister De Jonge" → role Minister, name "De Jonge". */
export interface Answerer {
  printed: string;
  role: 'Minister' | 'Staatssecretaris' | null;
  name: string | null;
  /** The office ("Minister van Financiën") when the paper says it unambiguously. */
  office: string | null;
}

/** An answerer as printed, split: role, the words after it, and a trailing parenthesis. */
function splitAnswerer(printed: string): { role: Answerer['role']; rest: string; paren: string | null } | null {
  const m = /^(?:de\s+|het\s+)?(minister(?:-president)?|staatssecretaris)\s+(.+?)(?:\s*\(([^()]+)\))?$/i.exec(printed.replace(/\s+/g, ' ').trim());
  if (m === null || m[1] === undefined || m[2] === undefined) return null;
  return { role: /^staats/i.test(m[1]) ? 'Staatssecretaris' : 'Minister', rest: m[2].trim(), paren: m[3]?.trim() ?? null };
}

/** Offices continue in lower case ("Minister van …", "voor …"); names start with a capital ("Van Huffelen"). */
const OFFICE_REST = /^(?:van|voor|zonder|en)\b/;

/**
 * "Minister Bruins Slot" → "Bruins Slot"; "Minister De Jonge (Binnenlandse Zaken)" → "De Jonge";
 * "Minister van Buitenlandse Zaken (M.A.M. Adriaansens)" → "M.A.M. Adriaansens"; offices alone → null.
 */
export function namedAnswerer(printed: string): string | null {
  const parts = splitAnswerer(printed);
  if (parts === null) return null;
  if (!OFFICE_REST.test(parts.rest)) return parts.rest;
  if (parts.paren !== null && !/minister|staatssecretaris|kabinet/i.test(parts.paren) && /\p{Lu}/u.test(parts.paren)) return parts.paren;
  return null;
}

function roleOf(text: string): Answerer['role'] {
  if (/^(?:de\s+)?minister(?:-president)?\b/i.test(text.trim())) return 'Minister';
  if (/^(?:de\s+)?staatssecretaris\b/i.test(text.trim())) return 'Staatssecretaris';
  return null;
}

/**
 * Read the answerers of a paper with their office: printed with the answerer
 * ("Minister van Economische Zaken en Klimaat (M.A.M. Adriaansens)"), or the department printed
 * after the answerer ("Minister Bruins Slot (BZ)", "Minister Schreinemacher (Buitenlandse Handel en
 * Ontwikkelingssamenwerking)") matched to the addressee of that department (by its name, or by a
 * gazetteer ministry's abbreviation), or else the one addressee of the same role the questions were put
 * to, also when the other answerers of that role have been matched. Where several addressees still
 * share the role the office is left out (never guessed).
 */
export function readAnswerers(doc: DocumentModel): Answerer[] {
  const addressees = doc.addressees.map((ad) => capitalise(ad.replace(/\s+/g, ' ').trim()));
  const read = doc.answeredBy.map((printed, i) => {
    const parts = splitAnswerer(printed);
    const role = parts?.role ?? null;
    const name = namedAnswerer(printed);
    const department = doc.answeredByDepartment?.[i] ?? (parts !== null && !OFFICE_REST.test(parts.rest) ? parts.paren : null);
    let office: string | null = null;
    if (parts !== null && OFFICE_REST.test(parts.rest)) office = `${parts.role} ${parts.rest}`;
    else if (role !== null && department !== null && /\p{Lu}/u.test(department)) {
      // The addressee of that department ("Minister voor …" keeps its "voor"); else the department as printed.
      const addressee = addressees.find((ad) => roleOf(ad) === role && sameDepartment(ad, department));
      office = addressee ?? `${role} van ${department}`;
    }
    return { printed, role, name, office };
  });
  // By elimination: the one answerer of a role still without office, and the one addressee of that role left.
  for (const role of ['Minister', 'Staatssecretaris'] as const) {
    const open = read.filter((r) => r.role === role && r.office === null);
    const left = addressees.filter((ad) => roleOf(ad) === role && !read.some((r) => r.office === ad));
    const [only] = open;
    if (open.length === 1 && left.length === 1 && only !== undefined && left[0] !== undefined) only.office = left[0];
  }
  return read;
}

/** "BZ", "BHO", "OCW": an abbreviation, not a department's name. */
function isAbbreviation(department: string): boolean {
  return !/\p{Ll}/u.test(department.replace(/&/g, ''));
}

/** Does an office ("Minister van Buitenlandse Zaken") belong to a department as printed ("Buitenlandse Zaken", "BZ")? */
function sameDepartment(office: string, department: string): boolean {
  const m = /^(?:minister(?:-president)?|staatssecretaris)\s+(?:van|voor)\s+(.+)$/i.exec(office);
  const dept = m?.[1]?.trim();
  if (dept === undefined) return false;
  const fold = (s: string): string =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim();
  // The department may carry its portfolio after a dash ("Financiën – Fiscaliteit en Belastingdienst").
  if (fold(dept) === fold(department) || fold(dept) === fold(department.split(/\s+[–-]\s+/)[0] ?? department)) return true;
  // An abbreviation: a gazetteer ministry with that label whose name is "Ministerie van {dept}".
  if (!isAbbreviation(department)) return false;
  return defaultGazetteerInstance().entries.some((e) => e.kind === 'ministry' && labelsOf(e).includes(department) && labelsOf(e).some((l) => fold(l) === fold(`ministerie van ${dept}`)));
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The ministry an office belongs to: "Staatssecretaris van Financiën" → the gazetteer's Ministerie van Financiën. */
export function ministryOf(office: string): string | null {
  const m = /^(?:minister(?:-president)?|staatssecretaris)\s+van\s+(.+)$/i.exec(office.trim());
  const department = m?.[1];
  if (department === undefined) return null;
  // The department as printed may carry a portfolio after a dash ("Financiën – Fiscaliteit en Belastingdienst").
  const candidates = [department, department.split(/\s+[–-]\s+/)[0] ?? department].map((d) => `ministerie van ${d.trim()}`.toLowerCase());
  for (const entry of defaultGazetteerInstance().entries) {
    if (entry.kind !== 'ministry') continue;
    if (labelsOf(entry).some((l) => candidates.includes(l.toLowerCase()))) return entry.id;
  }
  return null;
}

/**
 * The answerers as persons holding a post (org:Post) in the paper's year, the post in its
 * ministry when known. Returns the persons and posts, for the answers to point at.
 */
export function emitAnswerers(e: Emit): { persons: NamedNode[]; posts: NamedNode[] } {
  const persons: NamedNode[] = [];
  const posts: NamedNode[] = [];
  for (const ans of readAnswerers(e.doc)) {
    e.g.add(e.D, e.kld.answeredByText, nl(ans.printed));
    if (ans.name === null) continue;
    const P = emitPerson(e, e.minter.officeHolder(e.doc.vergaderjaar, ans.name), ans.name);
    e.g.add(P, rdfs.label, nl(ans.role !== null ? `${ans.role} ${ans.name}` : ans.name));
    e.g.add(e.D, e.kld.answeredBy, P);
    persons.push(P);
    if (ans.office === null) continue;
    const Post = e.minter.post(e.doc.vergaderjaar, ans.office);
    e.g.add(Post, a, org.Post);
    e.g.add(Post, rdfs.label, nl(ans.office));
    e.g.add(Post, org.heldBy, P);
    e.g.add(P, org.holds, Post);
    const Y = emitYear(e);
    if (Y !== null) e.g.add(Post, dcterms.temporal, Y);
    const ministry = ministryOf(ans.office);
    // The ministry is a gazetteer concept (ministryOf finds it there): its facts are in the gazetteer graph.
    if (ministry !== null) e.g.add(Post, org.postIn, e.minter.concept('ministerie', ministry));
    posts.push(Post);
  }
  return { persons, posts };
}
