import { describe, expect, it } from 'vitest';

import { ACCESS_MODES, type AccessMode } from '../../interop/vihf/index.js';
import {
  confidentialityCode,
  requireConcept,
  SIGNATURE_TYPE_CODE,
  TYPE_CODES,
} from '../../interop/value-sets/index.js';
import { SAMPLE_AUTHOR, sampleDocumentEntry } from '../../interop/xds/sample-metadata.js';
import type { DocumentEntry } from '../../interop/xds/index.js';
import { isVisibleTo, MASKED_SHOWN_IN_MODE, professionalSees, type ProfessionalViewer } from './document-visibility.js';

const AUTHOR = SAMPLE_AUTHOR.person.id;
const OTHER = '899700100058';

function entry(
  flags: ('MASQUE_PS' | 'INVISIBLE_PATIENT' | 'INVISIBLE_REPRESENTANTS_LEGAUX')[],
  typeCode = '11490-0',
): DocumentEntry {
  const base = sampleDocumentEntry(Buffer.from('x'), 0);
  const type = typeCode === SIGNATURE_TYPE_CODE.code ? SIGNATURE_TYPE_CODE : requireConcept(TYPE_CODES, typeCode);
  return {
    ...base,
    typeCode: type,
    confidentialityCodes: [...base.confidentialityCodes, ...flags.map((f) => confidentialityCode(f))],
  };
}

function viewer(actor: string, accessMode: AccessMode, medecinTraitant = false): ProfessionalViewer {
  return {
    kind: 'professional',
    professional: { actor, authMode: 'DIRECTE', structure: '0751234567' },
    medecinTraitant,
    accessMode,
  };
}
const PHYSICIAN = '10';
const PODIATRIST = '80';

describe('who sees a document', () => {
  it('shows a masked document in no access mode to a professional who is neither its author nor the médecin traitant', () => {
    expect(MASKED_SHOWN_IN_MODE).toEqual({ normal: false, bris_de_glace: false, centre_15: false });
    const masked = entry(['MASQUE_PS']);
    for (const mode of ACCESS_MODES) {
      expect(professionalSees(masked, viewer(OTHER, mode), PHYSICIAN), mode).toBe(false);
      expect(professionalSees(masked, viewer(AUTHOR, mode), PHYSICIAN), mode).toBe(true);
      expect(professionalSees(masked, viewer(OTHER, mode, true), PHYSICIAN), mode).toBe(true);
      expect(professionalSees(entry([]), viewer(OTHER, mode), PHYSICIAN), mode).toBe(true);
    }
  });

  it('applies the habilitation matrix whatever the mode, even to the author', () => {
    for (const mode of ACCESS_MODES) {
      expect(professionalSees(entry([], '34112-3'), viewer(OTHER, mode), PODIATRIST), mode).toBe(false);
      expect(professionalSees(entry([], '11490-0'), viewer(OTHER, mode), PODIATRIST), mode).toBe(true);
      expect(professionalSees(entry([], 'E1762'), viewer(AUTHOR, mode), PHYSICIAN), mode).toBe(false);
    }
  });

  it('hides from the patient what is invisible to her, and from her representatives what is invisible to either', () => {
    expect(isVisibleTo(entry(['MASQUE_PS']), { kind: 'patient' })).toBe(true);
    expect(isVisibleTo(entry(['INVISIBLE_PATIENT']), { kind: 'patient' })).toBe(false);
    expect(isVisibleTo(entry(['INVISIBLE_REPRESENTANTS_LEGAUX']), { kind: 'patient' })).toBe(true);
    expect(isVisibleTo(entry(['INVISIBLE_REPRESENTANTS_LEGAUX']), { kind: 'representative' })).toBe(false);
    expect(isVisibleTo(entry(['INVISIBLE_PATIENT']), { kind: 'representative' })).toBe(false);
    expect(
      professionalSees(
        entry(['INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX']),
        viewer(OTHER, 'normal'),
        PHYSICIAN,
      ),
    ).toBe(true);
  });
});
