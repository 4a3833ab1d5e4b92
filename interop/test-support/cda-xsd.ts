import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTERNAL_KITS } from './external-kits.js';

/** The ANS kit beside the repository (shared/external/ansforge-cda), the tests' conformance oracle. */
export const ANS_KIT = `${EXTERNAL_KITS.ansCda}/`;
export const CDA_XSD = `${ANS_KIT}infrastructure/cda/CDA_extended.xsd`;

/**
 * Validates a document against the official CDA schema with the xmllint binary (libxml2-utils, installed by
 * scripts/ensure-system.sh): the XSD errors, or an empty list.
 */
export function xsdErrors(xml: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'cda-xsd-'));
  const file = join(dir, 'document.xml');
  try {
    writeFileSync(file, xml);
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', CDA_XSD, file], { stdio: 'pipe' });
    return [];
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? error);
    return stderr.split('\n').filter((line) => line.includes('error') || line.includes('fails to validate'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
