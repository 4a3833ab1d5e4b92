import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { EXTERNAL_DIR, installedAnsKit, kitsIn, missingKitsSentence, RULES_HOME_ENV } from './external-kits.js';

describe('the official kits the tests need', () => {
  it('are found beside the repository', () => {
    expect(missingKitsSentence(EXTERNAL_DIR)).toBeUndefined();
  });

  it('are looked for in the installed rules of the home the global setup names to the test processes', () => {
    expect(process.env[RULES_HOME_ENV]).toMatch(/./);
  });

  it('take the ANS kit installed in a home when it is not beside the repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-kits-'));
    const home = mkdtempSync(join(tmpdir(), 'passerelle-kits-home-'));
    expect(missingKitsSentence(dir, home)).toContain('ansforge/TestContenuCDA-3-0');
    mkdirSync(installedAnsKit(home), { recursive: true });
    expect(kitsIn(dir, home).ansCda).toBe(installedAnsKit(home));
    expect(missingKitsSentence(dir, home)).not.toContain('TestContenuCDA');
    mkdirSync(kitsIn(dir).ansCda, { recursive: true });
    expect(kitsIn(dir, home).ansCda).toBe(kitsIn(dir).ansCda);
  });

  it('stop the run with one sentence naming each missing kit and where it comes from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-kits-'));
    mkdirSync(kitsIn(dir).ebrs, { recursive: true });
    const sentence = missingKitsSentence(dir)!;
    expect(sentence).toContain('ansforge/TestContenuCDA-3-0');
    expect(sentence).toContain('INSi');
    expect(sentence).not.toContain('ebRS 3.0');
    expect(sentence.split('\n')).toHaveLength(1);
  });
});
