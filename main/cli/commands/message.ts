import { resolve } from 'node:path';

import type { Command } from 'commander';

import type { SentMessage } from '../../../api/contract/index.js';
import { withHome, withJson, withPin } from '../common-options.js';
import { action, withCore } from '../cli-core.js';
import { printJson } from '../output.js';
import { identifyPatient, patientCommand, signIn, withSignIn, type PatientOptions } from '../patient-session.js';
import { both, line, say } from '../say.js';
import { MESSAGES } from '../texts/message-texts.js';

interface SendOptions extends PatientOptions {
  readonly toPatient?: boolean;
  readonly to?: string[];
  readonly attach?: string[];
  readonly document?: string[];
  readonly subject: string;
  readonly body?: string;
  /** `--no-reply` sets it false. */
  readonly reply: boolean;
  readonly identityChecked?: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function printSent(message: SentMessage): void {
  say(MESSAGES, (t) => t.sent, { messageId: message.messageId });
  say(MESSAGES, (t) => t.recipients, { to: message.to.join(', ') });
  say(MESSAGES, (t) => t.headers, {
    headers: Object.entries(message.headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join(', '),
  });
}

/**
 * `passerelle message send` and `passerelle message list`: secure messaging about the patient in front of the
 * professional, through the contract (`session.login`, `patient.vitale`, `patient.identify`, `patient.qualify`
 * with `--identity-checked`, then `message.send`, whose response `--json` prints; `message.list`).
 */
export function registerMessageCommands(program: Command): void {
  const message = program.command('message').description(both(MESSAGES, (t) => t.message));
  patientCommand(
    message,
    'send',
    both(MESSAGES, (t) => t.send),
  )
    .option(
      '--to-patient',
      both(MESSAGES, (t) => t.toPatient),
    )
    .option(
      '--to <address...>',
      both(MESSAGES, (t) => t.to),
    )
    .option(
      '--attach <file>',
      both(MESSAGES, (t) => t.attach),
      collect,
    )
    .option(
      '--document <uniqueId>',
      both(MESSAGES, (t) => t.document),
      collect,
    )
    .requiredOption(
      '--subject <subject>',
      both(MESSAGES, (t) => t.subject),
    )
    .option(
      '--body <text>',
      both(MESSAGES, (t) => t.body),
    )
    .option(
      '--no-reply',
      both(MESSAGES, (t) => t.noReply),
    )
    .option(
      '--identity-checked <document>',
      both(MESSAGES, (t) => t.identityChecked),
    )
    .action(
      action(async (options: SendOptions) =>
        withCore(options, async ({ invoke }) => {
          await identifyPatient(invoke, options);
          if (options.identityChecked !== undefined)
            await invoke('patient.qualify', { documentChecked: options.identityChecked });
          const answer = await invoke('message.send', {
            toPatient: options.toPatient ?? false,
            to: options.to ?? [],
            attachments: (options.attach ?? []).map((file) => ({ kind: 'file' as const, path: resolve(file) })),
            documents: options.document ?? [],
            subject: options.subject,
            body: options.body ?? '',
            noReply: !options.reply,
          });
          if (options.json) return printJson(answer);
          printSent(answer.message);
        }),
      ),
    );

  withSignIn(withJson(withHome(withPin(message.command('list')))))
    .description(both(MESSAGES, (t) => t.list))
    .action(
      action(async (options: Omit<PatientOptions, 'vitale'>) =>
        withCore(options, async ({ invoke }) => {
          // Without either, message.list says that her mailbox needs her session.
          if (options.card !== undefined || options.eCps) await signIn(invoke, options);
          const answer = await invoke('message.list', {});
          if (options.json) return printJson(answer);
          say(MESSAGES, (t) => t.sentTitle);
          if (answer.sent.length === 0) say(MESSAGES, (t) => t.none);
          for (const sent of answer.sent)
            line(
              `${sent.sentAt}  [${sent.status}]  ${sent.to.join(', ')}  ${sent.subject}  (${sent.attachments.map((a) => a.name).join(', ')})`,
            );
          say(MESSAGES, (t) => t.receivedTitle);
          if (answer.received.length === 0) say(MESSAGES, (t) => t.noneReceived);
          for (const received of answer.received) line(`${received.receivedAt}  ${received.from}  ${received.subject}`);
        }),
      ),
    );
}
