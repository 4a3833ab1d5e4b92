import type { AuditLog } from '../audit/audit-log.js';
import type { PlatformDatabase } from '../store/database.js';
import { PatientStore } from '../store/patient-store.js';
import { StructureDirectory } from '../store/structure-directory.js';
import { applyDirectorySeed, applySeed } from './apply-seed.js';

/**
 * Puts the platform back to the seed: people, records, authorizations, pending notifications, the structure
 * directory, and the registry's metadata (it goes with the patients it belongs to; the content store keeps its
 * files, which nothing names any more). The audit trail is append-only, so the reset is written into it rather
 * than erasing it.
 */
export function resetToSeed(db: PlatformDatabase, audit: AuditLog, now: Date): void {
  db.transaction(() => {
    db.exec('DELETE FROM notification');
    applySeed(new PatientStore(db), now);
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
