/** The part of SaxonJS (npm `saxon-js`, which ships no types) that the validator uses. */
declare module 'saxon-js' {
  interface TransformOptions {
    stylesheetInternal: unknown;
    sourceNode: unknown;
    destination: 'serialized';
    /** Documents `doc()` finds without reading them, by absolute URI. */
    documentPool?: Readonly<Record<string, unknown>>;
  }
  const SaxonJS: {
    getResource(options: { text: string; type: 'xml' } | { file: string; type: 'xml' }): Promise<unknown>;
    transform(options: TransformOptions, mode: 'sync'): { principalResult: string };
  };
  export default SaxonJS;
}
