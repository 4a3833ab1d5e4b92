import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve, isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { parseXml } from '../../xml/safe-parse.js';
import { treeOf, type XDocument } from './tree.js';

/** Where the native rules read the documents they open (`doc()`, `document()`): their value sets. */
export interface DocumentSource {
  /** The URI relative paths of the rules resolve against: the schematron's place in the kit. */
  readonly baseUri: string;
  document(uri: string): XDocument | undefined;
}

/**
 * The kit's files as the rules open them, each parsed once and kept for every document and schematron. Only
 * files inside the kit's folder are read: a path built from a document's values (a code system, a unit) cannot
 * make the rules open anything else, and such a file is, for the rules, not available.
 */
export class KitDocuments {
  private readonly parsed = new Map<string, XDocument>();
  private readonly root: string;

  constructor(kitDir: string) {
    this.root = resolve(kitDir);
  }

  /** The source of one schematron, given by its path below `schematrons/`. */
  forSchematron(schematron: string): DocumentSource {
    const baseUri = pathToFileURL(resolve(this.root, 'schematrons', schematron)).href;
    return { baseUri, document: (uri) => this.document(uri) };
  }

  document(uri: string): XDocument | undefined {
    let found = this.parsed.get(uri);
    if (found === undefined) {
      found = this.read(uri);
      // Only the kit's files are kept: a path the document's values made up, and found nothing, is not.
      if (found !== undefined) this.parsed.set(uri, found);
    }
    return found;
  }

  private read(uri: string): XDocument | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const path = fileURLToPath(uri);
    const inside = relative(this.root, path);
    if (inside.startsWith('..') || isAbsolute(inside)) return undefined;
    if (!existsSync(path) || !statSync(path).isFile()) return undefined;
    try {
      return treeOf(parseXml(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')));
    } catch {
      return undefined;
    }
  }
}
