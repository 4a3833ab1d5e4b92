import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The official files the tests use as oracles — ANS's CDA kit, the OASIS ebRS 3.0 schemas, the CNAM's INSi WSDL —
 * which Passerelle never ships: they lie beside the repository, in `../shared/external`, as on the project's
 * machines and in CI. Every test that needs one takes its path from here.
 */
export const EXTERNAL_DIR = join(fileURLToPath(new URL('../../', import.meta.url)), '..', 'shared', 'external');

/**
 * The environment variable the tests' global setup sets to the home of this user's Passerelle, whose installed
 * rules (`passerelle rules install`) stand in for the ANS kit when it is not beside the repository.
 */
export const RULES_HOME_ENV = 'PASSERELLE_TEST_RULES_HOME';

/** Where `passerelle rules install` puts the kit in a home (main/core/rules/installed-rules.ts). */
export function installedAnsKit(home: string): string {
  return join(home, 'rules', 'kit');
}

/**
 * Where each kit lies: in an external folder; for ANS's CDA kit, when it is not there, the one installed in
 * `rulesHome` if there is one.
 */
export function kitsIn(dir: string, rulesHome?: string) {
  const beside = join(dir, 'ansforge-cda', 'TestContenuCDA-3-0');
  const installed = rulesHome === undefined ? undefined : installedAnsKit(rulesHome);
  return {
    /** ANS's TestContenuCDA kit: the CDA schemas, schematrons, value sets and example documents. */
    ansCda: existsSync(beside) || installed === undefined || !existsSync(installed) ? beside : installed,
    /** The OASIS ebRS 3.0 schemas of the XDS metadata. */
    ebrs: join(dir, 'ebrs-schemas', 'ebRS'),
    /** The CNAM's INSi WSDL and schemas. */
    insiXsd: join(dir, 'insi-wsdl', 'xsd'),
  } as const;
}

export const EXTERNAL_KITS = kitsIn(EXTERNAL_DIR, process.env[RULES_HOME_ENV]);
type Kit = keyof typeof EXTERNAL_KITS;

/** What a missing kit is and where it comes from, for the one sentence the test run stops with. */
const ORIGINS: Readonly<Record<Kit, string>> = {
  ansCda:
    'the ANS kit TestContenuCDA-3-0 (public repository ansforge/TestContenuCDA-3-0, or installed with passerelle rules install --from)',
  ebrs: 'the OASIS ebRS 3.0 schemas (docs.oasis-open.org/regrep/v3.0/schema)',
  insiXsd: "the CNAM's INSi WSDL and schemas (the INSi integration kit)",
};

/** One sentence, French then English, naming what is missing and how to get it; undefined when all are there. */
export function missingKitsSentence(dir: string = EXTERNAL_DIR, rulesHome?: string): string | undefined {
  const kits = kitsIn(dir, rulesHome);
  const missing = (Object.keys(kits) as Kit[]).filter((kit) => !existsSync(kits[kit]));
  if (missing.length === 0) return undefined;
  const what = missing.map((kit) => `${ORIGINS[kit]} in ${kits[kit]}`).join('; ');
  return (
    `Les tests ont besoin des fichiers officiels qui leur servent d'oracles, absents ici : placez le dossier ` +
    `« shared/external » à côté du dépôt. / The tests need the official files they use as oracles, missing here: ` +
    `put ${what} (the folder shared/external beside the repository), then run the tests again.`
  );
}
