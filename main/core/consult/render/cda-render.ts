import type { Element, Node } from '@xmldom/xmldom';

import { PasserelleError } from '../../../../api/errors/index.js';
import { XML_NS } from '../../../../interop/xml/namespaces.js';
import { parseXml } from '../../../../interop/xml/safe-parse.js';
import { el, join, page, text, type Html } from './html-writer.js';

const HL7 = XML_NS.hl7;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;

/** What a document becomes on screen: our own HTML, or the bytes of a level 1 document to open as they are. */
export type RenderedDocument =
  | { readonly kind: 'html'; readonly html: string }
  | { readonly kind: 'pdf'; readonly content: Buffer }
  | { readonly kind: 'file'; readonly mimeType: string; readonly content: Buffer };

/** What the registry says of the document, shown in the header block (the CDA does not carry the DMP's flags). */
export interface RenderContext {
  readonly uniqueId: string;
  readonly visibility?: readonly string[];
}

const VISIBILITY_LABELS: Readonly<Record<string, string>> = {
  MASQUE_PS: 'masqué aux professionnels / masked from professionals',
  INVISIBLE_PATIENT: 'invisible pour le patient / hidden from the patient',
  INVISIBLE_REPRESENTANTS_LEGAUX: 'invisible pour les représentants légaux / hidden from legal representatives',
};

function kids(parent: Element | undefined, name: string): Element[] {
  if (!parent) return [];
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (
      node.nodeType === ELEMENT_NODE &&
      (node as Element).namespaceURI === HL7 &&
      (node as Element).localName === name
    )
      out.push(node as Element);
  }
  return out;
}

const kid = (parent: Element | undefined, ...path: string[]): Element | undefined =>
  path.reduce<Element | undefined>((at, name) => kids(at, name)[0], parent);

