/**
 * The mock platform's schema, one entry per version: never edit an entry once committed, append a new one.
 * Dates are ISO 8601 strings (UTC); birth dates stay `YYYY-MM-DD` text because "lunar" dates (day or month
 * 00) are real and no date type accepts them.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE patient (
     matricule TEXT PRIMARY KEY CHECK (length(matricule) = 15),
     oid TEXT NOT NULL,
     birth_name TEXT NOT NULL,
     used_name TEXT NOT NULL,
     first_names TEXT NOT NULL,
     sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
     birth_date TEXT NOT NULL,
     birth_place TEXT NOT NULL,
     vitale_holder TEXT NOT NULL,
     birth_rank INTEGER NOT NULL,
     record_status TEXT NOT NULL CHECK (record_status IN ('ACTIF', 'FERME', 'OPPOSE')),
     closed_at TEXT,
     closure_reason_code TEXT,
     closure_reason_text TEXT,
     mes_account_open INTEGER NOT NULL DEFAULT 0,
     break_glass_opposed INTEGER NOT NULL DEFAULT 0,
     centre15_opposed INTEGER NOT NULL DEFAULT 0,
     minor INTEGER NOT NULL DEFAULT 0,
     secret_connection INTEGER NOT NULL DEFAULT 0,
     medecin_traitant TEXT
   );
   CREATE TABLE ins_history (
     matricule TEXT NOT NULL REFERENCES patient(matricule) ON DELETE CASCADE,
     previous_matricule TEXT NOT NULL,
     oid TEXT NOT NULL,
     valid_from TEXT NOT NULL,
     valid_to TEXT NOT NULL
   );
   CREATE TABLE legal_representative (
     minor TEXT NOT NULL REFERENCES patient(matricule) ON DELETE CASCADE,
     representative TEXT NOT NULL REFERENCES patient(matricule) ON DELETE CASCADE,
     PRIMARY KEY (minor, representative)
   );
   CREATE TABLE authorization (
     matricule TEXT NOT NULL REFERENCES patient(matricule) ON DELETE CASCADE,
     professional TEXT NOT NULL,
     granted_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     PRIMARY KEY (matricule, professional)
   );
   CREATE TABLE blocked_professional (
     matricule TEXT NOT NULL REFERENCES patient(matricule) ON DELETE CASCADE,
     professional TEXT NOT NULL,
     blocked_at TEXT NOT NULL,
     PRIMARY KEY (matricule, professional)
   );
   CREATE TABLE audit (
     seq INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     profession TEXT NOT NULL,
     structure TEXT NOT NULL,
     auth_mode TEXT NOT NULL,
     access_mode TEXT NOT NULL,
     patient TEXT NOT NULL,
     action TEXT NOT NULL,
     outcome TEXT NOT NULL,
     previous_hash TEXT NOT NULL,
     hash TEXT NOT NULL
   );
   CREATE TABLE audit_head (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     seq INTEGER NOT NULL,
     hash TEXT NOT NULL
   );
   CREATE TABLE notification (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     matricule TEXT NOT NULL,
     at TEXT NOT NULL,
     kind TEXT NOT NULL,
     actor TEXT NOT NULL,
     message TEXT NOT NULL
   );
   CREATE INDEX notification_by_patient ON notification (matricule, id);`,
  // The registry and the repository (ITI-41, ITI-57): every metadata version of every document is a row;
  // the bytes are files named by their SHA-256 (content/), shared by the versions of one document.
  `CREATE TABLE submission_set (
     entry_uuid TEXT PRIMARY KEY,
     unique_id TEXT NOT NULL UNIQUE,
     patient TEXT NOT NULL REFERENCES patient(matricule) ON DELETE CASCADE,
     submitted_at TEXT NOT NULL,
     submitted_by TEXT NOT NULL,
     metadata TEXT NOT NULL
   );
   CREATE TABLE document_entry (
     entry_uuid TEXT PRIMARY KEY,
     logical_id TEXT NOT NULL,
     version INTEGER NOT NULL CHECK (version >= 1),
     unique_id TEXT NOT NULL,
     patient TEXT NOT NULL REFERENCES patient(matricule) ON DELETE CASCADE,
     status TEXT NOT NULL CHECK (status IN ('Approved', 'Deprecated', 'Deleted', 'Archived')),
     sha1 TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     size INTEGER NOT NULL,
     submission_set TEXT NOT NULL REFERENCES submission_set(entry_uuid) ON DELETE CASCADE,
     submitted_by TEXT NOT NULL,
     submitted_at TEXT NOT NULL,
     metadata TEXT NOT NULL,
     UNIQUE (logical_id, version)
   );
   CREATE INDEX document_by_unique_id ON document_entry (unique_id);
   CREATE INDEX document_by_patient ON document_entry (patient, submitted_at);
   CREATE TABLE registry_association (
     id TEXT PRIMARY KEY,
     type TEXT NOT NULL,
     source TEXT NOT NULL,
     target TEXT NOT NULL,
     submission_set TEXT NOT NULL REFERENCES submission_set(entry_uuid) ON DELETE CASCADE,
     metadata TEXT NOT NULL
   );`,
  // Emergency accesses (break-glass, centre 15): each one opened is a row, with its justification and its end;
  // the audit keeps the justification of every call made under it.
  `ALTER TABLE audit ADD COLUMN reason TEXT NOT NULL DEFAULT '-';
   CREATE TABLE emergency_access (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     matricule TEXT NOT NULL REFERENCES patient(matricule) ON DELETE CASCADE,
     holder TEXT NOT NULL,
     mode TEXT NOT NULL CHECK (mode IN ('bris_de_glace', 'centre_15')),
     actor TEXT NOT NULL,
     actor_name TEXT NOT NULL,
     structure TEXT NOT NULL,
     reason TEXT NOT NULL,
     opened_at TEXT NOT NULL,
     expires_at TEXT NOT NULL
   );
   CREATE INDEX emergency_access_by_holder ON emergency_access (matricule, holder, mode, expires_at);`,
  // A record's searches without scanning the whole registry: its submission sets by date, the associations of
  // one object from either end (FindSubmissionSets, GetAssociations, the sets' members), and the INS history
  // read on every call that names a patient.
  `CREATE INDEX submission_set_by_patient ON submission_set (patient, submitted_at);
   CREATE INDEX ins_history_by_matricule ON ins_history (matricule, valid_from);
   CREATE INDEX ins_history_by_previous ON ins_history (previous_matricule);
   CREATE INDEX association_by_source ON registry_association (source);
   CREATE INDEX association_by_target ON registry_association (target);`,
  // The national directory as the platform consults it: the certified structures (which are SAMU regulation
  // centres) and who practises where, so that a token's claims are checked against it rather than believed.
  `CREATE TABLE directory_structure (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     sector TEXT NOT NULL,
     samu_regulation INTEGER NOT NULL DEFAULT 0 CHECK (samu_regulation IN (0, 1))
   );
   CREATE TABLE directory_practice (
     professional TEXT NOT NULL,
     structure TEXT NOT NULL REFERENCES directory_structure(id) ON DELETE CASCADE,
     PRIMARY KEY (professional, structure)
   );`,
  // The patient's Mon espace santé agenda: the appointments professionals shared with her (FHIR Appointment, as
  // the CI-SIS shared-agenda guide models it), and her opposition to such sharing.
  `CREATE TABLE agenda_appointment (
     id TEXT PRIMARY KEY,
     patient TEXT NOT NULL REFERENCES patient(matricule) ON DELETE CASCADE,
     start_at TEXT NOT NULL,
     end_at TEXT NOT NULL,
     description TEXT NOT NULL,
     practitioner TEXT NOT NULL,
     practitioner_name TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX agenda_by_patient ON agenda_appointment (patient, start_at);
   CREATE TABLE agenda_opposition (
     patient TEXT PRIMARY KEY REFERENCES patient(matricule) ON DELETE CASCADE,
     since TEXT NOT NULL
   );`,
  // The repository's bytes, by SHA-256, in the database rather than one file each: a document's bytes and the
  // metadata naming them commit together, with one wait for the disk (a file, its flush, its rename and the
  // folder's flush came before the commit's own).
  `CREATE TABLE document_content (
     sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
     bytes BLOB NOT NULL
   );`,
];
