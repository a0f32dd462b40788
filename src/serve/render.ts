/**
 * The handlers' interface to page rendering: everything a person sees as HTML
 * goes through a PageRenderer, so pages can be redesigned (src/serve/pages/**,
 * html.ts, ui.ts) without touching routing or the endpoint.
 */
import type { Quad } from '@rdfjs/types';
import { escapeHtml, page, renderOntology, renderResource, type ResourceView } from './html.js';
import { uiPage, type ExampleQuery } from './ui.js';

export type { ResourceView, ExampleQuery };

export interface HomeInfo {
  quads: number;
  timeoutS: number;
  maxResults: number;
}

export interface PageRenderer {
  /** The query UI at "/". */
  home(examples: ExampleQuery[], info: HomeInfo): string;
  /** A resource's description (dereferenced IRIs, the dataset description and its parts). */
  resource(view: ResourceView): string;
  /** The ontology at /def. */
  ontology(quads: Quad[], iri: string): string;
  /** An error for a client that asked for HTML. */
  error(status: number, message: string): string;
}

export const defaultRenderer: PageRenderer = {
  home: (examples, info) => uiPage(examples, info),
  resource: (view) => renderResource(view),
  ontology: (quads, iri) => renderOntology(quads, iri),
  error: (status, message) => page(`${status}`, `<h1>${status}</h1><p>${escapeHtml(message)}</p>`),
};
