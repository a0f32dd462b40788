/**
 * Hostile shapes of input (issue 14), each a function of a size n, and the
 * ratio timer the regression tests use: time grows at most linearly when the
 * 8x input takes at most about 8x the time of the 1x input.
 */
import { performance } from 'node:perf_hooks';

const HEAD = [
  'Tweede Kamer der Staten-Generaal',
  '',
  'Vergaderjaar 2023–2024',
  '',
  'Aanhangsel van de Handelingen',
  '',
  'Vragen gesteld door de leden der Kamer, met de daarop door de',
  'regering gegeven antwoorden',
  '',
  '1292',
  '',
].join('\n');
const ASKED =
  'Vragen van het lid Keijzer (BBB) aan de Minister van Binnenlandse Zaken over de publicatie (ingezonden 11 maart 2024).\n' + 'Antwoord van Minister De Jonge (Binnenlandse Zaken) (ontvangen 21 maart 2024).\n';

/** A small Kamervragen paper (file name ah-tk-20232024-1292.txt gives its id) with `body` after the header. */
export function kamervragen(body: string, asked = ASKED): string {
  return `${HEAD}${asked}${body}`;
}

export const KAMERVRAGEN_FILE = 'ah-tk-20232024-1292.txt';
export const NOTA_FILE = 'kst-36450-6.txt';

/** The opening of a nota naar aanleiding van het verslag (dossier 36 450, nr. 6), up to its first section. */
export const NOTA_HEAD = [
  'Tweede Kamer der Staten-Generaal',
  '',
  '2',
  '',
  'Vergaderjaar 2023–2024',
  '',
  '36 450',
  '',
  'Regels omtrent de instelling van het Adviescollege toetsing regeldruk',
  '',
  'Nr. 6',
  '',
  'NOTA NAAR AANLEIDING VAN HET VERSLAG',
  'Ontvangen 27 maart 2024',
  'I. Algemeen deel',
  '',
].join('\n');

export interface Shape {
  /** The reproducer's name, as the issue states it. */
  name: string;
  file: string;
  /** The input at size n (n = 1 is the 1x size). */
  make: (n: number) => string;
}

/** Text with its line breaks flattened to spaces (as OCR of a letter gives it). */
const flatten = (text: string): string => text.replace(/\n+/g, ' ');

/** The super-linear reproducers of issue 14, at a 1x size that takes some tens of milliseconds. */
export const SUPERLINEAR: Shape[] = [
  {
    name: 'the Kamervragen header pattern on "Vragen van het lid a aan b over c " repeated',
    file: KAMERVRAGEN_FILE,
    make: (n) => kamervragen('\nVraag 1\nIs dit zo?\nAntwoord 1\nJa.\n', 'Vragen van het lid a aan b over c '.repeat(3000 * n)),
  },
  {
    name: 'tailToken on a word hyphenated over thousands of lines',
    file: KAMERVRAGEN_FILE,
    make: (n) => kamervragen(`Vraag 1\nIs dit zo?\nAntwoord 1\n${'woordje-\n'.repeat(3000 * n)}eind.\n`),
  },
  {
    name: 'parseAskers on a long asker name without a party',
    file: KAMERVRAGEN_FILE,
    make: (n) => kamervragen('Vraag 1\nIs dit zo?\nAntwoord 1\nJa.\n', `Vragen van het lid ${'K'.repeat(400000 * n)} aan de Minister van Financiën over iets (ingezonden 1 maart 2024).\n`),
  },
  {
    name: '"Antwoord 1" repeated',
    file: KAMERVRAGEN_FILE,
    make: (n) => kamervragen(`Vraag 1\nIs dit zo?\n${'Antwoord 1\nJa.\n'.repeat(2400 * n)}`),
  },
  {
    name: 'Vraag/Antwoord pairs',
    file: KAMERVRAGEN_FILE,
    make: (n) => kamervragen(Array.from({ length: 800 * n }, (_, i) => `Vraag ${(i % 999) + 1}\nIs dit zo, minister?\nAntwoord ${(i % 999) + 1}\nJa, dat is zo.\n`).join('')),
  },
  {
    name: 'alternating footers in a nota',
    file: NOTA_FILE,
    make: (n) =>
      NOTA_HEAD +
      Array.from(
        { length: 400 * n },
        (_, i) =>
          `De leden van de VVD-fractie vragen of de regering dit wil toelichten.\n Tweede Kamer, vergaderjaar 2023–2024, 36 450, nr. 6 ${i + 2}\n Antwoord:\nDe regering licht dit graag toe.\nTweede Kamer, vergaderjaar 2023–2024, 36 450, nr. 6\n\n${i + 3}\n\n`,
      ).join(''),
  },
  {
    // flat.ts's heading pattern ran its variable-length lookbehind at every position of a white-space run.
    name: 'flattened text with a long run of spaces (flat.ts heading lookbehind)',
    file: KAMERVRAGEN_FILE,
    make: (n) => flatten(kamervragen(`Vraag 1 Is dit zo, minister? Antwoord 1 Ja, dat is zo.${' '.repeat(400_000 * n)}Vraag 2 En dat? Antwoord 2 Nee.`)) + ' Dit is het einde van de tekst.'.repeat(60),
  },
  {
    // ... and read a margin number's list to its end from every number in it.
    name: 'flattened text with a long list "1  en  1  en …" (flat.ts margin numbers)',
    file: KAMERVRAGEN_FILE,
    make: (n) => flatten(kamervragen(`Vraag 1 Is dit zo, minister? Antwoord 1 Ja, dat is zo. Zie  ${'1  en  '.repeat(2000 * n)}Vraag 2 En dat? Antwoord 2 Nee.`)),
  },
  {
    name: '"Vragen 1 t/m 999" headings',
    file: KAMERVRAGEN_FILE,
    make: (n) => kamervragen(`Vraag 1\nIs dit zo?\n${'Vragen 1 t/m 999\nIs dit zo?\nAntwoord 1\nJa.\n'.repeat(600 * n)}`),
  },
];

