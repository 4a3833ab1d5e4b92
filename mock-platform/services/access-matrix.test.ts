import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { mayRead } from '../../interop/habilitations/access-matrix.js';
import { classCodeForType } from '../../interop/value-sets/index.js';
import { PROFESSIONAL_CARDS } from '../../native-bridge/emulator/cast.js';
import type { PortalDocument } from '../portal/portal-view.js';
import { SEED_MATRICULES } from '../seed/seed-data.js';
import { file, findDocuments, iti18, iti43, type DocumentSpec } from '../test-support/consult-caller.js';
import { cardHolder, td03, type TestCaller } from '../test-support/dmp-caller.js';
import { httpsRequest } from '../test-support/https-client.js';
import { startTestPlatform, type TestPlatform } from '../testing.js';

/** One type per document class the platform takes, and the hospital stay report of the seeds' example. */
const TYPES = ['11490-0', '34112-3', '60591-5', '18748-4', '57833-6', '60593-1', '89601-9', 'REMB'] as const;
const VISIBILITIES = ['normal', 'masqué', 'invisible au patient'] as const;
type Visibility = (typeof VISIBILITIES)[number];
const FLAGS: Record<Visibility, NonNullable<DocumentSpec['visibility']>> = {
  normal: [],
  masqué: ['MASQUE_PS'],
  'invisible au patient': ['INVISIBLE_PATIENT'],
};

/** Three records with no médecin traitant: every card authorized on the first, none on the second, all blocked on the third. */
const AUTHORIZED = '290013306302176';
const NOT_AUTHORIZED = SEED_MATRICULES.homonyme1;
const BLOCKED = SEED_MATRICULES.homonyme2;

/** The documents of a record by cell: type × visibility → uniqueId. */
type Filed = Map<string, string>;
const cell = (type: string, visibility: Visibility) => `${type} × ${visibility}`;

describe('the access-control matrix over the mock: every profession of the emulated cast × document class × authorization × visibility', () => {
  let platform: TestPlatform;
  /** The cast's professionals with a health profession, in direct mode. */
  let cast: { label: string; profession: string; caller: TestCaller }[];
  const filed = new Map<string, Filed>();

  beforeAll(async () => {
    platform = await startTestPlatform();
    cast = PROFESSIONAL_CARDS.filter((card) => card.profession !== undefined).map((card) => ({
      label: card.label,
      profession: card.profession!.code,
      caller: cardHolder(platform, card.nationalId, card.profession!.code),
    }));
    // The author is none of the cast: nobody below sees a masked document for having written it.
    const author = cardHolder(platform, '899700100900');
    for (const matricule of [AUTHORIZED, NOT_AUTHORIZED, BLOCKED]) {
      const cells = TYPES.flatMap((typeCode) => VISIBILITIES.map((visibility) => ({ typeCode, visibility })));
      const { metadata } = await file(
        platform,
        author,
        matricule,
        cells.map(({ typeCode, visibility }) => ({
          text: `Document ${cell(typeCode, visibility)}`,
          typeCode,
          visibility: FLAGS[visibility],
        })),
      );
      filed.set(
        matricule,
        new Map(
          metadata.documentEntries.map((entry, i) => [cell(cells[i]!.typeCode, cells[i]!.visibility), entry.uniqueId]),
        ),
      );
    }
    for (const { caller } of cast) {
      await td03(platform, caller, AUTHORIZED, 'AJOUT');
      platform.rules.block(BLOCKED, caller.claims.actor);
    }
  }, 120_000);
  afterAll(async () => platform.dispose());

  it('lets an authorized professional search and retrieve exactly the unmasked documents his profession may read', async () => {
    const wrong: string[] = [];
    const documents = filed.get(AUTHORIZED)!;
    for (const { label, profession, caller } of cast) {
      const found = new Set(
        (await iti18(platform, caller, AUTHORIZED, findDocuments(AUTHORIZED))).documentEntries.map(
          (entry) => entry.uniqueId,
        ),
      );
      const retrieved = await iti43(platform, caller, AUTHORIZED, [...documents.values()]);
      for (const type of TYPES) {
        for (const visibility of VISIBILITIES) {
          const uniqueId = documents.get(cell(type, visibility))!;
          const expected = mayRead(profession, type) && visibility !== 'masqué';
          const where = `${label} (${profession}) × ${type} (classe ${classCodeForType(type).code}) × autorisé × ${visibility}`;
          if (found.has(uniqueId) !== expected)
            wrong.push(`${where}: recherche ${expected ? 'attendu visible, absent' : 'attendu caché, présent'}`);
          if (retrieved.documents.has(uniqueId) !== expected)
            wrong.push(`${where}: lecture ${expected ? 'attendue, refusée' : 'refusée attendue, rendue'}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every search and retrieve to a professional not authorized, or blocked, whatever the document', async () => {
    const wrong: string[] = [];
    for (const { label, profession, caller } of cast) {
      for (const [matricule, state, code] of [
        [NOT_AUTHORIZED, 'non autorisé', 'AUTORISATION_REQUISE'],
        [BLOCKED, 'bloqué', 'PS_BLOQUE'],
      ] as const) {
        const searched = await iti18(platform, caller, matricule, findDocuments(matricule));
        const read = await iti43(platform, caller, matricule, [...filed.get(matricule)!.values()]);
        const outcomes = [
          searched.errors[0]?.errorCode,
          searched.documentEntries.length,
          read.response.errors[0]?.errorCode,
          read.documents.size,
        ];
        if (JSON.stringify(outcomes) !== JSON.stringify([code, 0, code, 0]))
          wrong.push(`${label} (${profession}) × tout document × ${state}: ${JSON.stringify(outcomes)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('shows the patient on her portal every document but those invisible to her, masked ones included', async () => {
    const answer = await httpsRequest(platform.port, platform.pki.rootPem, {
      method: 'GET',
      path: '/portail/api/documents',
      headers: { Authorization: platform.portal.authorization(AUTHORIZED) },
    });
    const shown = new Set((JSON.parse(answer.body) as PortalDocument[]).map((document) => document.uniqueId));
    const wrong: string[] = [];
    for (const type of TYPES) {
      for (const visibility of VISIBILITIES) {
        const expected = visibility !== 'invisible au patient';
        if (shown.has(filed.get(AUTHORIZED)!.get(cell(type, visibility))!) !== expected)
          wrong.push(`portail × ${type} × ${visibility}: ${expected ? 'attendu visible' : 'attendu caché'}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
