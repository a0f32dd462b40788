/**
 * The published normalised source text of a paper and positions in it.
 *
 * The model's spans count UTF-16 code units of the decoded text; published
 * selectors count Unicode code points (Web Annotation's TextPositionSelector),
 * so an emoji or other astral character before a span does not shift it.
 */
import { createHash } from 'node:crypto';
import type { Span } from '../../model.js';

/** How many code points of context a TextQuoteSelector carries on each side. */
export const QUOTE_CONTEXT = 32;

export class SourceIndex {
  /** SHA-256 (hex) of the text as published (UTF-8). */
  readonly sha256: string;
  /** Length in code points. */
  readonly codePoints: number;
  /** Sorted UTF-16 indices of low surrogates (each one is not a code point of its own). */
  private readonly lows: number[] = [];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
        const h = text.charCodeAt(i - 1);
        if (h >= 0xd800 && h <= 0xdbff) this.lows.push(i);
      }
    }
    this.codePoints = text.length - this.lows.length;
    this.sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  }

  /** The code-point offset of a UTF-16 offset. */
  cp(utf16: number): number {
    // Low surrogates strictly before utf16 (binary search).
    let lo = 0;
    let hi = this.lows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.lows[mid] ?? Infinity) < utf16) lo = mid + 1;
      else hi = mid;
    }
    return utf16 - lo;
  }

  /** Does the span lie within the text? */
  contains(span: Span): boolean {
    return span.start >= 0 && span.end <= this.text.length && span.start <= span.end;
  }

  /** The quote of a span: the exact text and up to QUOTE_CONTEXT code points before and after. */
  quote(span: Span): { exact: string; prefix: string; suffix: string } {
    const exact = this.text.slice(span.start, span.end);
    const before = [...this.text.slice(Math.max(0, span.start - 2 * QUOTE_CONTEXT), span.start)];
    const after = [...this.text.slice(span.end, span.end + 2 * QUOTE_CONTEXT)];
    return { exact, prefix: before.slice(-QUOTE_CONTEXT).join(''), suffix: after.slice(0, QUOTE_CONTEXT).join('') };
  }
}

/** Slice a text by code-point offsets (what a consumer of the published selectors does). */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return [...text].slice(start, end).join('');
}
