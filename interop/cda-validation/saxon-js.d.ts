/** The part of SaxonJS (npm `saxon-js`, which ships no types) that the validator uses. */
declare module 'saxon-js' {
  interface TransformOptions {
    stylesheetInternal: unknown;
    sourceNode: unknown;
    destination: 'serialized';
  }
  const SaxonJS: {
    getResource(options: { text: string; type: 'xml' }): Promise<unknown>;
    transform(options: TransformOptions, mode: 'sync'): { principalResult: string };
  };
  export default SaxonJS;
}
