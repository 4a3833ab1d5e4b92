import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ParseOption, XmlDocument, XmlError, XmlLibError, XsdValidator, xmlRegisterInputProvider } from 'libxml2-wasm';
import { fsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';

import { PasserelleError } from '../../api/errors/index.js';

export interface XsdProblem {
  readonly line?: number;
  readonly message: string;
}

const allowedRoots = new Set<string>();
let providerRegistered = false;

function pathOf(name: string): string {
  return name.startsWith('file:') ? fileURLToPath(name) : resolve(name);
}

/**
 * libxml2 reads the schema's includes through one process-wide provider; it is limited to the folders of
 * the schemas we load, so that nothing else can make libxml2 open a file.
 */
function allowSchemaFolder(folder: string): void {
  allowedRoots.add(resolve(folder) + sep);
  if (providerRegistered) return;
  providerRegistered = xmlRegisterInputProvider({
    ...fsInputProviders,
    match: (name) => {
      const path = pathOf(name);
      return [...allowedRoots].some((root) => path.startsWith(root)) && fsInputProviders.match(name);
    },
  });
}

/** Parse options for documents: no DTD loaded, no entity expanded, no network. */
const DOCUMENT_OPTIONS = ParseOption.XML_PARSE_NONET;

/**
 * The CDA schema, parsed once and kept: building it reads the sixteen files of `infrastructure/cda/` and costs
 * far more than validating a document with it.
 */
export class CdaSchema {
  private constructor(private readonly validator: XsdValidator) {}

  static load(xsdPath: string, folder: string): CdaSchema {
    allowSchemaFolder(folder);
    try {
      const doc = XmlDocument.fromBuffer(readFileSync(xsdPath), { url: xsdPath, option: DOCUMENT_OPTIONS });
      return new CdaSchema(XsdValidator.fromDoc(doc));
    } catch (cause) {
      const reason = cause instanceof XmlLibError ? (cause.details[0]?.message ?? cause.message) : String(cause);
      throw new PasserelleError('CDA_RULES_UNREADABLE', { folder, reason: reason.trim() }, { cause });
    }
  }

  /** The schema's complaints about the document, none when it is valid. */
  validate(xml: string): XsdProblem[] {
    let doc: XmlDocument;
    try {
      doc = XmlDocument.fromString(xml, { option: DOCUMENT_OPTIONS });
    } catch (cause) {
      if (cause instanceof XmlError) return problems(cause);
      throw cause;
    }
    try {
      this.validator.validate(doc);
      return [];
    } catch (cause) {
      if (cause instanceof XmlError) return problems(cause);
      throw cause;
    } finally {
      doc.dispose();
    }
  }
}

function problems(error: XmlError): XsdProblem[] {
  if (!(error instanceof XmlLibError) || error.details.length === 0) return [{ message: error.message.trim() }];
  return error.details.map((d) => ({ line: d.line, message: d.message.trim() }));
}
