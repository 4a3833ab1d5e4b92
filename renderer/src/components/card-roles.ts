import type { EmulatedCard } from '../../../api/contract/index.js';

/** What an emulated card stands for, in the window's language; the deck's own words for a card the catalogue lacks. */
export function cardRoleOf(
  card: Pick<EmulatedCard, 'label' | 'role'>,
  roles: Readonly<Record<string, string>>,
): string {
  return roles[card.label] ?? card.role;
}
