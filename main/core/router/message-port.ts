import type { RequestOf, SentMessage } from '../../../api/contract/index.js';

/**
 * What the core's messaging methods need: sending a message about the current patient through the MSSanté
 * operator, and what this workstation sent. Implemented in main/core/messaging.
 */
export interface MessagingDesk {
  send(request: RequestOf<'message.send'>): Promise<SentMessage>;
  list(): Promise<SentMessage[]>;
}
