import type { AuditLog } from '../audit/audit-log.js';
import type { PlatformDatabase } from '../store/database.js';
import { PatientStore } from '../store/patient-store.js';
import { StructureDirectory } from '../store/structure-directory.js';
import { applyDirectorySeed, applySeed } from './apply-seed.js';

/**
 * Puts the platform back to the seed: people, records, authorizations, pending notifications, the structure
 * directory, the registry's metadata (it goes with the patients it belongs to) and the bytes it named. The
 * audit trail is append-only, so the reset is written into it rather than erasing it.
 */
export function resetToSeed(db: PlatformDatabase, audit: AuditLog, now: Date): void {
  db.transaction(() => {
    db.exec('DELETE FROM notification');
    applySeed(new PatientStore(db), now);
    db.exec('DELETE FROM document_content WHERE sha256 NOT IN (SELECT sha256 FROM document_entry)');
    applyDirectorySeed(new StructureDirectory(db));
    audit.append({
      actor: 'PLATEFORME',
      profession: '-',
      structure: '-',
      authMode: '-',
      accessMode: '-',
      patient: '-',
      action: 'seed',
      outcome: 'OK',
    });
  })();
}
