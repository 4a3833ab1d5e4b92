/**
 * The NIR key: 97 − (body mod 97) on the 13-character body, where Corsica's departments 2A and 2B count as
 * 19 and 18. A remainder of 0 gives 97, never 00.
 */
export declare function nirKey(body: string): string;
/** True when a 15-character NIR (body + key) has a correct key. */
export declare function isNirKeyValid(nir: string): boolean;
