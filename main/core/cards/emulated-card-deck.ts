import type {
  CardKind as ContractCardKind,
  CardsStatus,
  PasserelleEvent,
  ProfessionalIdentity,
} from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import { CAST, type EmulatedCards, type VitaleData } from '../../../native-bridge/index.js';
import type { CardDeck } from '../router/card-port.js';
import { regulatesCentre15 } from '../session/centre-15.js';
import { actingSituation } from './card-credentials.js';
import type { DeskCards } from './card-patient-desk.js';
import type { PlatformCardSession, RelayStarter } from './card-tls-relay.js';

export const READERS = { professional: 'Lecteur CPS', vitale: 'Lecteur Vitale' } as const;

function contractKind(label: string): ContractCardKind | undefined {
  const kind = CAST.find((card) => card.label === label)?.kind;
  return kind === 'cps' || kind === 'cpe' || kind === 'vitale' ? kind : undefined;
}

/**
 * The UI's card deck over the emulated cards: the bi-slot virtual reader, the professional card's PIN
 * state, and one professional session, closed at once when its card leaves the reader. Its logins are for
 * the platform: each starts the card's TLS relay (`startRelay`), which ends with the session.
 */
export class EmulatedCardDeck implements CardDeck, DeskCards {
  private session: PlatformCardSession | undefined;
  readonly emulator;

  constructor(
    private readonly cards: EmulatedCards,
    private readonly startRelay: RelayStarter,
  ) {
    this.emulator = {
      catalogue: () =>
        Promise.resolve(
          CAST.flatMap((card) => {
            const kind = contractKind(card.label);
            return kind ? [{ label: card.label, kind, role: card.role }] : [];
          }),
        ),
      insert: (label: string) => Promise.resolve(cards.insert(label)),
      remove: (label: string) => {
        cards.remove(label);
        if (this.session?.label === label) this.closeSession();
        return Promise.resolve();
      },
    };
  }

  /** The live session, for the platform chain. */
  get current(): PlatformCardSession | undefined {
    return this.session?.open ? this.session : undefined;
  }

  /** The Vitale card in its reader, its signed data checked. */
  readVitale(): Promise<VitaleData> {
    const label = this.cards.reader.state().vitale;
    if (!label) return Promise.reject(new PasserelleError('VITALE_ABSENT'));
    return this.cards.service.readVitale(label);
  }

  private closeSession(): void {
    this.session?.logout();
    this.session = undefined;
  }

  status(): Promise<CardsStatus> {
    const state = this.cards.reader.state();
    const card = (label: string | null) => {
      const kind = label ? contractKind(label) : undefined;
      return label && kind ? { kind, label } : null;
    };
    const professional = state.professional;
    const pin = professional ? this.cards.service.pinStatus(professional) : null;
    const session = this.current;
    return Promise.resolve({
      readers: [
        { reader: READERS.professional, card: card(professional) },
        { reader: READERS.vitale, card: card(state.vitale) },
      ],
      pin: pin ? { triesLeft: pin.triesLeft, locked: pin.locked } : null,
      session: session ? identityOf(session) : null,
    });
  }

  async login(pin: string, options: { readonly confirmLastTry: boolean }): Promise<ProfessionalIdentity> {
    const label = this.cards.reader.state().professional;
    if (!label) throw new PasserelleError('CARD_ABSENT', { label: READERS.professional });
    this.closeSession();
    this.session = await this.cards.service.login(label, pin, { ...options, onAuthenticated: this.startRelay });
    return identityOf(this.session);
  }

  logout(): Promise<void> {
    this.closeSession();
    return Promise.resolve();
  }

  watch(publish: (event: PasserelleEvent) => void): () => void {
    return this.cards.watch((event) => {
      const kind = contractKind(event.label);
      if (!kind) return;
      const reader = READERS[event.slot];
      publish({ type: event.type === 'inserted' ? 'card.inserted' : 'card.removed', reader, cardKind: kind });
      if (event.type === 'removed' && this.session?.label === event.label) {
        this.closeSession();
        publish({ type: 'session.changed', open: false });
      }
    });
  }
}

function identityOf(session: PlatformCardSession): ProfessionalIdentity {
  const { identity } = session;
  return {
    nationalId: identity.nationalId,
    firstName: identity.firstName,
    lastName: identity.lastName,
    ...(identity.profession ? { profession: identity.profession } : {}),
    medicalRegulation: regulatesCentre15({ profession: identity.profession, structure: actingSituation(identity) }),
  };
}
