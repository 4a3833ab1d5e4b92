import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { isPasserelleError } from '../../../../api/errors/index.js';
import { KIT_DIR } from '../../../../interop/cda-validation/test-support/rules.js';
import { renderDocument } from './cda-render.js';

const EXAMPLES = join(KIT_DIR, 'ExemplesCDA');
const files = readdirSync(EXAMPLES).filter((name) => name.endsWith('.xml'));

/** What must never be in rendered HTML: a script, an event handler, a reference outside the page. */
function dangers(html: string): string[] {
  const found: string[] = [];
  if (/<\s*script/i.test(html)) found.push('script');
  if (/<\s*(iframe|object|embed|img|link|form|base|svg|math|style\s+src)/i.test(html)) found.push('active element');
  if (/\son[a-z]+\s*=/i.test(html)) found.push('event handler');
  for (const match of html.matchAll(/\s(src|href|xlink:href|action|formaction|background|srcset)\s*=\s*"([^"]*)"/gi)) {
    if (match[1]!.toLowerCase() !== 'href' || !match[2]!.startsWith('#')) found.push(`${match[1]}=${match[2]}`);
  }
  if (/javascript:|data:|url\(/i.test(html.replace(/<style>[^<]*<\/style>/, ''))) found.push('url');
  return found;
}

describe('rendering the ANS example documents', () => {
  it('has examples to render', () => expect(files.length).toBeGreaterThan(50));

  it.each(files)('%s renders without error, with nothing executable nor external', (name) => {
    const content = readFileSync(join(EXAMPLES, name));
    const rendered = renderDocument(content, 'text/xml', { uniqueId: '1.2.3', visibility: ['MASQUE_PS'] });
    if (rendered.kind === 'html') {
      expect(dangers(rendered.html)).toEqual([]);
      expect(rendered.html).toContain('<header>');
      expect(rendered.html).toContain('masqué aux professionnels');
    } else if (rendered.kind === 'pdf') {
      expect(rendered.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } else {
      expect(rendered.content.length).toBeGreaterThan(0);
    }
  });

  it('shows a structured document’s author, dates, type, sections and tables', () => {
    const rendered = renderDocument(readFileSync(join(EXAMPLES, 'LDL-SES_2022.01.xml')), 'text/xml', {
      uniqueId: '1.2.3',
    });
    expect(rendered.kind).toBe('html');
    const html = rendered.kind === 'html' ? rendered.html : '';
    expect(html).toMatch(/Auteur \/ author/);
    expect(html).toMatch(/Date du document/);
    expect(html).toMatch(/<section><h2>/);
    expect(html).toMatch(/Visibilité \/ visibility<\/dt><dd>normale/);
  });

  it('gives the header apart, with author, patient, dates, custodian and encounter', () => {
    const rendered = renderDocument(readFileSync(join(EXAMPLES, 'LDL-SES_2022.01.xml')), 'text/xml', {
      uniqueId: '1.2.3',
    });
    const header = rendered.kind === 'html' ? rendered.cda?.header : undefined;
    expect(header?.type).not.toBe('');
    expect(header?.effectiveTime).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(header?.patient?.name).toMatch(/PAT-TROIS/);
    expect(header?.patient?.birthDate).toBe('1979-03-28');
    expect(header?.authors.length).toBeGreaterThan(0);
    expect(header?.authors[0]?.name).not.toBe('');
    expect(header?.custodian).toBeTruthy();
    expect(header?.encounter?.start).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  it('gives a structured document section by section, its embedded PDF as one item, the body without the header', () => {
    const rendered = renderDocument(readFileSync(join(EXAMPLES, 'BIO-CR-BIO_2024.01_Electrophorese.xml')), 'text/xml', {
      uniqueId: '1.2.3',
    });
    const cda = rendered.kind === 'html' ? rendered.cda : undefined;
    const htmlSections = cda?.sections.filter((section) => section.kind === 'html') ?? [];
    const pdfs = cda?.sections.filter((section) => section.kind === 'pdf') ?? [];
    expect(htmlSections.length).toBeGreaterThan(1);
    expect(htmlSections.every((section) => section.title !== '' && dangers(section.html).length === 0)).toBe(true);
    expect(pdfs).toHaveLength(1);
    expect(pdfs[0]?.kind === 'pdf' && pdfs[0].content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(cda?.body).not.toContain('<header>');
    expect(cda?.body).toContain('<section>');
  });

  it('gives back the PDF of a level 1 document, with its header', () => {
    const rendered = renderDocument(
      readFileSync(join(EXAMPLES, 'BIO-CR-BIO_2021.01_CDA-R2-Niveau-1.xml')),
      'text/xml',
      { uniqueId: '1.2.3' },
    );
    expect(rendered.kind).toBe('pdf');
    expect(rendered.kind === 'pdf' && rendered.header?.authors.length).toBeGreaterThan(0);
  });
});

describe('rendering hostile documents', () => {
  const cda = (body: string) =>
    Buffer.from(
      `<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:x="http://www.w3.org/1999/xhtml"><title>T</title><code code="11490-0" displayName="Lettre"/>` +
        `<component><structuredBody><component><section><title>S</title><text>${body}</text></section></component></structuredBody></component></ClinicalDocument>`,
    );

  it('escapes markup, drops handlers, scripts and external links, keeps fragment links', () => {
    const rendered = renderDocument(
      cda(
        `<paragraph onclick="alert(1)" styleCode="Bold">&lt;script&gt;alert(1)&lt;/script&gt;</paragraph>` +
          `<x:script>alert(2)</x:script><x:img src="http://evil/x.png" onerror="alert(3)"/>` +
          `<linkHtml href="http://evil/">lien</linkHtml><linkHtml href="#a1">ancre</linkHtml>` +
          `<linkHtml href="javascript:alert(4)">js</linkHtml><renderMultiMedia referencedObject="m1"/>` +
          `<table><tbody><tr><td colspan="2 onmouseover=alert(5)">c</td><td rowspan="3">d</td></tr></tbody></table>`,
      ),
      'text/xml',
      { uniqueId: '1.2.3' },
    );
    const html = rendered.kind === 'html' ? rendered.html : '';
    expect(dangers(html)).toEqual([]);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<p class="sc-bold">');
    expect(html).toContain('<a href="#a1">ancre</a>');
    expect(html).toContain('<a>lien</a>');
    expect(html).toContain('<td rowspan="3">d</td>');
    expect(html).toContain('<td>c</td>');
  });

  it('refuses a document with a DTD (entity bomb) without expanding it', () => {
    const bomb =
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>` +
      cda('&lol2;').toString();
    let error: unknown;
    try {
      renderDocument(Buffer.from(bomb), 'text/xml', { uniqueId: '1.2.3' });
    } catch (caught) {
      error = caught;
    }
    expect(isPasserelleError(error, 'XML_FORBIDDEN_CONSTRUCT')).toBe(true);
  });

  it('refuses a level 1 document that points outside itself', () => {
    const external = Buffer.from(
      `<ClinicalDocument xmlns="urn:hl7-org:v3"><component><nonXMLBody><text mediaType="application/pdf"><reference value="http://evil/x.pdf"/></text></nonXMLBody></component></ClinicalDocument>`,
    );
    expect(() => renderDocument(external, 'text/xml', { uniqueId: '1.2.3' })).toThrow(/external reference/);
  });
});
