/**
 * Footnotes of a text with no page furniture at all (a web or Word copy, an
 * export): the bodies are collected at the end under "Noten", or stand inline
 * as a paragraph of their own ("3 Kamerstuk 36 410 VI, nr. 26") after the
 * paragraph whose marker they explain. The page layout reader finds neither,
 * as no page footer bounds them; this pass takes them out of the running
 * text. Markers stay where they are, glued to the word ("vragen3").
 */
import type { FootnoteBody, Layout } from './layout.js';
import { lineAt, type Line } from './lines.js';

const NOTES_HEADING = /^(?:Noten|Voetnoten|Eindnoten)\s*:?$/i;
/** "1 Kamerstuk …", "1. Kamerstuk …", "[1] Kamerstuk …", "1) …". */
const ENTRY = /^(?:\[(\d{1,3})\]|(\d{1,3})[.)]?)\s+(?=\S)/;

function entry(text: string): { number: number; cut: number } | null {
  const m = ENTRY.exec(text);
  if (!m) return null;
  return { number: Number(m[1] ?? m[2]), cut: m[0].length };
}

function body(line: Line, cut: number): Line {
  return { ...line, text: line.text.slice(cut).trim(), textStart: line.textStart + cut };
}

/**
 * A marker for note n in the running text before `before`: glued ("vragen3", "gaan?3", "2019.3"),
 * in brackets ("[3]"), or as the Word version prints it after a space ("voldoen? 3)" ending its
 * line, "bij het UWV 3) ook").
 */
function markerBefore(lines: readonly Line[], before: number, n: number): boolean {
  const glued = new RegExp(`(?:[\\p{Ll}.,;:?!)’”»]${n}|\\[${n}\\])(?!\\d)|[\\p{L}.,;:?!’'”»] ${n}\\)(?:\\s*$| \\p{Ll})`, 'u');
  return lines.slice(0, before).some((l) => glued.test(l.text));
}

/** Take footnote bodies out of a layout without page furniture; a layout that has footnotes or a page footer is returned as it is. */
export function collectNotes(layout: Layout): Layout {
  if (layout.footnotes.length > 0 || layout.footer !== null) return layout;
  const lines = layout.content;
  const removed = new Set<number>();
  const footnotes: FootnoteBody[] = [];

  // Notes collected at the end under "Noten".
  let heading = -1;
  for (let i = lines.length - 1; i >= lines.length / 3; i--) {
    if (NOTES_HEADING.test(lineAt(lines, i).text)) {
      heading = i;
      break;
    }
  }
  if (heading >= 0) {
    let current: Line[] | null = null;
    for (const l of lines.slice(heading + 1)) {
      if (l.text === '') continue;
      const e = entry(l.text);
      if (e && e.number === footnotes.length + 1) {
        current = [body(l, e.cut)];
        footnotes.push({ number: e.number, lines: current });
      } else if (current) current.push(l);
      else break;
    }
    if (footnotes.length > 0) for (let i = heading; i < lines.length; i++) removed.add(i);
  }

  // Notes inline: a paragraph of its own that opens with the next note's number, its marker glued earlier.
  if (footnotes.length === 0) {
    for (let i = 1; i < lines.length; i++) {
      const l = lineAt(lines, i);
      if (lineAt(lines, i - 1).text !== '') continue;
      const e = entry(l.text);
      if (!e || e.number !== footnotes.length + 1 || /^(?:Vra(?:ag|gen)|Antwoord|Reactie)\b/.test(l.text.slice(e.cut)) || !markerBefore(lines, i, e.number)) continue;
      const fn: Line[] = [body(l, e.cut)];
      removed.add(i);
      let j = i + 1;
      for (let next = lines[j]; next !== undefined && next.text !== ''; next = lines[++j]) {
        fn.push(next);
        removed.add(j);
      }
      footnotes.push({ number: e.number, lines: fn });
      i = j;
    }
  }
  if (footnotes.length === 0) return layout;
  return { ...layout, content: lines.filter((_, i) => !removed.has(i)), footnotes };
}
