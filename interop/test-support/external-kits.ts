import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The official files the tests use as oracles — ANS's CDA kit, the OASIS ebRS 3.0 schemas, the CNAM's INSi WSDL —
 * which Passerelle never ships: they lie beside the repository, in `../shared/external`, as on the project's
 * machines and in CI. Every test that needs one takes its path from here.
 */
export const EXTERNAL_DIR = join(fileURLToPath(new URL('../../', import.meta.url)), '..', 'shared', 'external');

/** Where each kit lies in an external folder. */
export function kitsIn(dir: string) {
  return {
    /** ANS's TestContenuCDA kit: the CDA schemas, schematrons, value sets and example documents. */
    ansCda: join(dir, 'ansforge-cda', 'TestContenuCDA-3-0'),
    /** The OASIS ebRS 3.0 schemas of the XDS metadata. */
    ebrs: join(dir, 'ebrs-schemas', 'ebRS'),
    /** The CNAM's INSi WSDL and schemas. */
    insiXsd: join(dir, 'insi-wsdl', 'xsd'),
  } as const;
}

export const EXTERNAL_KITS = kitsIn(EXTERNAL_DIR);
type Kit = keyof typeof EXTERNAL_KITS;

/** What a missing kit is and where it comes from, for the one sentence the test run stops with. */
const ORIGINS: Readonly<Record<Kit, string>> = {
  ansCda: 'the ANS kit TestContenuCDA-3-0 (public repository ansforge/TestContenuCDA-3-0)',
  ebrs: 'the OASIS ebRS 3.0 schemas (docs.oasis-open.org/regrep/v3.0/schema)',
  insiXsd: "the CNAM's INSi WSDL and schemas (the INSi integration kit)",
};

/** One sentence, French then English, naming what is missing and how to get it; undefined when all are there. */
export function missingKitsSentence(dir: string = EXTERNAL_DIR): string | undefined {
  const kits = kitsIn(dir);
  const missing = (Object.keys(kits) as Kit[]).filter((kit) => !existsSync(kits[kit]));
  if (missing.length === 0) return undefined;
  const what = missing.map((kit) => `${ORIGINS[kit]} in ${kits[kit]}`).join('; ');
  return (
    `Les tests ont besoin des fichiers officiels qui leur servent d'oracles, absents ici : placez le dossier ` +
    `« shared/external » à côté du dépôt. / The tests need the official files they use as oracles, missing here: ` +
    `put ${what} (the folder shared/external beside the repository), then run the tests again.`
  );
}
