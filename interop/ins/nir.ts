/**
 * The NIR key: 97 − (body mod 97) on the 13-character body, where Corsica's departments 2A and 2B count as
 * 19 and 18. A remainder of 0 gives 97, never 00.
 */
export function nirKey(body: string): string {
  if (!/^[12378]\d{2}(0[0-9]|1[0-2]|[2-9]\d)(\d{2}|2[AB])\d{6}$/i.test(body)) {
    throw new RangeError('a NIR body is 13 characters: sex, year, month, department, commune, order');
  }
  const numeric = body.toUpperCase().replace('2A', '19').replace('2B', '18');
  const remainder = Number(BigInt(numeric) % 97n);
  return String(97 - remainder).padStart(2, '0');
}

/** True when a 15-character NIR (body + key) has a correct key. */
export function isNirKeyValid(nir: string): boolean {
  if (nir.length !== 15) return false;
  try {
    return nirKey(nir.slice(0, 13)) === nir.slice(13);
  } catch {
    return false;
  }
}
