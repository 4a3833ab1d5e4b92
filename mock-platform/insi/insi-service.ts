import type { Element } from '@xmldom/xmldom';

import { isNirKeyValid } from '../../interop/ins/nir.js';
import { INSI_ACTIONS } from '../../interop/insi/insi-messages.js';
import { SERVICE_PATHS } from '../../interop/platform/service-paths.js';
import { childText } from '../../interop/xml/dom.js';
import { XML_NS } from '../../interop/xml/namespaces.js';
import { declare, element, serializeXml, type XmlChild, type XmlElement } from '../../interop/xml/writer.js';
import { singleChild } from '../soap/envelope.js';
import { PlatformFault } from '../soap/platform-fault.js';
import type { SoapCall, SoapOperation, SoapReply, SoapService } from '../soap/soap-service.js';
import type { PatientRecord, PatientStore } from '../store/patient-store.js';
import { searchByTraits, searchByVitale, type TraitsQuery, type VitaleQuery } from './insi-search.js';

/** INSi's own error codes in `siram:Erreur`, where it has one for the case. */
const INSI_ERROR_CODES: Partial<Record<string, string>> = {
  LOGICIEL_INCONNU: 'DESIR_550',
  CERTIFICAT_INSI_REQUIS: 'DESIR_560',
};

/** The CNs of the organisation certificates issued for INSi: automated calls, and calls a person makes. */
const INSI_COMMON_NAMES: ReadonlySet<string> = new Set(['INSI-AUTO', 'INSI-MANU']);

/**
 * Who may call INSi over mutual TLS: a professional's card (CPS, CPE), or an establishment with an organisation
 * certificate issued for INSi. The establishment's other ORG certificates (the DMP's authentication, its seal)
 * are refused, as the real service refuses them.
 */
