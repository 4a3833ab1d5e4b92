import type {
  CardHolder,
  CardKind as ContractCardKind,
  CardListing,
  CardsStatus,
  PasserelleEvent,
  PinState,
  ProfessionalIdentity,
} from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import type { CardService, CardSession, VitaleData } from '../../../native-bridge/index.js';
import type { CardDeck, CardEmulatorControls, PinOptions } from '../router/card-port.js';
import { regulatesCentre15 } from '../session/centre-15.js';
import { actingSituation } from './card-credentials.js';
import type { PlatformCardSession, RelayOptions, RelayStarter } from './card-tls-relay.js';

/** The names the readers go by in the window and in events. */
export const READERS = { professional: 'Lecteur CPS', vitale: 'Lecteur Vitale' } as const;

/** Which card is in which reader, by label; null when a reader is empty. */
export interface ReaderState {
  readonly professional: string | null;
  readonly vitale: string | null;
}

/** A change in a reader, as the deck's readers report it. */
export interface ReaderChange {
  readonly type: 'inserted' | 'removed';
  readonly slot: keyof ReaderState;
  readonly label: string;
}

/**
 * The readers of a deck: what is in them, what kind each card is, and (when the readers can tell) the changes.
 * The emulated cards have a virtual bi-slot reader; a vendor module's readers are polled, the Vitale card read apart.
 */
export interface DeckReaders {
  state(): ReaderState;
  /** Whether the card named is in the reader of that kind. */
  holds(slot: keyof ReaderState, label: string): boolean;
  kindOf(label: string): ContractCardKind | undefined;
  /** Whether the workstation has a Vitale reader at all: a real one needs the SESAM-Vitale stack. */
  readonly readsVitale: boolean;
  /** Reads the Vitale card named, in the Vitale reader (its own reader: not through PKCS#11 on a real workstation). */
  readVitale(label: string): Promise<VitaleData>;
  /** Reports insertions and removals; absent when the readers cannot tell (then nothing is published). */
  watch?(listener: (change: ReaderChange) => void): () => void;
  readonly emulator?: CardEmulatorControls;
  close(): void;
}

/** How the deck starts a card's TLS relays at login, for the workstation's platform. */
export type RelayStarters = (options: RelayOptions) => RelayStarter;

/**
 * The card deck of a workstation: the card methods of the contract, and what the desks need of the cards —
 * the professional's session, the Vitale card, another card opened for the platform (the establishment's ORG
 * token) or to sign once.
 */
export interface WorkstationDeck extends CardDeck {
  /** The professional's card session opened by `login`, its relay started; undefined when none or it ended. */
  readonly professional: PlatformCardSession | undefined;
  /** The Vitale card in its reader (the one `label` names, when given), its signed data checked. */
  readVitale(label?: string): Promise<VitaleData>;
  /** Opens a card for the platform apart from the professional's session, its relays started at login. */
  openForPlatform(label: string, pin: string, options: PinOptions & RelayOptions): Promise<PlatformCardSession>;
  /** Signs data (RSA PKCS#1 v1.5, SHA-256) with a card's signature key, its PIN presented for this once. */
  sign(label: string, pin: string, options: PinOptions, data: Buffer): Promise<Uint8Array>;
  close(): void;
}

/** The professional as the contract shows her, from her card session. */
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

/** A card's holder as the contract shows it, from a card session. */
function holderOf(session: CardSession): CardHolder {
  const { identity } = session;
  return {
    cardType: identity.cardType,
    nationalId: identity.nationalId,
    lastName: identity.lastName,
    firstName: identity.firstName,
    ...(identity.profession ? { profession: identity.profession } : {}),
    ...(identity.specialty ? { specialty: identity.specialty } : {}),
    situations: identity.situations.map((situation) => ({ ...situation })),
    ...(identity.organisation ? { organisation: { ...identity.organisation } } : {}),
  };
}

/**
 * A deck over one PKCS#11 card service (the emulated cast's SoftHSM2, or a vendor module) and its readers: the
 * same calls either way. It holds one professional session at a time, closed at once when its card leaves the
 * reader; its logins start the card's TLS relays (`relays`), which end with the session.
 */
export class ServiceCardDeck implements WorkstationDeck {
  private session: PlatformCardSession | undefined;
  /** Where `watch` publishes, once something watches the deck. */
  private publish: ((event: PasserelleEvent) => void) | undefined;
  readonly emulator: CardEmulatorControls | undefined;

