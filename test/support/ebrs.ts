import { spawnSync } from 'node:child_process';

import { XMLSerializer } from '@xmldom/xmldom';

import { EXTERNAL_KITS } from '../../interop/test-support/external-kits.js';
import { parseXml } from '../../interop/xml/safe-parse.js';

/**
 * Test-only check of XDS bodies against the OASIS ebRS 3.0 schemas in ../shared/external/ebrs-schemas (the
 * product never embeds them), through Debian's xmllint (libxml2-utils, installed by scripts/ensure-system.sh).
 */

const SCHEMAS = `${EXTERNAL_KITS.ebrs}/`;

/** The schema a root element belongs to: lcm (SubmitObjectsRequest), query (AdhocQuery*), rs (RegistryResponse). */
export type EbrsSchema = 'lcm' | 'query' | 'rs';

/** The schema problems xmllint finds in `xml` (empty when it validates). */
export function ebrsProblems(xml: string, schema: EbrsSchema): string[] {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', `${SCHEMAS}${schema}.xsd`, '-'], {
    input: xml,
    encoding: 'utf8',
  });
  if (run.error) throw run.error;
  if (run.status === 0) return [];
  return run.stderr.split('\n').filter((line) => line.trim() !== '' && !line.endsWith('fails to validate'));
}

/**
 * The first element `namespace`:`localName` of `xml`, serialized on its own with the namespace declarations
 * it needs: the ebRS part of an IHE wrapper (the lcm:SubmitObjectsRequest of an ITI-41 request, the
 * rs:RegistryResponse of an ITI-43 response), whose outer elements the ebRS schemas do not define.
 */
export function ebrsPart(xml: string, namespace: string, localName: string): string {
  const element = parseXml(xml).getElementsByTagNameNS(namespace, localName)[0];
  if (!element) throw new Error(`no ${localName} in the message`);
  return new XMLSerializer().serializeToString(element);
}
