/**
 * Web pages through the HTML reader (issue 9 item 1), stating what is read: the official
 * publication platform's HTML of ah-tk-20202021-3235 (repository.overheid.nl's html
 * manifestation, ../shared/samples/html, see PROVENANCE.md) and of kst-32545-143, a motion.
 * ../shared holds no saved page of the Tweede Kamer site (PROVENANCE.md lists tweedekamer.nl
 * pages only as pointers, "not saved"), so no test here can state facts about that markup.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../src/errors.js';
import { readDocument } from '../src/read.js';
import { sharedDir } from './helpers.js';

const html = path.join(sharedDir, 'samples', 'html');
const page = path.join(html, 'ah-tk-20202021-3235.repository.html');
const motion = path.join(html, 'kst-32545-143.repository.html');
const present = existsSync(page) && existsSync(motion);
if (!present) console.warn(`html-platform.test: skipped: ${html} is missing (the shared materials sit beside the clone)`);

describe.skipIf(!present)("the publication platform's HTML (repository.overheid.nl)", () => {
  it('ah-tk-20202021-3235: three askers of D66 from "Vragen van de leden Van Weyenberg, Romke de Jong en Kat (allen D66)"', async () => {
    const d = await readDocument(page);
    expect([d.source.format, d.rendering]).toEqual(['html', 'HTML page']);
    expect(d.askers).toEqual([
      { name: 'Van Weyenberg', faction: 'D66' },
      { name: 'Romke de Jong', faction: 'D66' },
      { name: 'Kat', faction: 'D66' },
    ]);
    expect(d.factions).toEqual(['D66']);
    expect(d.addressees).toEqual(['Minister van Sociale Zaken en Werkgelegenheid']);
    expect(d.answeredBy).toEqual(['Minister Koolmees']);
  });

  it('ah-tk-20202021-3235: 9 question blocks, each answered by the answer of its number, all of D66; the id from DC.identifier', async () => {
    const d = await readDocument(page);
    expect(d.id).toBe('ah-tk-20202021-3235');
    expect([d.genre, d.stage, d.vergaderjaar, d.ondernummer]).toEqual(['kamervragen', 'answers', '2020-2021', '3235']);
    expect(d.blocks).toHaveLength(9);
    expect(d.blocks.map((b) => b.answer?.numbers ?? [])).toEqual(d.blocks.map((b) => b.numbers));
    expect(d.blocks.every((b) => b.faction === 'D66' && b.questionText.length > 0 && (b.answer?.text.length ?? 0) > 0)).toBe(true);
  });

  it('kst-32545-143 (a motion, "Motie van de leden Inge van Dijk en Grinwis") is refused, naming the file and what was looked for', async () => {
    const error = await readDocument(motion).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IngestError);
    expect((error as Error).message).toMatch(/kst-32545-143\.repository\.html:1: not a written-consultation paper this tool reads: looked for Kamervragen/);
  });
});
