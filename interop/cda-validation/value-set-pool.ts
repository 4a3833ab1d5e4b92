import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import SaxonJS from 'saxon-js';

import type { SaxonDocument } from './run-schematron.js';

/** A string literal of a compiled stylesheet (SEF), as SaxonJS writes it. */
const LITERAL = /"val":"([^"\\]*)"/g;
const BASE_URI = /"baseUri":"([^"\\]*)"/;

/**
 * The files a compiled schematron may open with `doc()`: its literals that name an XML or RDF file, resolved
 * against the stylesheet's base and against each of its literals that name a folder (the rules build some
 * paths as `concat($folder, 'file.xml')`). Only files that exist are kept.
 */
export function documentsNamedIn(sefText: string): string[] {
  const base = BASE_URI.exec(sefText)?.[1];
  if (base === undefined) return [];
  const literals = [...sefText.matchAll(LITERAL)].map((m) => m[1] as string);
  const folders = [base, ...literals.filter((l) => l.endsWith('/') && l.length > 1).map((l) => resolve(l, base))];
  const found = new Set<string>();
  for (const name of literals.filter((l) => /[^/]\.(xml|rdf)$/.test(l))) {
    for (const folder of folders) {
      const uri = resolve(name, folder);
      if (uri !== undefined && isFile(uri)) found.add(uri);
    }
  }
  return [...found];
}

function resolve(relative: string, base: string | undefined): string | undefined {
  if (base === undefined) return undefined;
  try {
    return new URL(relative, base).href;
  } catch {
    return undefined;
  }
}

function isFile(uri: string): boolean {
  if (!uri.startsWith('file:')) return false;
  const path = fileURLToPath(uri);
  return existsSync(path) && statSync(path).isFile();
}

/**
 * The value sets the rules open, parsed once and handed to every run as SaxonJS's document pool: without it,
 * each run parses again each value set its rules open (a transformation's documents live only as long as it).
 */
export class ValueSetPool {
  private readonly documents: Record<string, SaxonDocument> = {};

  /** Parses the files named by a compiled schematron that the pool does not hold yet. */
  async add(sefText: string): Promise<void> {
    for (const uri of documentsNamedIn(sefText)) {
      if (uri in this.documents) continue;
      this.documents[uri] = await SaxonJS.getResource({ file: fileURLToPath(uri), type: 'xml' });
    }
  }

  /** The pool as SaxonJS takes it (absolute URI → document). */
  get entries(): Readonly<Record<string, SaxonDocument>> {
    return this.documents;
  }
}
