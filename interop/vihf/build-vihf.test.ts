import { createSign, generateKeyPairSync } from 'node:crypto';

import forge from 'node-forge';
import { SignedXml } from 'xml-crypto';
import { describe, expect, it } from 'vitest';

import type { Signer } from '../signing/signer.js';
import { parseXml } from '../xml/safe-parse.js';
import { buildSignedVihf } from './build-vihf.js';
import type { VihfClaims } from './vihf-claims.js';

function pemSigner(): Signer & { signatures: number } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 3600_000);
  cert.setSubject([{ shortName: 'CN', value: '899700100017' }]);
  cert.setIssuer([{ shortName: 'CN', value: '899700100017' }]);
  cert.sign(
    forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
    forge.md.sha256.create(),
  );
  const signer = {
    certificatePem: forge.pki.certificateToPem(cert),
    signatures: 0,
    signSha256(data: Uint8Array): Promise<Uint8Array> {
      signer.signatures += 1;
      return Promise.resolve(createSign('sha256').update(data).sign(privateKey));
    },
  };
  return signer;
}

const claims: VihfClaims = {
  actor: '899700100017',
  authMode: 'DIRECTE',
  structureId: '0751234567',
  sector: 'SA07',
  subjectName: 'LUMIERE-TEST Claire',
  profession: { code: '10', label: 'Médecin' },
  specialty: { code: 'SM26', label: 'Qualifié en Médecine Générale' },
  accessMode: 'bris_de_glace',
  accessReason: 'Patient inconscient <urgence> & seul',
  patient: { matricule: '285057511203425', oid: '1.2.250.1.213.1.4.10' },
  software: { name: 'Passerelle', version: '0.1.0', homologation: 'TEST' },
  issueInstant: new Date('2026-11-23T10:00:00Z'),
  authnInstant: new Date('2026-11-23T09:00:00Z'),
};

describe('buildSignedVihf', () => {
  it('signs the assertion once through the signer, and xml-crypto verifies it with the certificate', async () => {
    const signer = pemSigner();
    const xml = await buildSignedVihf(claims, signer);
    expect(signer.signatures).toBe(1);
    const doc = parseXml(xml);
    const signature = doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[0]!;
    expect(signature.parentNode).toBe(doc.documentElement);
    expect(signature.previousSibling?.localName).toBe('Issuer');
    const verifier = new SignedXml({ publicCert: signer.certificatePem, getCertFromKeyInfo: () => null });
    verifier.loadSignature(signature);
    expect(verifier.checkSignature(xml)).toBe(true);
  });

  it('carries the access mode, the escaped reason, the patient and the roles', async () => {
    const xml = await buildSignedVihf(claims, pemSigner());
    expect(xml).toContain('code="bris_de_glace" codeSystem="1.2.250.1.213.1.1.4.248"');
    expect(xml).toContain('Patient inconscient &lt;urgence&gt; &amp; seul');
    expect(xml).toContain('285057511203425^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH');
    expect(xml).toContain('code="SM26" codeSystem="1.2.250.1.71.4.2.5"');
    expect(xml).not.toContain('Acces_Regulation_Medicale');
  });

  it('says whether the caller regulates calls at a centre 15 only when told', async () => {
    const regulator = await buildSignedVihf(
      { ...claims, accessMode: 'centre_15', medicalRegulation: true },
      pemSigner(),
    );
    expect(regulator).toContain(
      '<saml2:Attribute Name="Acces_Regulation_Medicale"><saml2:AttributeValue>VRAI</saml2:AttributeValue>',
    );
    const other = await buildSignedVihf({ ...claims, medicalRegulation: false }, pemSigner());
    expect(other).toContain('<saml2:AttributeValue>FAUX</saml2:AttributeValue>');
  });

  it('fails verification when an attribute is changed after signing', async () => {
    const signer = pemSigner();
    const tampered = (await buildSignedVihf(claims, signer)).replace('bris_de_glace', 'normal');
    const signature = parseXml(tampered).getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[0]!;
    const verifier = new SignedXml({ publicCert: signer.certificatePem, getCertFromKeyInfo: () => null });
    verifier.loadSignature(signature);
    let verified: boolean;
    try {
      verified = verifier.checkSignature(tampered);
    } catch {
      verified = false;
    }
    expect(verified).toBe(false);
  });

  it('refuses claims that break the model before signing anything', async () => {
    const signer = pemSigner();
    await expect(buildSignedVihf({ ...claims, sector: 'cabinet' }, signer)).rejects.toThrow();
    expect(signer.signatures).toBe(0);
  });
});
