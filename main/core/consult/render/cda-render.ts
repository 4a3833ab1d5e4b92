import type { Element, Node } from '@xmldom/xmldom';

import type { CdaHeaderView } from '../../../../api/contract/index.js';
import { PasserelleError } from '../../../../api/errors/index.js';
import { XML_NS } from '../../../../interop/xml/namespaces.js';
import { parseXml } from '../../../../interop/xml/safe-parse.js';
import { el, join, page, text, type Html } from './html-writer.js';

const HL7 = XML_NS.hl7;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;

/** One item of a structured CDA: a top-level section as our HTML page, or a PDF the document embeds. */
export type RenderedSection =
  | { readonly kind: 'html'; readonly title: string; readonly html: string }
  | { readonly kind: 'pdf'; readonly title: string; readonly content: Buffer };

/** A CDA apart: its header as data, its body without the header as one page, and its items one by one. */
export interface RenderedCda {
  readonly header: CdaHeaderView;
  readonly body: string;
  readonly sections: readonly RenderedSection[];
}

/**
 * What a document becomes on screen: our own HTML, or the bytes of a level 1 document to open as they are;
 * a CDA also gives its header (and a structured one its sections) apart.
 */
export type RenderedDocument =
  | { readonly kind: 'html'; readonly html: string; readonly cda?: RenderedCda }
  | { readonly kind: 'pdf'; readonly content: Buffer; readonly header?: CdaHeaderView }
  | { readonly kind: 'file'; readonly mimeType: string; readonly content: Buffer; readonly header?: CdaHeaderView };

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
  const checkedPdf = (bytes: Buffer): Buffer => {
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
      throw unrenderable('PDF sans en-tête %PDF- / PDF without a %PDF- header');
    return bytes;
  };
  if (mimeType === 'application/pdf') return { kind: 'pdf', content: checkedPdf(content) };
  if (!/xml/i.test(mimeType)) throw unrenderable(`type ${mimeType}`);
  const xml = content.toString('utf8');
  // A byte-order mark is not markup: the ANS examples saved by Windows editors start with one.
  const doc = parseXml(xml.startsWith('\uFEFF') ? xml.slice(1) : xml);
  const root = clinicalDocument(doc.documentElement!);
  if (!root) throw unrenderable('pas un document CDA / not a CDA document');

  const body = kid(root, 'component', 'nonXMLBody') ?? kid(root, 'component', 'structuredBody');
  if (!body) throw unrenderable('corps absent / no body');
  const header = headerBlock(root, context);
  const headerView = headerData(root);
  const title = headerView.title;

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
    if (media === 'application/pdf') return { kind: 'pdf', content: checkedPdf(bytes), header: headerView };
    if (media === 'text/plain') {
      const textBody = el('pre', {}, bytes.toString('utf8'));
      return {
        kind: 'html',
        html: page(title, el('article', {}, header, textBody)),
        cda: { header: headerView, body: page(title, el('article', {}, textBody)), sections: [] },
      };
    }
    return { kind: 'file', mimeType: media, content: bytes, header: headerView };
  }

  const topSections = kids(body, 'component').flatMap((component) => kids(component, 'section'));
  const blocks = topSections.map((section) => sectionBlock(section, 2));
  const sections = topSections.flatMap((section, index): RenderedSection[] => {
    const sectionTitle = sectionTitleOf(section) || `${title} (${index + 1})`;
    return [
      { kind: 'html', title: sectionTitle, html: page(sectionTitle, el('article', {}, blocks[index]!)) },
      ...embeddedPdfsOf(section).map((content) => ({ kind: 'pdf' as const, title: sectionTitle, content })),
    ];
  });
  return {
    kind: 'html',
    html: page(title, el('article', {}, header, ...blocks)),
    cda: { header: headerView, body: page(title, el('article', {}, ...blocks)), sections },
  };
}

/**
 * The PDFs a section embeds (an observationMedia in base64, such as the copy of a laboratory report): each is
 * one item to open in the PDF viewer; one that is not a PDF is left out, as the narrative already says.
 */
