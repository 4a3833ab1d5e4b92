import { readFileSync } from 'node:fs';

import type { Command } from 'commander';

import { PasserelleError } from '../../../api/errors/index.js';
import {
  CardService,
  CAST,
  openEmulatedCards,
  provisionCast,
  realCardEnvironment,
  TEST_PUK,
  type EmulatedCards,
} from '../../../native-bridge/index.js';
import { ensureHome, resolveHome } from '../../core/config/home.js';
import { action, printJson } from '../output.js';
import { readPin } from '../pin-input.js';

interface HomeOption {
  readonly home?: string;
}

/** Opens the emulated cards of the home folder, provisioned if they were not yet. */
export function openCards(options: HomeOption): EmulatedCards {
  const home = ensureHome(resolveHome(options.home));
  provisionCast(home);
  return openEmulatedCards(home);
}

/**
 * The card service the commands that only talk PKCS#11 use: the vendor module named by
 * `PASSERELLE_PKCS11_MODULE` (CPS Cryptolib, OpenSC: real readers, the card counts its own PIN tries), else the
 * emulated cards of the home folder. Same calls either way.
 */
async function withCardService<T>(options: HomeOption, run: (service: CardService) => Promise<T> | T): Promise<T> {
  const modulePath = process.env.PASSERELLE_PKCS11_MODULE;
  if (!modulePath) return withCards(options, ({ service }) => run(service));
  const service = new CardService({ modulePath, environment: realCardEnvironment });
  try {
    return await run(service);
  } finally {
    service.close();
  }
}

async function withCards<T>(options: HomeOption, run: (cards: EmulatedCards) => Promise<T> | T): Promise<T> {
  const cards = openCards(options);
  try {
    return await run(cards);
  } finally {
    cards.close();
  }
}

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** `passerelle cards …`: the emulated cards and the virtual reader; login and sign go through PKCS#11. */
export function registerCardsCommand(program: Command): void {
  const cards = program.command('cards').description('Cartes CPS/CPE, Vitale et ORG (émulées) / emulated cards');
  const home = (command: Command): Command =>
    command.option('--home <dir>', 'dossier de données / data folder (PASSERELLE_HOME)');

  home(cards.command('provision'))
    .description('Crée les cartes émulées (idempotent) / provision the emulated cards (idempotent)')
    .action(
      action((options: HomeOption) => {
        const root = ensureHome(resolveHome(options.home));
        const result = provisionCast(root);
        out(
          `Cartes émulées dans / emulated cards in ${root}/cards (${result.created.length} créée(s) / created, ${result.existing.length} déjà là / already there` +
            `${result.upgraded.length > 0 ? `, dont ${result.upgraded.length} complétée(s) / of which ${result.upgraded.length} completed: ${result.upgraded.join(', ')}` : ''})`,
        );
        for (const card of CAST) {
          const pin =
            card.kind === 'vitale' ? '' : `  PIN de test / test PIN: 1234 (PUK de test / test PUK: ${TEST_PUK})`;
          out(`  ${card.label.padEnd(22)} ${card.kind.padEnd(6)} ${card.role}${pin}`);
        }
        return Promise.resolve();
      }),
    );

  home(cards.command('list'))
    .description('Liste les cartes et les lecteurs / list cards and readers')
    .option('--json', 'sortie JSON / JSON output')
    .action(
      action(async (options: HomeOption & { json?: boolean }) =>
        withCardService(options, (service) => {
          const list = service.list();
          if (options.json) return printJson(list);
          for (const card of list) {
            const profession = card.profession ? ` — ${card.profession.label} (${card.profession.code})` : '';
            const pin = card.testPin ? `  [PIN de test / test PIN ${card.testPin}]` : '';
            out(
              `${card.inserted ? '▶' : ' '} ${card.label.padEnd(22)} ${card.kind.padEnd(6)} ${card.holder}${profession}${pin}`,
            );
          }
        }),
      ),
    );

  home(cards.command('insert').argument('<label>'))
    .description('Insère une carte émulée dans son lecteur / insert an emulated card')
    .action(
      action(async (label: string, options: HomeOption) =>
        withCards(options, (emulated) => {
          emulated.insert(label);
          out(`${label} insérée / inserted`);
        }),
      ),
    );

  home(cards.command('remove').argument('<label>'))
    .description('Retire une carte émulée / remove an emulated card')
    .action(
      action(async (label: string, options: HomeOption) =>
        withCards(options, (emulated) => {
          emulated.remove(label);
          out(`${label} retirée / removed`);
        }),
      ),
    );

  home(cards.command('login').argument('<label>'))
    .description("Présente le PIN et affiche l'identité / present the PIN and show the identity")
    .option('--pin-stdin', 'lit le PIN sur l’entrée standard / read the PIN from standard input')
    .option('--confirm-last-try', 'accepte de présenter le dernier essai / allow presenting the last try')
    .option('--json', 'sortie JSON / JSON output')
    .action(
      action(
        async (label: string, options: HomeOption & { pinStdin?: boolean; confirmLastTry?: boolean; json?: boolean }) =>
          withCardService(options, async (service) => {
            const before = service.pinStatus(label);
            if (before.locked) throw new PasserelleError('PIN_LOCKED', { label });
            const session = await service.login(label, await readPin(options), {
              confirmLastTry: options.confirmLastTry ?? false,
            });
            const status = service.pinStatus(label);
            session.logout();
            if (options.json) return printJson({ identity: session.identity, pin: status });
            const { identity } = session;
            out(`${identity.firstName} ${identity.lastName} — ${identity.nationalId} (${identity.cardType})`);
            if (identity.profession)
              out(
                `  ${identity.profession.label} (${identity.profession.code})${identity.specialty ? `, ${identity.specialty.label}` : ''}`,
              );
            for (const situation of identity.situations)
              out(`  ${situation.structureName} (${situation.structureId}, ${situation.sector})`);
            out(`  Essais restants / tries left: ${status.triesLeft}`);
          }),
      ),
    );

  home(cards.command('sign').argument('<label>'))
    .description('Signe un fichier (RSA PKCS#1 v1.5, SHA-256) / sign a file')
    .requiredOption('--in <file>', 'fichier à signer / file to sign')
    .option('--pin-stdin', 'lit le PIN sur l’entrée standard / read the PIN from standard input')
    .option('--confirm-last-try', 'accepte de présenter le dernier essai / allow presenting the last try')
    .action(
      action(
        async (label: string, options: HomeOption & { in: string; pinStdin?: boolean; confirmLastTry?: boolean }) => {
          let data: Buffer;
          try {
            data = readFileSync(options.in);
          } catch (cause) {
            const code = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE';
            throw new PasserelleError(code, { path: options.in, reason: (cause as Error).message }, { cause });
          }
          await withCardService(options, async (service) => {
            const session = await service.login(label, await readPin(options), {
              confirmLastTry: options.confirmLastTry ?? false,
            });
            try {
              out(Buffer.from(await session.signature.signSha256(data)).toString('base64'));
            } finally {
              session.logout();
            }
          });
        },
      ),
    );
}
