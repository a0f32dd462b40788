/**
 * Running text with its citations, mentions and cross-references made into
 * links where their printed text stands. The data records each occurrence's
 * printed text in document order; each is found from where the previous one
 * of its kind was found, and overlapping anchors keep the first kind listed.
 */
import { escapeHtml } from '../html.js';

export interface Anchor {
  /** The text as printed ("Kamerstuk 22 054, nr. 395", "NPV"). */
  text: string;
  /** The opening tag to put around it. */
  open: string;
  /** Shown as a small extra link when another anchor already holds the same printed text (a joint citation). */
  short?: string;
  /** HTML put right after the link (the official publication of a cited paper). */
  after?: string;
}

export interface Placed {
  html: string;
  /** Anchors whose printed text was not found in the text. */
  missing: Anchor[];
}

/** Place anchors of several kinds (highest priority first) into `text`; returns escaped HTML. */
export function annotate(text: string, kinds: Anchor[][]): Placed {
  const taken: {
    start: number;
    end: number;
    open: string;
    after?: string;
    extra: Anchor[];
  }[] = [];
  const missing: Anchor[] = [];
  const free = (at: number, length: number) => !taken.some((t) => at < t.end && at + length > t.start);
  for (const anchors of kinds) {
    let cursor = 0;
    for (const a of anchors) {
      if (a.text === '') continue;
      let at = text.indexOf(a.text, cursor);
      while (at >= 0 && !free(at, a.text.length)) at = text.indexOf(a.text, at + 1);
      // Out of order (a footnote's citation counted for the text, say): look from the start.
      if (at < 0) {
        at = text.indexOf(a.text);
        while (at >= 0 && !free(at, a.text.length)) at = text.indexOf(a.text, at + 1);
      }
      if (at < 0) {
        // The same printed text naming a second paper ("Kamerstukken 30 196 en 31 793, nr. 708"): one more link beside it.
        const same = a.short !== undefined ? taken.find((t) => text.slice(t.start, t.end) === a.text) : undefined;
        if (same) same.extra.push(a);
        else missing.push(a);
        continue;
      }
      taken.push({
        start: at,
        end: at + a.text.length,
        open: a.open,
        after: a.after,
        extra: [],
      });
      cursor = at + a.text.length;
    }
  }
  taken.sort((a, b) => a.start - b.start);
  let html = '';
  let pos = 0;
  for (const t of taken) {
    html += escapeHtml(text.slice(pos, t.start)) + t.open + escapeHtml(text.slice(t.start, t.end)) + '</a>' + (t.after ?? '');
    for (const x of t.extra) html += `<sup> ${x.open}${escapeHtml(x.short ?? '')}</a>${x.after ?? ''}</sup>`;
    pos = t.end;
  }
  html += escapeHtml(text.slice(pos));
  return { html, missing };
}
