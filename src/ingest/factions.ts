/**
 * Faction names as printed ("VVD-fractie", "Partij voor de Dieren", "(GroenLinks-PvdA)")
 * to the usual abbreviation used throughout the model.
 */
const NAMES: [RegExp, string][] = [
  [/^GroenLinks[- ]PvdA$|^GL[- ]PvdA$/i, 'GroenLinks-PvdA'],
  [/^GroenLinks$|^GL$/i, 'GroenLinks'],
  [/^PvdA$|^Partij van de Arbeid$/i, 'PvdA'],
  [/^PvdD$|^Partij voor de Dieren$/i, 'PvdD'],
  [/^VVD$|^Volkspartij voor Vrijheid en Democratie$/i, 'VVD'],
  [/^CDA$|^Christen-?Democratisch App[eè]l$/i, 'CDA'],
  [/^D66$|^Democraten 66$/i, 'D66'],
  [/^SP$|^Socialistische Partij$/i, 'SP'],
  [/^SGP$|^Staatkundig Gereformeerde Partij$/i, 'SGP'],
  [/^ChristenUnie$|^CU$/i, 'ChristenUnie'],
  [/^NSC$|^Nieuw Sociaal Contract$/i, 'NSC'],
  [/^BBB$|^BoerBurgerBeweging$/i, 'BBB'],
  [/^DENK$/i, 'DENK'],
  [/^PVV$|^Partij voor de Vrijheid$/i, 'PVV'],
  [/^JA21$/i, 'JA21'],
  [/^FvD$|^Forum voor Democratie$/i, 'FvD'],
  [/^Volt$/i, 'Volt'],
  [/^50PLUS$/i, '50PLUS'],
  [/^BIJ1$/i, 'BIJ1'],
  [/^Groep Van Haga$/i, 'Groep Van Haga'],
  [/^Fractie Den Haan$/i, 'Fractie Den Haan'],
];

/** The usual abbreviation of a printed faction name, or null when it is not a known faction. */
export function normaliseFaction(printed: string): string | null {
  const name = printed
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^de /i, '')
    .replace(/[- ]?fractie$/i, '')
    .trim();
  for (const [re, abbreviation] of NAMES) if (re.test(name)) return abbreviation;
  return null;
}
