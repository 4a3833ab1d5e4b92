import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { isPasserelleError } from '../../../api/errors/index.js';
import type { WorkstationDeck } from '../cards/card-deck.js';
import { openWorkstation, type Workstation } from './workstation.js';

const opened: Workstation[] = [];
afterEach(() => {
  for (const workstation of opened.splice(0)) workstation.close();
  vi.unstubAllEnvs();
});

function workstationOf(environment: Record<string, string | undefined> = {}, deck?: () => WorkstationDeck) {
  const home = mkdtempSync(join(tmpdir(), 'passerelle-workstation-'));
  const workstation = openWorkstation({ home, environment, version: '9.9.9', ...(deck ? { deck } : {}) });
  opened.push(workstation);
  return { home, workstation };
}

function codeOf(read: () => unknown): string | undefined {
  try {
    read();
  } catch (error) {
    return isPasserelleError(error) ? error.code : 'not typed';
  }
  return undefined;
}

describe('the workstation an entry point builds', () => {
  it('takes the platform from the environment its entry point gave, never from the process’s', () => {
    vi.stubEnv('PASSERELLE_PLATFORM_URL', 'https://process.example/');
    const { workstation } = workstationOf({
      PASSERELLE_PLATFORM_URL: 'https://given.example/',
      PASSERELLE_ENVIRONMENT: 'test',
    });
    expect(workstation.platform.url).toBe('https://given.example/');
    expect(workstation.platform.environment).toBe('test');
    expect(workstation.software).toMatchObject({ name: 'Passerelle', version: '9.9.9' });
  });

  it('reads nothing before it is asked: a malformed settings file is said when the settings are needed', () => {
    const { home, workstation } = workstationOf();
    writeFileSync(join(home, 'settings.json'), '{ not json');
    expect(codeOf(() => workstation.maxDocumentBytes)).toBe('SETTINGS_INVALID');
  });

  it('opens each database when first needed, once, and closes it with the workstation', () => {
    const { home, workstation } = workstationOf();
    expect(existsSync(join(home, 'journal.sqlite'))).toBe(false);
    const journal = workstation.journal();
    expect(workstation.journal()).toBe(journal);
    expect(existsSync(join(home, 'journal.sqlite'))).toBe(true);
    expect(existsSync(join(home, 'consult.sqlite'))).toBe(false);
    workstation.close();
    expect(() => journal.record({ actor: 'x', action: 'identity.retrieved', patient: 'p', details: {} })).toThrow();
  });

  it('compiles the official rules when a document is first checked, and tries again after a failure', async () => {
    const { workstation } = workstationOf({ PASSERELLE_CDA_RULES: join(tmpdir(), 'no-such-kit') });
    const first = workstation.documentChecker();
    await expect(first).rejects.toBeInstanceOf(Error);
    const second = workstation.documentChecker();
    expect(second).not.toBe(first);
    await expect(second).rejects.toBeInstanceOf(Error);
  });

  it('opens its card deck when a card is first used, not before', async () => {
    let opens = 0;
    const deck = {
      status: () => Promise.resolve({ readers: [], pin: null, session: null }),
      watch: () => () => undefined,
      close: () => undefined,
    } as unknown as WorkstationDeck;
    const { workstation } = workstationOf({}, () => {
      opens += 1;
      return deck;
    });
    expect(opens).toBe(0);
    expect(workstation.deck?.professional).toBeUndefined();
    await workstation.deck?.status();
    await workstation.deck?.status();
    expect(opens).toBe(1);
  });
});
