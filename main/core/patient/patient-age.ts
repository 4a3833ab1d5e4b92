/**
 * A patient's age in whole years on a day, from her birth date as INSi gives it (`YYYY-MM-DD`). A "lunar" date
 * (day or month `00`, unknown) counts from the end of the period it names: a patient is never taken for older
 * than she may be, so a minor is never refused a protection meant for minors.
 */
export function ageOn(birthDate: string, on: Date): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const birthMonth = month === 0 ? 12 : month;
  const birthDay = day === 0 ? new Date(Date.UTC(year, birthMonth, 0)).getUTCDate() : day;
  const today = { month: on.getUTCMonth() + 1, day: on.getUTCDate() };
  const beforeBirthday = today.month < birthMonth || (today.month === birthMonth && today.day < birthDay);
  return on.getUTCFullYear() - year - (beforeBirthday ? 1 : 0);
}

/** Under 18 on that day: a minor, whose record her legal representatives may reach (CSP L. 1111-5). */
export function isMinor(birthDate: string, on: Date): boolean {
  return ageOn(birthDate, on) < 18;
}
