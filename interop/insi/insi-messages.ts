import { randomUUID } from 'node:crypto';

import type { Element } from '@xmldom/xmldom';
import { z } from 'zod';

import { PasserelleError } from '../../api/errors/index.js';
import { isNirKeyValid } from '../ins/nir.js';
import { childElements, childText, firstChild } from '../xml/dom.js';
import { XML_NS } from '../xml/namespaces.js';
import { declare, element, serializeXml, type XmlElement } from '../xml/writer.js';

export const INSI_ACTIONS = {
  vitale: 'urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecCarteVitale',
  traits: 'urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite',
} as const;

export interface SoftwareIdentity {
  readonly name: string;
  readonly version: string;
  /** The IDAM authorization number INSi knows the software by. */
  readonly idam: string;
}

/** The ContexteLPS header: INSi identifies the calling software by its IDAM number. */
export function insiContextHeader(software: SoftwareIdentity, now: Date): string {
  return serializeXml(
    element(
      'ctxlps:ContexteLPS',
      { ...declare('ctxlps'), Nature: 'CTXLPS', Version: '01_00' },
      element('ctxlps:Id', {}, randomUUID()),
      element('ctxlps:Temps', {}, now.toISOString()),
      element('ctxlps:Emetteur', {}, software.name),
      element(
        'ctxlps:LPS',
        {},
        element('ctxlps:IDAM', { R: '4' }, software.idam),
        element('ctxlps:Version', {}, software.version),
        element('ctxlps:Nom', {}, `urn:lps:${software.name.toLowerCase()}:${software.version}`),
      ),
    ),
  );
}

/** A matricule (NIR) as INSi splits it: the 13 characters, then the key. */
function matricule(name: string, nir: string): XmlElement {
  return element(name, {}, element('NumIdentifiant', {}, nir.slice(0, 13)), element('Cle', {}, nir.slice(13)));
}

/**
 * The search with a Vitale card: the card is only a key to INSi, which answers with the INS and the
 * reference traits, not the card's identity. On a family card the beneficiary is chosen by the user and
 * named by her own NIR, birth date exactly as on the card, and birth rank (twins).
 */
export function buildInsiVitaleRequest(query: {
  holderNir: string;
  beneficiaryNir: string;
  birthDateOnCard: string;
  birthRank: number;
}): string {
  return serializeXml(
    element(
      'RECVITALE',
      { xmlns: XML_NS.insiVitale },
      matricule('MatriculeIndividu', query.beneficiaryNir),
      matricule('MatriculeOD', query.holderNir),
      element('DateNaissance', {}, query.birthDateOnCard),
      element('RangNaissance', {}, String(query.birthRank)),
    ),
  );
}

/** The search with identity traits (RECSANSVITALE). */
export function buildInsiTraitsRequest(traits: {
  birthName: string;
  firstNames: readonly string[];
  sex: 'M' | 'F';
  birthDate: string;
  birthPlace?: string;
}): string {
  return serializeXml(
    element(
      'RECSANSVITALE',
      { xmlns: XML_NS.insiTraits },
      element('NomNaissance', {}, traits.birthName),
      traits.firstNames.map((name) => element('Prenom', {}, name)),
      element('Sexe', {}, traits.sex),
      element('DateNaissance', {}, traits.birthDate),
      traits.birthPlace !== undefined && element('LieuNaissance', {}, traits.birthPlace),
    ),
  );
}

/** The INS and the reference traits (TIQ) INSi returns for one identity. */
export const InsIdentitySchema = z.object({
  matricule: z.string().length(15).refine(isNirKeyValid, 'matricule key'),
  oid: z.string().regex(/^[0-9.]+$/),
  traits: z.object({
    birthName: z.string().min(1),
    firstNames: z.array(z.string().min(1)).min(1),
    sex: z.enum(['M', 'F']),
    birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    birthPlace: z.string().regex(/^[0-9][0-9AB]\d{3}$/),
  }),
  history: z.array(z.object({ matricule: z.string().length(15), oid: z.string() })),
});
export type InsIdentity = z.infer<typeof InsIdentitySchema>;

export type InsiResult =
  { readonly code: '00'; readonly identity: InsIdentity } | { readonly code: '01' } | { readonly code: '02' };

function readIns(element: Element): { matricule: string; oid: string } {
  const id = firstChild(element, null, 'IdIndividu');
  return {
    matricule: `${(id && childText(id, null, 'NumIdentifiant')) ?? ''}${(id && childText(id, null, 'Cle')) ?? ''}`,
    oid: childText(element, null, 'OID') ?? '',
  };
}

/** Reads INSi's RESULTAT: 00 with one identity, 01 none, 02 several (no identity is handed out). */
export function readInsiResult(payload: Element, url: string): InsiResult {
  const bad = (reason: string): PasserelleError => new PasserelleError('PLATFORM_BAD_REPLY', { url, reason });
  if (payload.namespaceURI !== XML_NS.insiResult || payload.localName !== 'RESULTAT')
    throw bad('INSi RESULTAT expected');
  const cr = firstChild(payload, null, 'CR');
  const code = cr && childText(cr, null, 'CodeCR');
  if (code === '01' || code === '02') return { code };
  if (code !== '00') throw bad('unknown INSi CodeCR');
  const individu = firstChild(payload, null, 'INDIVIDU');
  const active = individu && firstChild(individu, null, 'INSACTIF');
  const tiq = individu && firstChild(individu, null, 'TIQ');
  if (!individu || !active || !tiq) throw bad('INSACTIF and TIQ expected');
  const parsed = InsIdentitySchema.safeParse({
    ...readIns(active),
    traits: {
      birthName: childText(tiq, null, 'NomNaissance'),
      firstNames: (childText(tiq, null, 'ListePrenom') ?? childText(tiq, null, 'Prenom') ?? '')
        .split(/\s+/)
        .filter(Boolean),
      sex: childText(tiq, null, 'Sexe'),
      birthDate: childText(tiq, null, 'DateNaissance'),
      birthPlace: childText(tiq, null, 'LieuNaissance'),
    },
    history: childElements(individu, null, 'INSHISTO').map(readIns),
  });
  if (!parsed.success) throw bad('INSi identity does not have the expected shape');
  return { code: '00', identity: parsed.data };
}
