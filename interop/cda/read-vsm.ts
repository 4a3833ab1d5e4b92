import type { Element } from '@xmldom/xmldom';

import { XML_NS } from '../xml/namespaces.js';
import { parseXml } from '../xml/safe-parse.js';
import type { Allergy, CodedInput, Problem, Treatment } from './body-model.js';
import { clinicalDocumentOf } from './read-header.js';

const NS = XML_NS.hl7;

/** The section templates a VSM's structured entries live under (CI-SIS VSM 2023.01, its IHE PCC parents). */
const SECTION = {
  active: '1.2.250.1.213.1.1.2.132',
  past: '1.2.250.1.213.1.1.2.134',
  allergies: '1.2.250.1.213.1.1.2.137',
  riskFactors: '1.2.250.1.213.1.1.2.31',
  results: '1.2.250.1.213.1.1.2.150',
  treatments: '1.2.250.1.213.1.1.2.143',
} as const;

/** The lines the builder writes when a section has nothing: they are not content to read back. */
const NOTHING = new Set(['Aucun facteur de risque connu', 'Aucun point de vigilance']);
/** What the form shows for a treatment whose narrative gives no dosage: the GP writes it before filing again. */
const DOSAGE_UNKNOWN = 'Posologie non précisée';

/** What a VSM's body holds, read back from its entries in the builder's own terms. */
export interface VsmBody {
  readonly activeProblems: Problem[];
  readonly pastProblems: Problem[];
  readonly allergies: Allergy[];
  readonly riskFactors: string[];
  readonly results: string[];
  readonly treatments: Treatment[];
  /** Entries found that lack what the model needs to edit them (a code, a date): left out, counted. */
  readonly unread: number;
}

const elements = (from: Element, name: string): Element[] => Array.from(from.getElementsByTagNameNS(NS, name));

function child(parent: Element | undefined, name: string): Element | undefined {
  for (let node = parent?.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === node.ELEMENT_NODE && (node as Element).localName === name) return node as Element;
  }
  return undefined;
}

const path = (from: Element | undefined, ...names: string[]): Element | undefined =>
  names.reduce<Element | undefined>((at, name) => child(at, name), from);

function attr(element: Element | undefined, name: string): string | undefined {
  const value = element?.getAttribute(name)?.trim();
  return value ? value : undefined;
}

const words = (element: Element | undefined): string => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The section (not its subsections) whose templateIds include `template`. */
function sectionOf(root: Element, template: string): Element | undefined {
  return elements(root, 'section').find((s) =>
    Array.from(s.childNodes).some(
      (n) =>
        n.nodeType === n.ELEMENT_NODE &&
        (n as Element).localName === 'templateId' &&
        attr(n as Element, 'root') === template,
    ),
  );
}

/** The observations a section's concerns are about (entry/act/entryRelationship/observation), not those nested in them. */
const concerns = (section: Element): Element[] =>
  Array.from(section.childNodes)
    .filter((n): n is Element => n.nodeType === n.ELEMENT_NODE && (n as Element).localName === 'entry')
    .flatMap((entry) => Array.from(path(entry, 'act')?.childNodes ?? []))
    .filter((n): n is Element => n.nodeType === n.ELEMENT_NODE && (n as Element).localName === 'entryRelationship')
    .flatMap((relationship) => path(relationship, 'observation') ?? []);

