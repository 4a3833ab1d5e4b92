/**
 * Every XML namespace the product and the bundled mock read or write, named once. A key is also the prefix
 * the writer uses for it (`rim:Slot`, `xsi:type`); namespaces written only as a default namespace
 * (`xmlns="…"`) are keyed by what they are.
 */
export const XML_NS = {
  /** The `xml:` prefix (`xml:lang`), bound by XML itself. */
  xml: 'http://www.w3.org/XML/1998/namespace',
  /** Namespace declarations themselves (`xmlns:p` attributes). */
  xmlns: 'http://www.w3.org/2000/xmlns/',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  xsl: 'http://www.w3.org/1999/XSL/Transform',

  /** HL7 v3: CDA documents and the TD0.2 messages. */
  hl7: 'urn:hl7-org:v3',

  soap: 'http://www.w3.org/2003/05/soap-envelope',
  wsa: 'http://www.w3.org/2005/08/addressing',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  saml2: 'urn:oasis:names:tc:SAML:2.0:assertion',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  xades: 'http://uri.etsi.org/01903/v1.1.1#',

  /** ebXML registry (ebRIM/ebRS 3.0) and IHE XDS.b. */
  rim: 'urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0',
  lcm: 'urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0',
  query: 'urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0',
  rs: 'urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0',
  xdsb: 'urn:ihe:iti:xds-b:2007',
  xop: 'http://www.w3.org/2004/08/xop/include',

  /** The DMP-specific part of the TD0.2 answer. The public sources name its content, not its schema: our shape. */
  dmp: 'urn:si-dmp:patients',
  /** The DMP's fault details. */
  dmpError: 'urn:si-dmp:erreur',
  /** TD0.3, the DMP's habilitations service. */
  habilitations: 'urn:si-dmp-habilitations',

  /** INSi: the search with a Vitale card, the search with traits, their result, the LPS context, faults. */
  insiVitale: 'http://www.cnamts.fr/INSiRecVit',
  insiTraits: 'http://www.cnamts.fr/INSiRecSans',
  insiResult: 'http://www.cnamts.fr/INSiResultat',
  ctxlps: 'urn:siram:lps:ctxlps',
  siram: 'urn:siram',
} as const;

export type XmlPrefix = keyof typeof XML_NS;

/** The namespace a prefix of ours stands for, or undefined for a prefix we never write. */
export function namespaceOfPrefix(prefix: string): string | undefined {
  return Object.hasOwn(XML_NS, prefix) ? XML_NS[prefix as XmlPrefix] : undefined;
}

/** XML-DSig and XML-C14N algorithm identifiers, as the VIHF and the XAdES signature write and check them. */
export const DSIG_ALGORITHMS = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  envelopedSignature: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
} as const;