function textContent(node: Element | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A TS (`YYYYMMDDhhmmss+zzzz`) as `YYYY-MM-DD hh:mm`, as precise as given. */
function displayTime(value: string | null | undefined): string {
  const match = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?/.exec(value ?? '');
  if (!match) return '';
  const [, y, mo, d, h, mi] = match;
  return `${y}${mo ? `-${mo}` : ''}${d ? `-${d}` : ''}${h ? ` ${h}:${mi ?? '00'}` : ''}`;
}

function personName(name: Element | undefined): string {
  if (!name) return '';
  const parts = [...kids(name, 'prefix'), ...kids(name, 'given'), ...kids(name, 'family')]
    .map(textContent)
    .filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : textContent(name);
}

/**
 * Renders a document retrieved from the record. A PDF stays a PDF; a level 1 CDA gives back its embedded
 * file (a PDF, or a text shown as HTML); a structured CDA becomes HTML written by us from its header and
 * narrative blocks. The XML is read by the safe parser: a DTD or an entity is refused, never expanded.
 */
export function renderDocument(content: Buffer, mimeType: string, context: RenderContext): RenderedDocument {
  const unrenderable = (reason: string) =>
    new PasserelleError('DOCUMENT_NOT_RENDERABLE', { uniqueId: context.uniqueId, reason });
  if (mimeType === 'application/pdf') {
    if (content.subarray(0, 5).toString('latin1') !== '%PDF-')
      throw unrenderable('PDF sans en-tête %PDF- / PDF without a %PDF- header');
    return { kind: 'pdf', content };
  }
  if (!/xml/i.test(mimeType)) throw unrenderable(`type ${mimeType}`);
  const xml = content.toString('utf8');
  // A byte-order mark is not markup: the ANS examples saved by Windows editors start with one.
  const doc = parseXml(xml.startsWith('\uFEFF') ? xml.slice(1) : xml);
  const root = clinicalDocument(doc.documentElement!);
  if (!root) throw unrenderable('pas un document CDA / not a CDA document');

  const body = kid(root, 'component', 'nonXMLBody') ?? kid(root, 'component', 'structuredBody');
  if (!body) throw unrenderable('corps absent / no body');
  const header = headerBlock(root, context);
  const title = textContent(kid(root, 'title')) || textContent(kid(root, 'code'));

  if (body.localName === 'nonXMLBody') {
    const embedded = kid(body, 'text');
    if (!embedded) throw unrenderable('nonXMLBody sans texte / nonXMLBody without text');
    if (kid(embedded, 'reference')) throw unrenderable('référence externe / external reference');
    const media = (embedded.getAttribute('mediaType') ?? 'text/plain').toLowerCase();
    const representation = embedded.getAttribute('representation') ?? 'TXT';
    const raw = embedded.textContent ?? '';
    let bytes: Buffer;
    if (representation === 'B64') {
      const compact = raw.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw unrenderable('base64 invalide / invalid base64');
      bytes = Buffer.from(compact, 'base64');
    } else {
      bytes = Buffer.from(raw, 'utf8');
    }
    if (media === 'application/pdf') return renderDocument(bytes, 'application/pdf', context);
    if (media === 'text/plain') {
      return { kind: 'html', html: page(title, el('article', {}, header, el('pre', {}, bytes.toString('utf8')))) };
    }
    return { kind: 'file', mimeType: media, content: bytes };
  }

  const sections = kids(body, 'component').flatMap((component) =>
    kids(component, 'section').map((section) => sectionBlock(section, 2)),
  );
  return { kind: 'html', html: page(title, el('article', {}, header, ...sections)) };
}

const XSLT = XML_NS.xsl;

/**
 * The CDA element: the root, or the one CDA an "auto-présentable" file (an XSLT stylesheet carrying its
 * document, as in two ANS examples) embeds. The stylesheet itself is never applied: we render the CDA.
 */
function clinicalDocument(root: Element): Element | undefined {
  if (root.namespaceURI === HL7 && root.localName === 'ClinicalDocument') return root;
  if (root.namespaceURI !== XSLT) return undefined;
  const embedded = root.getElementsByTagNameNS(HL7, 'ClinicalDocument');
  return embedded.length === 1 ? embedded[0] : undefined;
}

function headerBlock(root: Element, context: RenderContext): Html {
  const code = kid(root, 'code');
  const type = code?.getAttribute('displayName') ?? code?.getAttribute('code') ?? '';
  const rows: [string, string][] = [['Type', type]];
  rows.push(['Date du document / document date', displayTime(kid(root, 'effectiveTime')?.getAttribute('value'))]);
  const event = kid(root, 'documentationOf', 'serviceEvent', 'effectiveTime');
  const low = displayTime(kid(event, 'low')?.getAttribute('value'));
  const high = displayTime(kid(event, 'high')?.getAttribute('value'));
  if (low || high) rows.push(['Acte / service', [low, high].filter(Boolean).join(' → ')]);
  for (const author of kids(root, 'author')) {
    const assigned = kid(author, 'assignedAuthor');
    const name =
      personName(kid(assigned, 'assignedPerson', 'name')) ||
      textContent(kid(assigned, 'assignedAuthoringDevice', 'softwareName'));
    const organization = textContent(kid(assigned, 'representedOrganization', 'name'));
    const when = displayTime(kid(author, 'time')?.getAttribute('value'));
    rows.push(['Auteur / author', [name, organization, when].filter(Boolean).join(' — ')]);
  }
  const legal = personName(kid(root, 'legalAuthenticator', 'assignedEntity', 'assignedPerson', 'name'));
  if (legal) rows.push(['Responsable / legal authenticator', legal]);
  const patient = kid(root, 'recordTarget', 'patientRole', 'patient');
  if (patient)
    rows.push([
      'Patient',
      [personName(kid(patient, 'name')), displayTime(kid(patient, 'birthTime')?.getAttribute('value'))]
        .filter(Boolean)
        .join(' — '),
    ]);
  const confidentiality = kid(root, 'confidentialityCode')?.getAttribute('code');
  if (confidentiality) rows.push(['Confidentialité / confidentiality', confidentiality]);
  const visibility = (context.visibility ?? []).map((code) => VISIBILITY_LABELS[code] ?? code);
  rows.push(['Visibilité / visibility', visibility.length > 0 ? visibility.join(' ; ') : 'normale / normal']);
  const title = textContent(kid(root, 'title')) || type;
  return el(
    'header',
    {},
    el('h1', {}, title),
    el(
      'dl',
      {},
      ...rows
        .filter(([, value]) => value !== '')
        .flatMap(([label, value]) => [el('dt', {}, label), el('dd', {}, value)]),
    ),
  );
}

function sectionBlock(section: Element, depth: number): Html {
  const heading = `h${Math.min(depth, 6)}`;
  const title =
    textContent(kid(section, 'title')) ||
    section.getElementsByTagNameNS(HL7, 'code')[0]?.getAttribute('displayName') ||
    '';
  const narrative = kid(section, 'text');
  const nested = kids(section, 'component').flatMap((component) =>
    kids(component, 'section').map((s) => sectionBlock(s, depth + 1)),
  );
  return el(
    'section',
    {},
    ...(title ? [el(heading, {}, title)] : []),
    ...(narrative ? [el('div', {}, narrativeOf(narrative))] : []),
    ...nested,
  );
}

/** CDA narrative styleCode tokens we show, as our own class names. */
const STYLE_CLASSES: Readonly<Record<string, string>> = {
  Bold: 'sc-bold',
  Italics: 'sc-italics',
  Underline: 'sc-underline',
};

function classesOf(element: Element): string | undefined {
  const classes = (element.getAttribute('styleCode') ?? '')
    .split(/\s+/)
    .flatMap((token) => (STYLE_CLASSES[token] ? [STYLE_CLASSES[token]] : []));
  return classes.length > 0 ? classes.join(' ') : undefined;
}

/** The narrative block (CDA R2 NarrativeBlock.xsd) mapped tag by tag to inert HTML; anything else keeps only its text. */
function narrativeOf(parent: Node): Html {
  const parts: Html[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_NODE) {
      parts.push(text(node.nodeValue ?? ''));
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const element = node as Element;
    const inner = () => narrativeOf(element);
    const cls = classesOf(element);
    const cell = {
      colspan: element.getAttribute('colspan') ?? undefined,
      rowspan: element.getAttribute('rowspan') ?? undefined,
      class: cls,
    };
    switch (element.namespaceURI === HL7 ? element.localName : '') {
      case 'paragraph':
        parts.push(el('p', { class: cls }, inner()));
        break;
      case 'content':
        parts.push(el('span', { class: cls, id: element.getAttribute('ID') ?? undefined }, inner()));
        break;
      case 'br':
        parts.push(el('br', {}));
        break;
      case 'list':
        parts.push(el(element.getAttribute('listType') === 'ordered' ? 'ol' : 'ul', { class: cls }, inner()));
        break;
      case 'item':
        parts.push(el('li', { class: cls }, inner()));
        break;
      case 'table':
      case 'thead':
      case 'tbody':
      case 'tfoot':
      case 'tr':
      case 'caption':
        parts.push(el(element.localName!, { class: cls }, inner()));
        break;
      case 'th':
      case 'td':
        parts.push(el(element.localName!, cell, inner()));
        break;
      case 'colgroup':
      case 'col':
        parts.push(el(element.localName!, { span: element.getAttribute('span') ?? undefined }, inner()));
        break;
      case 'sub':
      case 'sup':
        parts.push(el(element.localName!, {}, inner()));
        break;
      case 'footnote':
      case 'footnoteRef':
        parts.push(el('small', {}, inner()));
        break;
      case 'linkHtml':
        // Only a link inside the document survives; an external address is shown as text, never followed.
        parts.push(el('a', { href: element.getAttribute('href') ?? undefined }, inner()));
        break;
      case 'renderMultiMedia':
        parts.push(el('span', { class: 'multimedia' }, '[contenu multimédia non affiché / multimedia not shown]'));
        break;
      default:
        parts.push(inner());
    }
  }
  return join(parts);
}
