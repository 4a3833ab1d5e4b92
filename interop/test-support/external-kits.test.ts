import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { EXTERNAL_DIR, kitsIn, missingKitsSentence } from './external-kits.js';

describe('the official kits the tests need', () => {
  it('are found beside the repository', () => {
    expect(missingKitsSentence(EXTERNAL_DIR)).toBeUndefined();
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
