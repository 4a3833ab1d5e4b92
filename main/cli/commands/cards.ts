import { readFileSync } from 'node:fs';

import type { Command } from 'commander';

import { PasserelleError } from '../../../api/errors/index.js';
import { action, withCore, type HomeOption } from '../cli-core.js';
import { cliHome } from '../host.js';
import { printJson } from '../output.js';
import { readPin, type PinSource } from '../pin-input.js';
import { both, line, say } from '../say.js';
import { CARDS } from '../texts/cards-texts.js';
import { withHome, withJson, withPin } from '../common-options.js';

interface JsonOption {
  readonly json?: boolean;
}

type PinOptions = PinSource & { readonly confirmLastTry?: boolean };

/** `passerelle cards …`: the cards and their readers; list, login and sign go through PKCS#11 (emulated or a vendor module). */
export function registerCardsCommand(program: Command): void {
  const cards = program.command('cards').description(both(CARDS, (t) => t.command));

  // Setting up the emulated cast is the home's, not the core's: no contract method provisions test cards.
  withHome(cards.command('provision'))
    .description(both(CARDS, (t) => t.provision))
    .action(
      action(async (options: HomeOption) => {
        // The card layer is loaded by the commands that use the cards, not by every `passerelle` command.
        const [{ CAST, provisionCast, TEST_PIN, TEST_PUK }, { homePaths }] = await Promise.all([
          import('../../../native-bridge/index.js'),
          import('../../core/workstation/home-paths.js'),
        ]);
        const root = cliHome(options);
        const result = provisionCast(root, undefined, { softHsmModule: process.env.PASSERELLE_SOFTHSM_MODULE });
        say(CARDS, (t) => t.provisioned, {
          folder: homePaths(root).cards,
          created: result.created.length,
          existing: result.existing.length,
        });
        if (result.upgraded.length > 0) say(CARDS, (t) => t.upgraded, { labels: result.upgraded.join(', ') });
        for (const card of CAST) {
          const note =
            card.kind === 'vitale' ? '' : `  ${both(CARDS, (t) => t.testPinAndPuk, { pin: TEST_PIN, puk: TEST_PUK })}`;
          line(`  ${card.label.padEnd(22)} ${card.kind.padEnd(6)} ${card.role}${note}`);
        }
      }),
    );

  withJson(withHome(cards.command('list')))
    .description(both(CARDS, (t) => t.list))
    .action(
      action(async (options: HomeOption & JsonOption) =>
        withCore(options, async ({ invoke }) => {
          const answer = await invoke('cards.list', {});
          if (options.json) return printJson(answer);
          for (const card of answer.cards) {
            const profession = card.profession ? ` — ${card.profession.label} (${card.profession.code})` : '';
            const test = card.testPin ? `  ${both(CARDS, (t) => t.testPin, { pin: card.testPin })}` : '';
            line(
              `${card.inserted ? '▶' : ' '} ${card.label.padEnd(22)} ${card.kind.padEnd(6)} ${card.holder}${profession}${test}`,
            );
          }
        }),
      ),
    );

  // A card put in its emulated reader or taken out: one command each, the contract method of the same name.
  for (const move of ['insert', 'remove'] as const) {
    withHome(cards.command(move).argument('<label>'))
      .description(both(CARDS, (t) => t[move]))
      .action(
        action(async (label: string, options: HomeOption) =>
          withCore(options, async ({ invoke }) => {
            await invoke(`cards.${move}`, { label });
            say(CARDS, (t) => (move === 'insert' ? t.inserted : t.removed), { label });
          }),
        ),
      );
  }

  withJson(withPin(withHome(cards.command('login').argument('<label>'))))
    .description(both(CARDS, (t) => t.login))
    .action(
      action(async (label: string, options: HomeOption & PinOptions & JsonOption) =>
        withCore(options, async ({ invoke }) => {
          const answer = await invoke('cards.verify', {
            label,
            pin: await readPin(options),
            confirmLastTry: options.confirmLastTry ?? false,
          });
          if (options.json) return printJson(answer);
          const { identity } = answer;
          line(`${identity.firstName} ${identity.lastName} — ${identity.nationalId} (${identity.cardType})`);
          if (identity.profession)
            line(
              `  ${identity.profession.label} (${identity.profession.code})${identity.specialty ? `, ${identity.specialty.label}` : ''}`,
            );
          for (const situation of identity.situations)
            line(`  ${situation.structureName} (${situation.structureId}, ${situation.sector})`);
          say(CARDS, (t) => t.triesLeft, { count: answer.pin.triesLeft });
        }),
      ),
    );

  // Signing any bytes with a professional's card is a test affordance of the command line, never a method of the
  // local API: other software on this computer must not obtain the card's signature of what it likes.
  withPin(withHome(cards.command('sign').argument('<label>')))
    .description(both(CARDS, (t) => t.sign))
    .requiredOption(
      '--in <file>',
      both(CARDS, (t) => t.signIn),
    )
    .action(
      action(async (label: string, options: HomeOption & PinOptions & { in: string }) => {
        let data: Buffer;
        try {
          data = readFileSync(options.in);
        } catch (cause) {
          const code = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE';
          throw new PasserelleError(code, { path: options.in, reason: (cause as Error).message }, { cause });
        }
        await withCore(options, async ({ workstation }) => {
          const deck = workstation.deck;
          if (!deck) throw new PasserelleError('CARDS_UNAVAILABLE');
          const signature = await deck.sign(
            label,
            await readPin(options),
            { confirmLastTry: options.confirmLastTry ?? false },
            data,
          );
          line(Buffer.from(signature).toString('base64'));
        });
      }),
    );
}
