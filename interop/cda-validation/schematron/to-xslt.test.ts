import { describe, expect, it } from 'vitest';

import { SCH_NS, type SchElement, type SchNode } from './model.js';
import { generateStylesheet } from './to-xslt.js';

const sch = (name: string, attrs: Record<string, string> = {}, ...children: SchNode[]): SchElement => ({
  ns: SCH_NS,
  name,
  attrs,
  children,
});

const assert = (test: string, ...message: SchNode[]): SchElement => sch('assert', { test }, ...message);

/** A schema declaring the CDA namespace as `cda`, with `children` after it. */
const cdaSchema = (...children: SchNode[]): SchElement =>
  sch('schema', {}, sch('ns', { prefix: 'cda', uri: 'urn:hl7-org:v3' }), ...children);

/** How many times `part` occurs in `text`. */
const count = (text: string, part: string): number => text.split(part).length - 1;

describe('the schematron-to-XSLT generator', () => {
  it('runs the phase asked, else the default phase, and refuses a phase the schema does not declare', () => {
    const schema = sch(
      'schema',
      { defaultPhase: 'short' },
      sch('phase', { id: 'short' }, sch('active', { pattern: 'a' })),
      sch('pattern', { id: 'a' }, sch('rule', { context: 'x' }, assert('@a'))),
      sch('pattern', { id: 'b' }, sch('rule', { context: 'y' }, assert('@b'))),
      sch('pattern', { id: 'c', abstract: 'true' }, sch('rule', { context: 'z' }, assert('@c'))),
    );
    expect(generateStylesheet(schema).patterns).toEqual([{ id: 'a' }]);
    expect(generateStylesheet(schema, '#ALL').patterns).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(() => generateStylesheet(schema, 'long')).toThrow('no phase named long');
  });

  it('declares the lets of the schema and of the active patterns globally, the first declaration winning', () => {
    const schema = sch(
      'schema',
      {},
      sch('let', { name: 'v', value: "'schema'" }),
      sch('pattern', { id: 'a' }, sch('let', { name: 'v', value: "'pattern'" }), sch('let', { name: 'w' })),
    );
    const { xslt } = generateStylesheet(schema);
    expect(xslt).toContain(`<xsl:variable name="v" select="'schema'"/><xsl:variable name="w" select="()"/>`);
    expect(xslt).not.toContain("'pattern'");
  });

  it('calls an abstract rule that needs none of its caller’s variables as one named template, and copies it otherwise', () => {
    const schema = sch(
      'schema',
      {},
      sch(
        'pattern',
        { id: 'a' },
        sch('rule', { abstract: 'true', id: 'base' }, assert('@code', 'a code')),
        sch('rule', { abstract: 'true', id: 'reads-local' }, assert('$local = 1', 'local')),
        sch('rule', { context: 'x' }, sch('extends', { rule: 'base' })),
        sch('rule', { context: 'y' }, sch('extends', { rule: 'base' })),
        sch(
          'rule',
          { context: 'z' },
          sch('let', { name: 'local', value: '1' }),
          sch('extends', { rule: 'reads-local' }),
        ),
        sch('rule', { context: 'w' }, sch('extends', { rule: 'missing' })),
      ),
    );
    const generated = generateStylesheet(schema);
    expect(generated.sharedAbstractRules).toBe(1);
    expect(count(generated.xslt, '<xsl:call-template name="c:abstract-1"/>')).toBe(2);
    expect(generated.xslt).toContain(
      '<xsl:template match="z" mode="p1" priority="1002"><xsl:variable name="local" select="1"/><xsl:if test="not($local = 1)">',
    );
    expect(generated.problems).toEqual(['abstract rule not found: missing']);
  });

  it('numbers identical checks once, compiles a repeated one once, and builds only dynamic messages in the stylesheet', () => {
    const repeated = (): SchElement => assert('@id', 'an id');
    const schema = cdaSchema(
      sch(
        'pattern',
        { id: 'a' },
        sch('title', {}, '  The\n title '),
        sch(
          'rule',
          { context: 'cda:x' },
          sch('let', { name: 'n', value: '@n' }),
          repeated(),
          // Reads its rule's variable: compiled in the rule, numbered before the shared checks.
          assert('$n', 'value ', sch('value-of', { select: '$n' })),
        ),
        sch('rule', { context: 'cda:y' }, repeated()),
      ),
    );
    const generated = generateStylesheet(schema);
    expect(generated.rules).toEqual([
      { kind: 'assert', test: '$n' },
      { kind: 'assert', test: '@id', message: 'an id' },
    ]);
    expect(generated.patterns).toEqual([{ id: 'a', title: 'The title' }]);
    expect(generated.sharedChecks).toBe(1);
    expect(count(generated.xslt, '<xsl:call-template name="c:check-1"/>')).toBe(2);
    expect(generated.xslt).toContain(
      '<xsl:template name="c:check-1"><xsl:if test="not(@id)"><f i="1" l="{c:where(.)}"></f></xsl:if></xsl:template>',
    );
    expect(generated.xslt).toContain(
      '<f i="0" l="{c:where(.)}"><xsl:text>value </xsl:text><xsl:value-of select="$n"/></f>',
    );
    // The walk tries the pattern only on the elements its rules name.
    expect(generated.xslt).toContain(
      `<xsl:if test="($c:u = 'urn:hl7-org:v3' and $c:n = ('x','y'))"><xsl:where-populated><p i="0">`,
    );
    expect(generated.xslt).toContain(' xmlns:cda="urn:hl7-org:v3" ');
  });
  it('looks the `//p:name` steps of tests, lets and messages up through the element-name key, keeping the test as written', () => {
    const schema = cdaSchema(
      sch('let', { name: 'all', value: 'count(//cda:entry)' }),
      sch(
        'pattern',
        { id: 'a' },
        sch(
          'rule',
          { context: '//cda:doc/cda:head' },
          sch('let', { name: 'first', value: '//cda:entry[1]' }),
          assert("//cda:entry[@code = 'x']", 'entries ', sch('value-of', { select: 'count(//cda:entry)' })),
        ),
      ),
    );
    const { xslt, rules } = generateStylesheet(schema);
    expect(rules).toEqual([{ kind: 'assert', test: "//cda:entry[@code = 'x']" }]);
    expect(xslt).toContain(`<xsl:key name="c:element-name" match="*" use="local-name()"/>`);
    expect(xslt).toContain(
      `<xsl:variable name="all" select="count(key('c:element-name', 'entry')[self::cda:entry])"/>`,
    );
    // A positional predicate counts among siblings in `//`, among all matches in the key's answer: kept.
    expect(xslt).toContain(`<xsl:variable name="first" select="//cda:entry[1]"/>`);
    expect(xslt).toContain(`<xsl:if test="not(key('c:element-name', 'entry')[self::cda:entry][@code = 'x'])">`);
    expect(xslt).toContain(`<xsl:value-of select="count(key('c:element-name', 'entry')[self::cda:entry])"/>`);
    // The rule's context is a pattern, matched as written.
    expect(xslt).toContain(`match="//cda:doc/cda:head"`);
  });

  it('splits a pattern of many rules on children of named elements by the parent’s name, each rule in its order', () => {
    const parents = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const schema = cdaSchema(
      sch(
        'pattern',
        { id: 'closed' },
        ...parents.map((p) => sch('rule', { context: `//cda:doc/cda:${p}/*[not(self::cda:x)]` }, assert('false()'))),
        // A union reaches both parents' modes, at its one priority.
        sch('rule', { context: 'cda:a/* | cda:h/*' }, assert('true()')),
      ),
    );
    const { xslt } = generateStylesheet(schema);
    // The element's parent finds the rules of its name through the mode's index, with the element to check.
    expect(xslt).toContain(
      `<xsl:apply-templates select=".." mode="p1-d"><xsl:with-param name="c:e" select="."/></xsl:apply-templates>`,
    );
    expect(xslt).toContain(
      `<xsl:template match="Q{urn:hl7-org:v3}a" mode="p1-d"><xsl:param name="c:e"/><xsl:for-each select="$c:e"><xsl:where-populated><p i="0"><xsl:apply-templates select="." mode="p1-1"/>`,
    );
    expect(count(xslt, 'mode="p1-d">')).toBe(8 + 1);
    expect(xslt).not.toContain('<xsl:choose>');
    expect(xslt).toContain('match="//cda:doc/cda:a/*[not(self::cda:x)]" mode="p1-1" priority="1008"');
    expect(xslt).toContain('match="cda:a/* | cda:h/*" mode="p1-1 p1-8" priority="1001"');
  });
  it('splits a pattern of many rules on named elements by the element’s name, found through the mode’s index', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const schema = cdaSchema(
      sch(
        'pattern',
        { id: 'header' },
        ...names.map((n) => sch('rule', { context: `//cda:doc/cda:${n}` }, assert('false()'))),
      ),
    );
    const { xslt } = generateStylesheet(schema);
    expect(xslt).toContain('<xsl:apply-templates select="." mode="p1-d"></xsl:apply-templates>');
    expect(xslt).toContain(
      `<xsl:template match="Q{urn:hl7-org:v3}h" mode="p1-d"><xsl:where-populated><p i="0"><xsl:apply-templates select="." mode="p1-8"/>`,
    );
    expect(xslt).toContain('match="//cda:doc/cda:h" mode="p1-8" priority="1001"');
  });
  it('finds the patterns bound to templateIds by the element’s own roots, in one look-up', () => {
    const byRoot = (id: string, ...roots: string[]): SchElement =>
      sch(
        'pattern',
        { id },
        ...roots.map((root) => sch('rule', { context: `*[cda:templateId/@root = '${root}']` }, assert('@a'))),
      );
    const schema = cdaSchema(
      byRoot('one', '1.1'),
      byRoot('two', '1.2', '1.1'),
      sch('pattern', { id: 'named' }, sch('rule', { context: 'cda:x' }, assert('@b'))),
    );
    const { xslt } = generateStylesheet(schema);
    expect(xslt).toContain(`<xsl:variable name="c:by-root" select="map{'1.1': (1,2), '1.2': (2)}"/>`);
    expect(xslt).toContain(`<xsl:variable name="c:by-number" select="[c:t1#1, c:t2#1]"/>`);
    expect(xslt).toContain(
      `<xsl:function name="c:t2"><xsl:param name="e"/><xsl:for-each select="$e"><xsl:where-populated><p i="1">`,
    );
    expect(count(xslt, 'exists($c:t)')).toBe(1);
    expect(xslt).not.toContain(`$c:t = ('1.1')`);
    expect(xslt).toContain(`<xsl:if test="($c:u = 'urn:hl7-org:v3' and $c:n = ('x'))"><xsl:where-populated><p i="2">`);
  });

  it('visits only the nodes along the paths its rules name when every context is such a path, else every node', () => {
    const rules = (...contexts: string[]): SchElement =>
      sch(
        'schema',
        {},
        sch('ns', { prefix: 'h', uri: 'urn:h' }),
        sch('pattern', { id: 'a' }, ...contexts.map((context) => sch('rule', { context }, assert('@a')))),
      );
    const paths = generateStylesheet(
      rules("//h:doc[h:kind/@code = 'x']/h:head/h:id", '//h:doc/h:head/*', '/', 'h:doc|//h:doc/h:body', '/h:top/h:x'),
    ).xslt;
    expect(paths).toContain(
      `<xsl:for-each select="(/) | //h:doc/(. | h:head/(. | h:id | *) | h:body) | /h:top/(. | h:x)">`,
    );
    expect(paths).not.toContain('mode="c:walk"');
    for (const other of ['h:doc//h:id', '//h:doc/@code', '//*/h:id', '//h:doc/h:id/text()', 'h:doc/parent::h:x']) {
      const all = generateStylesheet(rules('//h:doc/h:head', other)).xslt;
      expect(all, other).toContain('<xsl:apply-templates select="*" mode="c:walk"/>');
      expect(all, other).not.toContain('xsl:for-each');
    }
  });
});