/** Milliseconds of one call: on the clock, and of this process's CPU (user + system, all its threads). */
function timed(f: () => void): { wall: number; cpu: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  f();
  const wall = performance.now() - t;
  const used = process.cpuUsage(c);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

/**
 * Time at 1x and 8x (after a warm-up at 1x), each the fastest of three runs taken in turns, so
 * that a burst of other work on the machine does not land on one size only; the ratio, printed.
 * The ratio is of CPU time: on a shared machine (load 20 on 2 cores while the other sessions test)
 * the clock measures the scheduler as much as the reader, and gave ratios of 10-14 for inputs whose
 * CPU time grows 8-fold. The clock's ratio is printed beside it.
 */
export function growth(label: string, run: (n: number) => void): { t1: number; t8: number; ratio: number } {
  run(1); // warm-up: compile, caches
  let t1 = Infinity;
  let t8 = Infinity;
  let w1 = Infinity;
  let w8 = Infinity;
  for (let r = 0; r < 3; r++) {
    const a = timed(() => run(1));
    const b = timed(() => run(8));
    t1 = Math.min(t1, a.cpu);
    t8 = Math.min(t8, b.cpu);
    w1 = Math.min(w1, a.wall);
    w8 = Math.min(w8, b.wall);
  }
  const ratio = t8 / t1;
  console.log(`${label}: CPU 1x ${t1.toFixed(0)} ms, 8x ${t8.toFixed(0)} ms, ratio ${ratio.toFixed(1)} (clock: ${w1.toFixed(0)} ms, ${w8.toFixed(0)} ms, ratio ${(w8 / w1).toFixed(1)})`);
  return { t1, t8, ratio };
}

/**
 * The 8x/1x ratio, measured again (up to three times) while it is over the bound: a burst of
 * other work on a shared machine can spoil one measurement, but not every one of them, while
 * quadratic time (a ratio of 64) stays over the bound each time.
 */
export function linearGrowth(label: string, run: (n: number) => void): { t1: number; t8: number; ratio: number } {
  let best = { t1: NaN, t8: NaN, ratio: Infinity };
  for (let attempt = 1; attempt <= 3 && best.ratio >= RATIO_BOUND; attempt++) {
    const measured = growth(`${label} (measurement ${attempt})`, run);
    if (measured.ratio < best.ratio) best = measured;
  }
  return best;
}

/** The measured ratios as a table, one row per shape (printed by the regression tests). */
export function ratioTable(rows: readonly { name: string; t1: number; t8: number; ratio: number }[]): string {
  const width = Math.max(5, ...rows.map((r) => r.name.length));
  const line = (a: string, b: string, c: string, d: string): string => `${a.padEnd(width)}  ${b.padStart(9)}  ${c.padStart(9)}  ${d.padStart(5)}`;
  return [line('shape', 'CPU 1x ms', 'CPU 8x ms', '8x/1x'), ...rows.map((r) => line(r.name, r.t1.toFixed(0), r.t8.toFixed(0), r.ratio.toFixed(1))), `(bound ${RATIO_BOUND}: linear time gives about 8, quadratic 64)`].join(
    '\n',
  );
}

/**
 * The bound on the 8x/1x ratio: linear time gives about 8, quadratic 64; the
 * margin above 8 absorbs garbage collection and the other work on a shared machine.
 */
export const RATIO_BOUND = 16;
