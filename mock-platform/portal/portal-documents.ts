import { escapeHtml as html } from '../../interop/html/escape-html.js';
import { confidentialityCode } from '../../interop/value-sets/index.js';
import { childElements, firstChild } from '../../interop/xml/dom.js';
import { XML_NS } from '../../interop/xml/namespaces.js';
import { parseXml } from '../../interop/xml/safe-parse.js';
import { newUrnUuid, type DocumentEntry } from '../../interop/xds/index.js';
import { patientPortalRecord, type AuditLog } from '../audit/audit-log.js';
import type { DocumentAccess } from '../rules/document-access.js';
import type { Viewer } from '../rules/document-visibility.js';
import type { ContentStore } from '../store/content-store.js';
import type { StoredDocument } from '../store/document-store.js';

const HL7 = XML_NS.hl7;

/** A document of hers the viewer sees, by its uniqueId; undefined when there is none (or it is hidden from him). */
export function visibleDocument(
  access: DocumentAccess,
  matricule: string,
  viewer: Viewer,
  uniqueId: string,
): StoredDocument | undefined {
  return access.listFor(matricule, viewer).find((document) => document.entry.uniqueId === uniqueId);
}

const isMask = (code: { readonly code: string }): boolean => code.code === 'MASQUE_PS';

/** Whether the document is masked to professionals (MASQUE_PS). */
export function isMasked(entry: DocumentEntry): boolean {
  return entry.confidentialityCodes.some(isMask);
}

/**
 * The patient masks one of her documents to professionals (MASQUE_PS), or shows it again, from her portal: a
 * new metadata version, as ITI-57 makes one, the previous version Deprecated. Her author still sees it.
 */
export function setMaskedByPatient(
  deps: { readonly access: DocumentAccess; readonly audit: AuditLog; readonly now: () => Date },
  matricule: string,
  document: StoredDocument,
  masked: boolean,
  actor: 'PATIENT' | 'REPRESENTANT_LEGAL',
): void {
  const { entry } = document;
  if (isMasked(entry) !== masked) {
    const entryUUID = newUrnUuid();
    const next: DocumentEntry = {
      ...entry,
      entryUUID,
      version: String(Number(entry.version ?? '1') + 1),
      confidentialityCodes: masked
        ? [...entry.confidentialityCodes, confidentialityCode('MASQUE_PS')]
        : entry.confidentialityCodes.filter((code) => !isMask(code)),
    };
    const at = deps.now().toISOString();
    deps.access.documents.transaction(() => {
      deps.access.documents.setStatus(entry.entryUUID, 'Deprecated');
      deps.access.documents.insertDocument({ ...document, entry: next, submittedBy: matricule, submittedAt: at });
    });
  }
  deps.audit.append(
    patientPortalRecord(actor, matricule, masked ? 'portail.masquer-document' : 'portail.demasquer-document'),
  );
}

/** What the portal's viewer shows of a document: text it wrote itself, or the PDF the document carries. */
export type PortalRendering =
  { readonly kind: 'html'; readonly body: string } | { readonly kind: 'pdf'; readonly content: Buffer };

/**
 * The portal's sanitized viewer: the document's title and its body as text the portal escapes — a text body
 * as it is, a structured body section by section (titles and their text only), an embedded PDF returned to be
 * served in a sandbox. Nothing of the document's own markup, links or styles ever reaches the page.
 */
export function renderForPatient(content: ContentStore, document: StoredDocument): PortalRendering {
  const bytes = content.read(document.sha256);
  const root = parseXml(bytes.toString('utf8')).documentElement;
  const component = root && firstChild(root, HL7, 'component');
  const nonXml = component && firstChild(component, HL7, 'nonXMLBody');
  if (nonXml) {
    const text = firstChild(nonXml, HL7, 'text');
    const raw = text?.textContent ?? '';
    const decoded =
      text?.getAttribute('representation') === 'B64'
        ? Buffer.from(raw.replace(/\s+/g, ''), 'base64')
        : Buffer.from(raw, 'utf8');
    if ((text?.getAttribute('mediaType') ?? '').toLowerCase() === 'application/pdf')
      return { kind: 'pdf', content: decoded };
    return { kind: 'html', body: `<pre>${html(decoded.toString('utf8'))}</pre>` };
  }
  const structured = component && firstChild(component, HL7, 'structuredBody');
  const sections = (structured ? childElements(structured, HL7, 'component') : [])
    .flatMap((c) => childElements(c, HL7, 'section'))
    .map((section) => {
      const title = firstChild(section, HL7, 'title')?.textContent?.trim() ?? '';
      const text = firstChild(section, HL7, 'text')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      return `<section><h2>${html(title)}</h2><p>${html(text)}</p></section>`;
    });
  return { kind: 'html', body: sections.join('\n') || '<p>Ce document ne contient pas de texte affichable.</p>' };
}
