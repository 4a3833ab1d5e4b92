import type * as SafeParse from '../../../../interop/xml/safe-parse.js';

/** The texts of the CDA documents Passerelle parsed, in order, since the last {@link takeCdaParses}. */
const parsed: string[] = [];

/**
 * The XML parser module with its one entry point counting the CDA documents parsed, for a test to install with
 * `vi.mock('…/interop/xml/safe-parse.js', async (original) => (await import('…/cda-parses.js')).countingCdaParses(await original()))`.
 * Every XML Passerelle reads goes through `parseXml`; a CDA is told by its root element's name. The mock
 * platform, when it runs in the test's process, reads the documents it receives: its parses are its own and
 * are not counted (told by the stack).
 */
export function countingCdaParses(actual: typeof SafeParse): typeof SafeParse {
  return {
    ...actual,
    parseXml(xml, options) {
      if (xml.includes('ClinicalDocument') && !calledFromMockPlatform()) parsed.push(xml);
      return actual.parseXml(xml, options);
    },
  };
}

/** The CDA texts parsed since the last call, and starts counting afresh. */
export function takeCdaParses(): string[] {
  return parsed.splice(0);
}

function calledFromMockPlatform(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Infinity;
  try {
    return /[/\\]mock-platform[/\\]/.test(new Error().stack ?? '');
  } finally {
    Error.stackTraceLimit = limit;
  }
}
