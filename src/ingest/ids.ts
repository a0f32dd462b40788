/** Official ids and the numbers they carry. */

export interface Identity {
  id: string;
  dossier: string | null;
  ondernummer: string | null;
  vergaderjaar: string | null;
}

/**
 * Fill in what an official id says about itself: kst-{dossier}-{ondernummer}
 * gives the dossier and number, ah-tk-{vergaderjaar}-{nr} the session and number
 * (an Aanhangsel paper belongs to no dossier).
 */
export function completeIdentity(id: string, known: Omit<Identity, 'id'>): Identity {
  let { dossier, ondernummer, vergaderjaar } = known;
  if (id.startsWith('kst-') && (!dossier || !ondernummer)) {
    const m = /^kst-(\d{5}(?:-[0-9A-Z]+)*)-([0-9A-Z]+)$/.exec(id);
    if (m) {
      dossier ??= m[1] ?? null;
      ondernummer ??= m[2] ?? null;
    }
  }
  if (id.startsWith('ah-tk-')) {
    const m = /^ah-tk-(\d{4})(\d{4})-(\d+)$/.exec(id);
    if (m) {
      vergaderjaar ??= `${m[1]}-${m[2]}`;
      ondernummer ??= m[3] ?? null;
    }
    dossier = null;
  }
  return { id, dossier, ondernummer, vergaderjaar };
}
