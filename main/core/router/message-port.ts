import type { RequestOf, ResponseOf, SentMessage } from '../../../api/contract/index.js';

/**
 * What the core's messaging methods need: sending a message about the current patient through the MSSanté
 * operator, and what this workstation sent and received. Implemented in main/core/messaging.
 */
export interface MessagingDesk {
  send(request: RequestOf<'message.send'>): Promise<SentMessage>;
  /** What this workstation sent with each one's status, and her mailbox's messages, newest first. */
  list(): Promise<ResponseOf<'message.list'>>;
}
