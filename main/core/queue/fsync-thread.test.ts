import { closeSync, mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { FsyncThread } from './fsync-thread.js';

describe('FsyncThread', () => {
  it('returns once the file is synced, one request after another', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'passerelle-fsync-')), 'file');
    const fd = openSync(path, 'w');
    try {
      for (let i = 0; i < 20; i += 1) {
        writeSync(fd, `line ${i}\n`);
        FsyncThread.get().start(fd).wait();
      }
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(21);
  });

  it("reports the system's refusal to the caller", () => {
    const fd = openSync(join(mkdtempSync(join(tmpdir(), 'passerelle-fsync-')), 'file'), 'w');
    closeSync(fd);
    expect(() => FsyncThread.get().start(fd).wait()).toThrow(expect.objectContaining({ code: 'EBADF' }));
    // The thread goes on serving after a refusal.
    const other = openSync(join(mkdtempSync(join(tmpdir(), 'passerelle-fsync-')), 'file'), 'w');
    try {
      expect(() => FsyncThread.get().start(other).wait()).not.toThrow();
    } finally {
      closeSync(other);
    }
  });
});
