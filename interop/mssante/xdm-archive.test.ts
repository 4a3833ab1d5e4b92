import yazl from 'yazl';
import { describe, expect, it } from 'vitest';

import { sampleSubmission } from '../xds/sample-metadata.js';
import { readXdmMetadata, xdmMetadataXml } from '../xds/xdm-metadata.js';
import {
  buildXdmArchive,
  readXdmArchive,
  XDM_INDEX,
  XDM_METADATA,
  XDM_README,
  xdmDocumentName,
} from './xdm-archive.js';
import { checkedAddress, matriculeOfPatientAddress, patientMailAddress } from './addresses.js';

function zipOf(files: Record<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of Object.entries(files)) zip.addBuffer(bytes, name);
  zip.end();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

describe('the IHE XDM archive', () => {
  it('reads back what it wrote: the layout, METADATA.XML naming each document by its URI', async () => {
    const cda = Buffer.from('<ClinicalDocument xmlns="urn:hl7-org:v3"/>');
    const metadata = sampleSubmission([cda]);
    const entry = { ...metadata.documentEntries[0]!, uri: xdmDocumentName(0, 'XML') };
    const archive = await buildXdmArchive({
      metadataXml: xdmMetadataXml({ ...metadata, documentEntries: [entry] }),
      documents: [{ name: entry.uri, bytes: cda }],
      software: { name: 'Passerelle', version: 'test' },
    });
    const files = await readXdmArchive(archive);
    expect([...files.keys()]).toEqual([XDM_INDEX, XDM_README, XDM_METADATA, 'IHE_XDM/SUBSET01/DOC0001.XML']);
    expect(readXdmMetadata(files.get(XDM_METADATA)!.toString('utf8')).documentEntries[0]).toMatchObject({
      uri: 'DOC0001.XML',
      uniqueId: entry.uniqueId,
    });
  });

  it('refuses metadata whose documents do not name their file', () => {
    expect(() => xdmMetadataXml(sampleSubmission([Buffer.from('x')]))).toThrow(/URI/);
  });

  it('refuses a path leading out of the archive, a missing METADATA.XML, and more than it inflates to', async () => {
    const base = { [XDM_INDEX]: Buffer.from('i'), [XDM_README]: Buffer.from('r') };
    // A writer refuses such a name: it is written harmless, then the bytes are changed as an attacker would.
    const harmless = await zipOf({ ...base, 'AB/evil.xml': Buffer.from('x') });
    const traversal = Buffer.from(harmless.toString('latin1').replaceAll('AB/evil.xml', '../evil.xml'), 'latin1');
    await expect(readXdmArchive(traversal)).rejects.toMatchObject({ code: 'XDM_INVALID' });
    await expect(readXdmArchive(await zipOf(base))).rejects.toThrow(/METADATA.XML is missing/);
    const bomb = await zipOf({ ...base, [XDM_METADATA]: Buffer.alloc(2_000_000) });
    expect(bomb.byteLength).toBeLessThan(100_000);
    await expect(readXdmArchive(bomb, { maxEntries: 10, maxBytes: 1_000_000 })).rejects.toThrow(/inflated/);
    await expect(readXdmArchive(Buffer.from('not a zip'))).rejects.toMatchObject({ code: 'XDM_INVALID' });
  });
});

describe('MSSanté addresses', () => {
  it('derives the patient’s address from a matricule and reads it back; refuses anything else', () => {
    expect(patientMailAddress('285057511203496')).toBe('285057511203496@patient.mssante.fr');
    expect(matriculeOfPatientAddress('175022A00401227@PATIENT.MSSANTE.FR')).toBe('175022A00401227');
    expect(matriculeOfPatientAddress('claire@test.mssante.fr')).toBeUndefined();
    expect(matriculeOfPatientAddress('12345@patient.mssante.fr')).toBeUndefined();
    expect(() => patientMailAddress('12345')).toThrow();
    expect(checkedAddress(' Claire.Lumiere@Test.MSSante.fr ')).toBe('Claire.Lumiere@test.mssante.fr');
    expect(() => checkedAddress('claire@localhost\r\nRCPT TO:<x@y.fr>')).toThrow();
  });
});