/** The narrative a `<reference value="#id">` points to, inside the section's text. */
function referenced(section: Element, holder: Element | undefined): Element | undefined {
  const id = attr(path(holder, 'reference'), 'value')?.replace(/^#/, '');
  if (!id) return undefined;
  return elements(section, 'content').find((c) => attr(c, 'ID') === id);
}

/** A TS's day, `YYYYMMDD`, or undefined (nullFlavor, absent). */
const dayOf = (element: Element | undefined): string | undefined => /^\d{8}/.exec(attr(element, 'value') ?? '')?.[0];

function codedOf(element: Element | undefined): CodedInput | undefined {
  const code = attr(element, 'code');
  const codeSystem = attr(element, 'codeSystem');
  if (!code || !codeSystem) return undefined;
  const codeSystemName = attr(element, 'codeSystemName');
  return {
    code,
    codeSystem,
    displayName: attr(element, 'displayName') ?? code,
    ...(codeSystemName ? { codeSystemName } : {}),
  };
}

const optional = <K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;

function problems(root: Element, template: string, unread: { count: number }): Problem[] {
  const section = sectionOf(root, template);
  if (!section) return [];
  return concerns(section).flatMap((observation) => {
    const value = path(observation, 'value');
    const code = codedOf(value);
    if (!code) {
      unread.count += 1;
      return [];
    }
    const label = words(referenced(section, path(value, 'originalText'))) || code.displayName;
    const time = path(observation, 'effectiveTime');
    return [
      { label, code, ...optional('start', dayOf(path(time, 'low'))), ...optional('end', dayOf(path(time, 'high'))) },
    ];
  });
}

function allergies(root: Element, unread: { count: number }): Allergy[] {
  const section = sectionOf(root, SECTION.allergies);
  if (!section) return [];
  return concerns(section).flatMap((observation) => {
    const type = codedOf(path(observation, 'code'));
    const agent = codedOf(path(observation, 'participant', 'participantRole', 'playingEntity', 'code'));
    if (!type || !agent) {
      unread.count += 1;
      return [];
    }
    return [{ type, agent, ...optional('start', dayOf(path(observation, 'effectiveTime', 'low'))) }];
  });
}

const cellsOf = (row: Element): Element[] =>
  Array.from(row.childNodes).filter(
    (n): n is Element => n.nodeType === n.ELEMENT_NODE && ['td', 'th'].includes((n as Element).localName ?? ''),
  );

/**
 * The lines of a section written in words, its subsections' too, without the builder's "nothing" line: its
 * paragraphs, list items and table rows (the cells of a row joined, as "Consommation tabagique : 25 {pack}/a").
 */
function textLines(root: Element, template: string): string[] {
  const section = sectionOf(root, template);
  if (!section) return [];
  return elements(section, 'text')
    .flatMap((text) => [
      ...elements(text, 'paragraph').map(words),
      ...elements(text, 'item').map(words),
      ...elements(text, 'tbody').flatMap((body) =>
        elements(body, 'tr').map((row) =>
          cellsOf(row)
            .map(words)
            .filter((cell) => cell !== '' && cell !== '-')
            .join(' : '),
        ),
      ),
    ])
    .filter((line) => line !== '' && !NOTHING.has(line));
}

/** The dosage in words: the "Posologie" cell of the narrative row that holds the product the entry refers to. */
function dosageOf(content: Element | undefined): string | undefined {
  const row = content?.parentNode?.parentNode as Element | undefined;
  const table = row?.parentNode?.parentNode as Element | undefined;
  const head = table ? elements(table, 'thead')[0] : undefined;
  const headings = head ? elements(head, 'th').map(words) : [];
  const column = headings.findIndex((heading) => /posologie/i.test(heading));
  if (!row || column < 0) return undefined;
  return words(cellsOf(row)[column]) || undefined;
}

const xsiType = (element: Element): string | undefined =>
  element.getAttributeNS(XML_NS.xsi, 'type') || attr(element, 'xsi:type');

function treatments(root: Element, unread: { count: number }): Treatment[] {
  const section = sectionOf(root, SECTION.treatments);
  if (!section) return [];
  return elements(section, 'substanceAdministration').flatMap((administration) => {
    const times = Array.from(administration.childNodes).filter(
      (n): n is Element => n.nodeType === n.ELEMENT_NODE && (n as Element).localName === 'effectiveTime',
    );
    const interval = times.find((t) => xsiType(t) !== 'PIVL_TS');
    const period = path(
      times.find((t) => xsiType(t) === 'PIVL_TS'),
      'period',
    );
    const start = dayOf(path(interval, 'low'));
    const material = path(administration, 'consumable', 'manufacturedProduct', 'manufacturedMaterial');
    const product = codedOf(path(material, 'code'));
    const low = path(administration, 'doseQuantity', 'low') ?? path(administration, 'doseQuantity');
    const dose = Number(attr(low, 'value'));
    if (!start || !product || !(dose > 0)) {
      unread.count += 1;
      return [];
    }
    const content =
      referenced(section, path(administration, 'text')) ?? referenced(section, path(material, 'code', 'originalText'));
    const dosage = dosageOf(content) ?? DOSAGE_UNKNOWN;
    const every = Number(attr(period, 'value'));
    const unit = attr(period, 'unit');
    return [
      {
        product,
        start,
        ...optional('end', dayOf(path(interval, 'high'))),
        dosage,
        dose: { value: dose, unit: attr(low, 'unit') ?? '1' },
        ...(every > 0 && (unit === 'h' || unit === 'd' || unit === 'wk') ? { every: { value: every, unit } } : {}),
      },
    ];
  });
}

/**
 * A VSM's structured content read back from its entries: problems in progress and past (their CIM-10 value,
 * their wording from the narrative they refer to), allergies (type and agent), risk factors and results in
 * words, long-term treatments (product, dates, dose, period; the dosage from the narrative table). What the
 * médecin traitant starts from when she updates a synthesis. The XML is read by the safe parser.
 */
export function readVsm(xml: string): VsmBody {
  const root = clinicalDocumentOf(parseXml(xml.startsWith('\uFEFF') ? xml.slice(1) : xml));
  const unread = { count: 0 };
  return {
    activeProblems: problems(root, SECTION.active, unread),
    pastProblems: problems(root, SECTION.past, unread),
    allergies: allergies(root, unread),
    riskFactors: textLines(root, SECTION.riskFactors),
    results: textLines(root, SECTION.results),
    treatments: treatments(root, unread),
    unread: unread.count,
  };
}
