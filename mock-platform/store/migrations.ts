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
];
