import type { QueuedDocument } from '../queue/queued-document.js';

/**
 * What the matricule itself says of the patient, checked against the traits stated beside it: the NIR (and
 * the NIA) opens with the sex (1 or 7 a man, 2 or 8 a woman) then the year and month of birth. A line whose
 * traits contradict its matricule belongs to two people — a copy slip in the hospital's export, the worst
 * failure of a batch — and is kept out of the queue. Returns the trait that differs, named in French and
 * English as the feed names traits, or undefined.
 *
 * Not checked: the birth place (the NIR keeps the commune code of the day of birth, which INS may have
 * updated since), a month of 20 or more (unknown or fictitious months in the NIR), and "lunar" dates.
 */
export function checkMatriculeAgainstTraits(patient: QueuedDocument['patient']): string | undefined {
  const { matricule, traits } = patient;
  const sexDigit = matricule[0];
  const sex = sexDigit === '1' || sexDigit === '7' ? 'M' : sexDigit === '2' || sexDigit === '8' ? 'F' : undefined;
  if (sex !== undefined && sex !== traits.sex) return 'le sexe / the sex';
  const [year, month] = traits.birthDate.split('-');
  if (year !== '0000' && matricule.slice(1, 3) !== year!.slice(2)) return 'la date de naissance / the birth date';
  const nirMonth = Number(matricule.slice(3, 5));
  if (nirMonth >= 1 && nirMonth <= 12 && month !== '00' && nirMonth !== Number(month))
    return 'la date de naissance / the birth date';
  return undefined;
}