function embeddedPdfsOf(section: Element): Buffer[] {
  const media = section.getElementsByTagNameNS(HL7, 'observationMedia');
  const found: Buffer[] = [];
  for (let i = 0; i < media.length; i++) {
    const value = kid(media[i], 'value');
    if (value?.getAttribute('mediaType')?.toLowerCase() !== 'application/pdf') continue;
    if (value.getAttribute('representation') !== 'B64') continue;
    const bytes = Buffer.from((value.textContent ?? '').replace(/\s+/g, ''), 'base64');
    if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') found.push(bytes);
  }
  return found;
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

function sectionTitleOf(section: Element): string {
  return (
    textContent(kid(section, 'title')) ||
    section.getElementsByTagNameNS(HL7, 'code')[0]?.getAttribute('displayName') ||
    ''
  );
}

/** A TS as the contract gives CDA times: `YYYY-MM-DD`, or `YYYY-MM-DDThh:mm` when it has the hour. */
function cdaTime(value: string | null | undefined): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})?)?/.exec(value ?? '');
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match;
  return `${y}-${mo}-${d}${h ? `T${h}:${mi ?? '00'}` : ''}`;
}

/** Only the properties that have a value: the contract's optional fields are absent, never empty. */
function present<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined && value !== '')) as T;
}

/**
 * The header's data (EX_3.2-1030), read leniently from any CDA: title, type, dates, patient, authors,
 * custodian, legal authenticator, encounter and service event, as far as the document gives them.
 */
function headerData(root: Element): CdaHeaderView {
  const code = kid(root, 'code');
  const type = code?.getAttribute('displayName') ?? code?.getAttribute('code') ?? '';
  const patient = kid(root, 'recordTarget', 'patientRole', 'patient');
  const legal = kid(root, 'legalAuthenticator');
  const legalName = personName(kid(legal, 'assignedEntity', 'assignedPerson', 'name'));
  const encounter = kid(root, 'componentOf', 'encompassingEncounter');
  const encounterTime = kid(encounter, 'effectiveTime');
  const event = kid(root, 'documentationOf', 'serviceEvent', 'effectiveTime');
  const version = Number(kid(root, 'versionNumber')?.getAttribute('value'));
  const range = (time: Element | undefined) =>
    present({
      start: cdaTime(kid(time, 'low')?.getAttribute('value') ?? time?.getAttribute('value')),
      end: cdaTime(kid(time, 'high')?.getAttribute('value')),
    });
  const encounterView = present({
    ...range(encounterTime),
    location:
      textContent(kid(encounter, 'location', 'healthCareFacility', 'serviceProviderOrganization', 'name')) ||
      kid(encounter, 'location', 'healthCareFacility', 'code')?.getAttribute('displayName') ||
      undefined,
  });
  const eventView = range(event);
  return present({
    title: textContent(kid(root, 'title')) || type,
    type,
    effectiveTime: cdaTime(kid(root, 'effectiveTime')?.getAttribute('value')),
    versionNumber: Number.isInteger(version) ? version : undefined,
    confidentiality: kid(root, 'confidentialityCode')?.getAttribute('code') ?? undefined,
    patient: patient
      ? present({
          name: personName(kid(patient, 'name')),
          birthDate: cdaTime(kid(patient, 'birthTime')?.getAttribute('value')),
          sex: kid(patient, 'administrativeGenderCode')?.getAttribute('code') ?? undefined,
        })
      : undefined,
    authors: kids(root, 'author').map((author) => {
      const assigned = kid(author, 'assignedAuthor');
      return present({
        name:
          personName(kid(assigned, 'assignedPerson', 'name')) ||
          textContent(kid(assigned, 'assignedAuthoringDevice', 'softwareName')),
        profession: kid(assigned, 'code')?.getAttribute('displayName') ?? undefined,
        organization: textContent(kid(assigned, 'representedOrganization', 'name')),
        time: cdaTime(kid(author, 'time')?.getAttribute('value')),
      });
    }),
    custodian: textContent(kid(root, 'custodian', 'assignedCustodian', 'representedCustodianOrganization', 'name')),
    legalAuthenticator: legalName
      ? present({ name: legalName, time: cdaTime(kid(legal, 'time')?.getAttribute('value')) })
      : undefined,
    encounter: Object.keys(encounterView).length > 0 ? encounterView : undefined,
    serviceEvent: Object.keys(eventView).length > 0 ? eventView : undefined,
  });
}

function sectionBlock(section: Element, depth: number): Html {
  const heading = `h${Math.min(depth, 6)}`;
  const title = sectionTitleOf(section);
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
