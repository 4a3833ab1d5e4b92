import type { PasserelleEvent } from '../../../api/contract/index.js';
import type { CardEmulatorControls } from '../router/card-port.js';
import type { WorkstationDeck } from './card-deck.js';

/** A listener of the deck's events, and how to stop the deck's watch once it runs. */
interface Watcher {
  readonly publish: (event: PasserelleEvent) => void;
  stop?: () => void;
}

/**
 * The deck an entry point chose, opened when first used: a command that never touches a card (checking a
 * document, listing the batch) never loads a PKCS#11 module, and a machine without SoftHSM2 still runs it.
 * Whoever watched before it opened is watching once it does.
 */
export class LazyDeck implements WorkstationDeck {
  private opened: WorkstationDeck | undefined;
  private readonly watchers = new Set<Watcher>();

  constructor(private readonly open: () => WorkstationDeck) {}

  private deck(): WorkstationDeck {
    if (!this.opened) {
      const opened = this.open();
      this.opened = opened;
      for (const watcher of this.watchers) watcher.stop = opened.watch(watcher.publish);
    }
    return this.opened;
  }

  get professional(): WorkstationDeck['professional'] {
    return this.opened?.professional;
  }

  get emulator(): CardEmulatorControls | undefined {
    return this.deck().emulator;
  }

  status: WorkstationDeck['status'] = () => this.deck().status();
  list: WorkstationDeck['list'] = () => this.deck().list();
  verify: WorkstationDeck['verify'] = (label, pin, options) => this.deck().verify(label, pin, options);
  login: WorkstationDeck['login'] = (pin, options) => this.deck().login(pin, options);
  logout: WorkstationDeck['logout'] = () => this.opened?.logout() ?? Promise.resolve();
  readVitale: WorkstationDeck['readVitale'] = (label) => this.deck().readVitale(label);
  openForPlatform: WorkstationDeck['openForPlatform'] = (label, pin, options) =>
    this.deck().openForPlatform(label, pin, options);
  sign: WorkstationDeck['sign'] = (label, pin, options, data) => this.deck().sign(label, pin, options, data);

  watch(publish: (event: PasserelleEvent) => void): () => void {
    const watcher: Watcher = { publish };
    this.watchers.add(watcher);
    if (this.opened) watcher.stop = this.opened.watch(publish);
    return () => {
      watcher.stop?.();
      this.watchers.delete(watcher);
    };
  }

  close(): void {
    this.opened?.close();
  }
}