  constructor(
    private readonly service: CardService,
    private readonly readers: DeckReaders,
    private readonly relays: RelayStarters,
  ) {
    const controls = readers.emulator;
    this.emulator = controls && {
      catalogue: () => controls.catalogue(),
      insert: (label) => controls.insert(label),
      remove: async (label) => {
        await controls.remove(label);
        // Ended at once rather than when the watcher sees the card go, and said as a pulled-out card is.
        if (this.session?.label !== label) return;
        this.endSession();
        this.publish?.({ type: 'session.changed', open: false, reason: 'card-removed' });
      },
    };
  }

  get professional(): PlatformCardSession | undefined {
    return this.session?.open ? this.session : undefined;
  }

  private endSession(): void {
    this.session?.logout();
    this.session = undefined;
  }

  /** The card in a reader: the one named, which must be there, or whichever is. */
  private inReader(slot: keyof ReaderState, label: string | undefined): string {
    if (label !== undefined) {
      if (!this.readers.holds(slot, label)) throw new PasserelleError('CARD_ABSENT', { label });
      return label;
    }
    const present = this.readers.state()[slot];
    if (present) return present;
    if (slot === 'vitale') throw new PasserelleError('VITALE_ABSENT');
    throw new PasserelleError('CARD_ABSENT', { label: READERS.professional });
  }

  status(): Promise<CardsStatus> {
    const state = this.readers.state();
    const card = (label: string | null) => {
      const kind = label ? this.readers.kindOf(label) : undefined;
      return label && kind ? { kind, label } : null;
    };
    const pin = state.professional ? this.service.pinStatus(state.professional) : null;
    const session = this.professional;
    return Promise.resolve({
      readers: [
        { reader: READERS.professional, card: card(state.professional) },
        ...(this.readers.readsVitale ? [{ reader: READERS.vitale, card: card(state.vitale) }] : []),
      ],
      pin: pin ? { triesLeft: pin.triesLeft, locked: pin.locked } : null,
      session: session ? identityOf(session) : null,
    });
  }

  list(): Promise<readonly CardListing[]> {
    return Promise.resolve(this.service.list());
  }

  async verify(label: string, pin: string, options: PinOptions): Promise<{ identity: CardHolder; pin: PinState }> {
    if (this.service.pinStatus(label).locked) throw new PasserelleError('PIN_LOCKED', { label });
    const session = await this.service.login(label, pin, options);
    try {
      const after = this.service.pinStatus(label);
      return { identity: holderOf(session), pin: { triesLeft: after.triesLeft, locked: after.locked } };
    } finally {
      session.logout();
    }
  }

  async login(pin: string, options: PinOptions & { readonly label?: string }): Promise<ProfessionalIdentity> {
    const label = this.inReader('professional', options.label);
    this.endSession();
    this.session = await this.service.login(label, pin, {
      confirmLastTry: options.confirmLastTry,
      onAuthenticated: this.relays({}),
    });
    return identityOf(this.session);
  }

  logout(): Promise<void> {
    this.endSession();
    return Promise.resolve();
  }

  async readVitale(label?: string): Promise<VitaleData> {
    if (!this.readers.readsVitale) throw new PasserelleError('VITALE_READER_UNAVAILABLE');
    return this.readers.readVitale(this.inReader('vitale', label));
  }

  openForPlatform(label: string, pin: string, options: PinOptions & RelayOptions): Promise<PlatformCardSession> {
    return this.service.login(label, pin, {
      confirmLastTry: options.confirmLastTry,
      onAuthenticated: this.relays(options.insi === undefined ? {} : { insi: options.insi }),
    });
  }

  async sign(label: string, pin: string, options: PinOptions, data: Buffer): Promise<Uint8Array> {
    const session = await this.service.login(label, pin, options);
    try {
      return await session.signature.signSha256(data);
    } finally {
      session.logout();
    }
  }

  watch(publish: (event: PasserelleEvent) => void): () => void {
    this.publish = publish;
    if (!this.readers.watch) return () => undefined;
    return this.readers.watch((change) => {
      const kind = this.readers.kindOf(change.label);
      if (!kind) return;
      const reader = READERS[change.slot];
      publish({ type: change.type === 'inserted' ? 'card.inserted' : 'card.removed', reader, cardKind: kind });
      if (change.type === 'removed' && this.session?.label === change.label) {
        this.endSession();
        publish({ type: 'session.changed', open: false, reason: 'card-removed' });
      }
    });
  }

  close(): void {
    this.endSession();
    this.readers.close();
  }
}