function requireInsiCertificate(call: SoapCall): void {
  const { family, commonName } = call.caller;
  if (family === 'organisations' && !INSI_COMMON_NAMES.has(commonName))
    throw new PlatformFault('CERTIFICAT_INSI_REQUIS', { cn: commonName });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CARD_DATE = /^(\d{2})(\d{2})(\d{4})$/;

function malformed(reason: string): PlatformFault {
  return new PlatformFault('REQUETE_MALFORMEE', { raison: reason });
}

/** `YYYY-MM-DD`, or the card's `DDMMYYYY`, to `YYYY-MM-DD` (lunar dates keep their zeros). */
function birthDate(value: string | undefined): string {
  if (value === undefined) throw malformed('DateNaissance absente');
  if (DATE.test(value)) return value;
  const card = CARD_DATE.exec(value);
  if (card) return `${card[3]}-${card[2]}-${card[1]}`;
  throw malformed('DateNaissance au format AAAA-MM-JJ attendue');
}

function sex(value: string | undefined): 'M' | 'F' {
  if (value === 'M' || value === 'F') return value;
  throw malformed('Sexe M ou F attendu');
}

/** A `Matricule` element (13-character body + key) as the 15-character NIR, key checked. */
function matricule(element: Element | undefined, name: string): string | undefined {
  if (!element) return undefined;
  const body = childText(element, null, 'NumIdentifiant');
  const key = childText(element, null, 'Cle');
  if (
    body === undefined ||
    key === undefined ||
    !/^[12378]\d{4}(\d{2}|2[AB])\d{6}$/.test(body) ||
    !/^\d{2}$/.test(key)
  ) {
    throw malformed(`${name} : NumIdentifiant (13) et Cle (2) attendus`);
  }
  if (!isNirKeyValid(body + key)) throw new PlatformFault('INS_INVALIDE', { raison: `clé de ${name} incorrecte` });
  return body + key;
}

/** The LPS context header: INSi knows which software calls by its IDAM authorization number. */
function requireLpsContext(call: SoapCall): void {
  const context = call.request.header && singleChild(call.request.header, XML_NS.ctxlps, 'ContexteLPS');
  if (!context) throw malformed('en-tête ContexteLPS absent');
  const lps = singleChild(context, XML_NS.ctxlps, 'LPS');
  const idam = lps && childText(lps, XML_NS.ctxlps, 'IDAM');
  if (!idam) throw new PlatformFault('LOGICIEL_INCONNU');
}

function payload(call: SoapCall, namespace: string, localName: string): Element {
  const element = call.request.payload;
  if (element.namespaceURI !== namespace || element.localName !== localName)
    throw malformed(`élément ${localName} attendu`);
  return element;
}

function readTraitsQuery(element: Element): TraitsQuery {
  const birthName = childText(element, XML_NS.insiTraits, 'NomNaissance');
  if (birthName === undefined) throw malformed('NomNaissance absent');
  const firstNames: string[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    const child = node as Element;
    if (
      node.nodeType === node.ELEMENT_NODE &&
      child.localName === 'Prenom' &&
      child.namespaceURI === XML_NS.insiTraits
    ) {
      const text = child.textContent?.trim();
      if (text) firstNames.push(...text.split(/\s+/));
    }
  }
  if (firstNames.length === 0) throw malformed('Prenom absent');
  const birthPlace = childText(element, XML_NS.insiTraits, 'LieuNaissance');
  if (birthPlace !== undefined && !/^[0-9][0-9AB][0-9]{3}$/i.test(birthPlace))
    throw malformed('LieuNaissance : code COG à 5 caractères attendu');
  return {
    birthName,
    firstNames,
    sex: sex(childText(element, XML_NS.insiTraits, 'Sexe')),
    birthDate: birthDate(childText(element, XML_NS.insiTraits, 'DateNaissance')),
    ...(birthPlace === undefined ? {} : { birthPlace }),
  };
}

function readVitaleQuery(element: Element): VitaleQuery {
  const beneficiary = matricule(singleChild(element, XML_NS.insiVitale, 'MatriculeIndividu'), 'MatriculeIndividu');
  const holder = matricule(singleChild(element, XML_NS.insiVitale, 'MatriculeOD'), 'MatriculeOD');
  if (beneficiary === undefined && holder === undefined) throw malformed('MatriculeIndividu ou MatriculeOD attendu');
  const rank = childText(element, XML_NS.insiVitale, 'RangNaissance');
  if (rank !== undefined && !/^[1-9]$/.test(rank)) throw malformed('RangNaissance : un chiffre de 1 à 9 attendu');
  const birthName = childText(element, XML_NS.insiVitale, 'NomNaissance');
  return {
    ...(beneficiary === undefined ? {} : { beneficiary }),
    ...(holder === undefined ? {} : { holder }),
    ...(birthName === undefined ? {} : { birthName }),
    birthDate: birthDate(childText(element, XML_NS.insiVitale, 'DateNaissance')),
    ...(rank === undefined ? {} : { birthRank: Number(rank) }),
  };
}

function insElement(name: string, matricule: string, oid: string, ...extra: XmlChild[]): XmlElement {
  return element(
    name,
    {},
    element(
      'IdIndividu',
      {},
      element('NumIdentifiant', {}, matricule.slice(0, 13)),
      element('Cle', {}, matricule.slice(13)),
      element('TypeMatricule', {}, oid.endsWith('.9') ? 'NIA' : 'NIR'),
    ),
    element('OID', {}, oid),
    ...extra,
  );
}

function report(code: string, label: string): XmlElement {
  return element('CR', {}, element('CodeCR', {}, code), element('LibelleCR', {}, label));
}

/** The one identity found: the active INS, its history and the reference traits (TIQ). */
function identity(patient: PatientRecord): XmlElement[] {
  const { traits } = patient;
  return [
    report('00', 'OK'),
    element(
      'INDIVIDU',
      {},
      insElement('INSACTIF', patient.matricule, patient.oid),
      patient.history.map((entry) =>
        insElement(
          'INSHISTO',
          entry.matricule,
          entry.oid,
          element('DateDeb', {}, entry.validFrom),
          element('DateFin', {}, entry.validTo),
        ),
      ),
      element(
        'TIQ',
        {},
        element('NomNaissance', {}, traits.birthName),
        element('Prenom', {}, traits.firstNames[0] ?? ''),
        element('ListePrenom', {}, traits.firstNames.join(' ')),
        element('Sexe', {}, traits.sex),
        element('DateNaissance', {}, traits.birthDate),
        element('LieuNaissance', {}, traits.birthPlace),
      ),
    ),
  ];
}

/** INSi's RESULTAT: 00 with the identity, 01 none, 02 several (no identity given out, whoever they are). */
function resultat(found: readonly PatientRecord[]): string {
  const [first] = found;
  return serializeXml(
    element(
      'RESULTAT',
      { xmlns: XML_NS.insiResult },
      !first
        ? report('01', 'Aucune identite trouvee')
        : found.length > 1
          ? report('02', 'Plusieurs identites trouvees')
          : identity(first),
    ),
  );
}

function answer(call: SoapCall, action: string, found: readonly PatientRecord[]): SoapReply {
  call.trace.patient = found.length === 1 ? found[0]!.matricule : '-';
  return { action: `${action}Response`, bodyXml: resultat(found) };
}

/** An INSi operation: an INSi certificate and the LPS context required, then the search the request asks. */
function insiOperation(
  action: string,
  auditName: string,
  search: (call: SoapCall) => readonly PatientRecord[],
): SoapOperation {
  return {
    action,
    auditName,
    handle(call) {
      requireInsiCertificate(call);
      requireLpsContext(call);
      return answer(call, action, search(call));
    },
  };
}

/**
 * The INSi teleservice: INS search with the Vitale card of a chosen beneficiary, or with identity traits,
 * as the CNAM's WSDL describes it (`../shared/external/insi-wsdl/`). Reached with a card (CPx) or an
 * establishment's INSi certificate (CN INSI-AUTO or INSI-MANU) over mutual TLS.
 */
export function createInsiService(store: PatientStore): SoapService {
  const operations: SoapOperation[] = [
    insiOperation(INSI_ACTIONS.vitale, 'INSi.vitale', (call) =>
      searchByVitale(store, readVitaleQuery(payload(call, XML_NS.insiVitale, 'RECVITALE'))),
    ),
    insiOperation(INSI_ACTIONS.traits, 'INSi.traits', (call) =>
      searchByTraits(store, readTraitsQuery(payload(call, XML_NS.insiTraits, 'RECSANSVITALE'))),
    ),
  ];
  return {
    path: SERVICE_PATHS.insi,
    name: 'INSi',
    operations,
    faultDetail: (fault) =>
      serializeXml(
        element(
          'siram:Erreur',
          { ...declare('siram'), severite: 'erreur', code: INSI_ERROR_CODES[fault.code] ?? fault.code },
          fault.french,
        ),
      ),
  };
}
