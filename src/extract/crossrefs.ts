/** Cross-references between answers: "Zie antwoord op vraag 21", "zie ook beantwoording vraag 51". */
import { answerNumbers } from '../ingest/numbers.js';

export interface CrossRefMatch {
  numbers: number[];
  text: string;
  start: number;
  end: number;
}

const CROSS_REF =
  /\b(?:[Zz]ie (?:ook |tevens )?(?:het |de )?|(?:bij|in) (?:het |de )?)?(?:antwoord(?:en)?|beantwoording)\s+(?:(?:op|van|bij)\s+)?(?:de\s+)?vra(?:ag|gen)\s+(\d{1,3}(?:\s*(?:,|en|t\/m|-)\s*\d{1,3})*)(?!\d)/g;
const SEE_QUESTION = /\b[Zz]ie (?:ook |tevens )?vra(?:ag|gen) (\d{1,3}(?:\s*(?:,|en|t\/m|-)\s*\d{1,3})*)(?!\d)/g;

export function findCrossReferences(text: string): CrossRefMatch[] {
  const out: CrossRefMatch[] = [];
  for (const re of [CROSS_REF, SEE_QUESTION]) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      if (out.some((o) => start < o.end && start + m[0].length > o.start)) continue;
      out.push({ numbers: answerNumbers(m[1] ?? ''), text: m[0], start, end: start + m[0].length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
