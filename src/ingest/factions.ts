/**
 * Faction names as printed. Ingest keeps the name the paper prints ("VVD-fractie",
 * "de leden van de Partij voor de Dieren"); which faction it stands for is decided
 * after ingest, with the gazetteer passed in (src/extract/gazetteer.ts,
 * normaliseFaction). Here only what needs no gazetteer: the name without the words
 * around it, and whether two printed names are the same name.
 */

/**
 * The name without the words printed around it: "de leden van de VVD-fractie" → "VVD",
 * "fractie van de SP" → "SP", "(GroenLinks-PvdA)." → "GroenLinks-PvdA". Empty when only such words remain.
 */
export function bareFactionName(printed: string): string {
  const name = printed
    .replace(/-[ \t]*\r?\n[ \t]*/g, '-') // a name broken over a line after its hyphen
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[(«"'“]+|[)»"'”.,:;]+$/g, '')
    .trim();
  // Surrounding words as printed in headings and intros: "(de) leden van de", "fractie van (de)", "-fractie", "-leden".
  return name
    .replace(/^(?:inbreng\s+)?(?:van\s+)?(?:de\s+)?(?:leden\s+van\s+(?:de\s+)?)?/i, '')
    .replace(/^(?:de\s+)?fractie\s+van\s+(?:de\s+)?/i, '')
    .replace(/(?:[- ]?(?:fractie|leden|kamerleden|kamerlid))+$/i, '')
    .replace(/[’']s$/, '')
    .trim();
}

/** Compare faction names without case, spaces, hyphens, slashes or diacritics: "GL-PvdA" ~ "gl pvda". */
export function factionKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s\-\u00ad/]+/g, '');
}

/** Whether two printed names are the same name ("VVD-fractie" and "de leden van de VVD"); null is no name. */
export function sameFactionName(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return factionKey(bareFactionName(a)) === factionKey(bareFactionName(b));
}
