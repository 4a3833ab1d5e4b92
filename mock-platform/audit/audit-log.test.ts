import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openPlatformDatabase, type PlatformDatabase } from '../store/database.js';
import { NotificationOutbox } from '../notifications/outbox.js';
import { loadOrCreateAuditKey } from './audit-key.js';
import { AuditLog, type AuditRecord } from './audit-log.js';

const call = (action: string, outcome = 'OK'): AuditRecord => ({
  actor: '899700100017',
  profession: '10',
  structure: '0751234567',
  authMode: 'DIRECTE',
  accessMode: 'normal',
  patient: '285057511203496',
  action,
  outcome,
});

describe('the audit trail', () => {
  let dir: string;
  let db: PlatformDatabase;
  let audit: AuditLog;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mock-audit-'));
    db = openPlatformDatabase(join(dir, 'platform.sqlite'));
    audit = new AuditLog(db, loadOrCreateAuditKey(dir), () => new Date('2026-03-01T10:00:00Z'));
    for (const action of ['TD0.2', 'TD0.3', 'TD0.2', 'INSi.vitale']) audit.append(call(action));
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes what a call records with its entry in the same transaction: both or neither', () => {
    const outbox = new NotificationOutbox(db, () => new Date('2026-03-01T10:00:00Z'));
    const notify = (): void => void outbox.notify('285057511203496', 'acces', '899700100017', 'consulté');
    audit.append(call('ITI-18.FindDocuments'), notify);
    expect(audit.list()).toHaveLength(5);
    expect(outbox.forPatient('285057511203496')).toHaveLength(1);
    expect(() =>
      audit.append(call('ITI-18.FindDocuments'), () => {
        notify();
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(audit.list()).toHaveLength(5);
    expect(outbox.forPatient('285057511203496')).toHaveLength(1);
    expect(audit.verify()).toEqual({ intact: true, entries: 5 });
  });

  it('chains each entry to the previous one and verifies intact', () => {
    const entries = audit.list();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(entries[1]!.previousHash).toBe(entries[0]!.hash);
    expect(audit.verify()).toEqual({ intact: true, entries: 4 });
  });

  it('detects an edited field', () => {
    db.prepare("UPDATE audit SET outcome = 'PS_BLOQUE' WHERE seq = 2").run();
    expect(audit.verify()).toMatchObject({ intact: false, seq: 2 });
  });

  it('detects a deleted entry in the middle and at the end', () => {
    db.prepare('DELETE FROM audit WHERE seq = 3').run();
    expect(audit.verify()).toMatchObject({ intact: false, seq: 4 });
    db.prepare('DELETE FROM audit WHERE seq = 4').run();
    expect(audit.verify()).toMatchObject({ intact: false, entries: 2 });
  });

  it('detects two entries swapped and renumbered', () => {
    const rows = db.prepare('SELECT * FROM audit ORDER BY seq').all() as Record<string, unknown>[];
    db.exec('DELETE FROM audit');
    const insert = db.prepare(
      'INSERT INTO audit (seq, at, actor, profession, structure, auth_mode, access_mode, patient, action, outcome, previous_hash, hash) VALUES (@seq, @at, @actor, @profession, @structure, @auth_mode, @access_mode, @patient, @action, @outcome, @previous_hash, @hash)',
    );
    for (const [index, row] of [rows[0], rows[2], rows[1], rows[3]].entries()) insert.run({ ...row, seq: index + 1 });
    expect(audit.verify().intact).toBe(false);
  });

  it('cannot be re-chained by someone without the key', () => {
    const forger = new AuditLog(db, Buffer.alloc(32, 7), () => new Date('2026-03-01T10:00:00Z'));
    db.exec('DELETE FROM audit; DELETE FROM audit_head;');
    forger.append(call('TD0.2'));
    expect(forger.verify().intact).toBe(true);
    expect(audit.verify()).toMatchObject({ intact: false, seq: 1 });
  });
});
