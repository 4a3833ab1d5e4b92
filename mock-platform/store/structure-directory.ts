import type { PlatformDatabase } from './database.js';

/** A structure of the national directory, by its national id (Struct_IdNat). */
export interface CertifiedStructure {
  readonly id: string;
  readonly name: string;
  /** TRE_R02 activity sector. */
  readonly sector: string;
  /** A SAMU's call reception and regulation centre (centre 15): where medical regulation is practised. */
  readonly samuRegulation: boolean;
}

/** One activity of a professional in the directory: who (national id) practises in which structure. */
export interface Practice {
  readonly professional: string;
  readonly structure: string;
}

interface StructureRow {
  id: string;
  name: string;
  sector: string;
  samu_regulation: number;
}

/**
 * The mock's copy of the national directory of health professionals and structures (what the Annuaire Santé
 * publishes): the structures it certifies and who practises in each. Plain storage: what a rule concludes from
 * it lives in `rules/`.
 */
export class StructureDirectory {
  constructor(private readonly db: PlatformDatabase) {}

  /** Empties the directory (the seed then fills it again). */
  clear(): void {
    this.db.exec('DELETE FROM directory_practice; DELETE FROM directory_structure;');
  }

  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM directory_structure LIMIT 1').get() === undefined;
  }

  register(structure: CertifiedStructure): void {
    this.db
      .prepare('INSERT INTO directory_structure (id, name, sector, samu_regulation) VALUES (?, ?, ?, ?)')
      .run(structure.id, structure.name, structure.sector, structure.samuRegulation ? 1 : 0);
  }

  addPractice(practice: Practice): void {
    this.db
      .prepare('INSERT INTO directory_practice (professional, structure) VALUES (?, ?)')
      .run(practice.professional, practice.structure);
  }

  /** The structure under a national id, if the directory certifies one. */
  structure(id: string): CertifiedStructure | undefined {
    const row = this.db.prepare('SELECT * FROM directory_structure WHERE id = ?').get(id) as StructureRow | undefined;
    return row && { id: row.id, name: row.name, sector: row.sector, samuRegulation: row.samu_regulation === 1 };
  }

  /** Whether the directory lists this professional (national id) as practising in this structure. */
  practises(professional: string, structure: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM directory_practice WHERE professional = ? AND structure = ?')
        .get(professional, structure) !== undefined
    );
  }
}
