/** A sign-in request waiting on a professional's e-CPS app. */
export interface PendingRequest {
  /** The provider's id of the backchannel request. */
  readonly id: string;
  readonly nationalId: string;
  /** What the app shows so that she recognises the request her software displays. */
  readonly bindingMessage: string;
  /** Epoch milliseconds after which the request can no longer be answered. */
  readonly expiresAt: number;
}

/** How the phone answers a request: approve (with the acr the app reached) or refuse. */
export type PhoneAnswer = { readonly approve: true; readonly acr?: string } | { readonly approve: false };

/**
 * The e-CPS app of every professional of the cast, played by the mock: the sign-in requests waiting for an
 * answer, and who answers them — the page, the command line, or, with auto-approval on, the mock itself.
 */
export class EcpsPhone {
  private readonly pending = new Map<string, PendingRequest>();

  constructor(
    /** Delivers an answer to the provider. */
    private readonly answer: (request: PendingRequest, answer: PhoneAnswer) => Promise<void>,
    private readonly now: () => number,
    /** Test switch: every request is approved as soon as it arrives. */
    public autoApprove = false,
  ) {}

  /** A new request reaches the professional's app. */
  async ring(request: PendingRequest): Promise<void> {
    if (this.autoApprove) {
      await this.answer(request, { approve: true });
      return;
    }
    this.pending.set(request.id, request);
  }

  /** The requests still waiting, oldest first; expired ones are dropped. */
  list(): PendingRequest[] {
    const now = this.now();
    for (const [id, request] of this.pending) if (request.expiresAt <= now) this.pending.delete(id);
    return [...this.pending.values()];
  }

  /**
   * Answers the oldest pending request of a professional (by national id), or a request by its id. False
   * when none waits.
   */
  async respond(who: { readonly nationalId: string } | { readonly id: string }, answer: PhoneAnswer): Promise<boolean> {
    const request = this.list().find((candidate) =>
      'id' in who ? candidate.id === who.id : candidate.nationalId === who.nationalId,
    );
    if (!request) return false;
    this.pending.delete(request.id);
    await this.answer(request, answer);
    return true;
  }
}
