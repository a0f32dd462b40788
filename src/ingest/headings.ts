/**
 * Headings as the readers match them. Word and web copies put tabs, no-break
 * spaces, thin spaces and zero-width characters where print has a space
 * ("Vraag\u00a03", "I\tVragen en opmerkingen", "Antwoord\u200b 3"): any Unicode
 * white space counts as one space, a zero-width character between two letters
 * or two digits ("Vraag 1\u200b0" is question 10) as nothing and elsewhere as a space.
 */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/gu;
const INSIDE_WORD = /^(?:\p{L}\p{L}|\d\d)$/u;

export function headingText(text: string): string {
  if (!/[^\x20-\x7e\u00c0-\u024f‘’“”«»–—]/u.test(text)) return text.trim().replace(/ {2,}/g, ' ');
  return text
    .replace(INVISIBLE, (_ch, at: number, s: string) => (INSIDE_WORD.test(`${s[at - 1] ?? ''}${s[at + 1] ?? ''}`) ? '' : ' '))
    .replace(/\s+/gu, ' ')
    .trim();
}
