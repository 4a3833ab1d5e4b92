import { describe, expect, it } from 'vitest';

import type { EmergencyMode } from '../../../api/contract/index.js';
import { ErrorBodySchema, PasserelleError } from '../../../api/errors/index.js';
import { createCore } from './create-core.js';
import type { PatientDesk, RecordAnswer } from './patient-port.js';
import { TEST_APP_INFO } from './test-support/app-info.js';

const info = TEST_APP_INFO;

const patient: RecordAnswer['patient'] = {
  ins: {
    matricule: '171093303901766',
    oid: '1.2.250.1.213.1.4.10',
    traits: {
      birthName: 'URGENCE-FICTIF',
      firstNames: ['LUCAS'],
      sex: 'M',
      birthDate: '1971-09-08',
      birthPlace: '33039',
    },
  },
  status: 'RECUP',
};

/** A desk that opens the access it is asked for, for four hours from now, and remembers what it was asked. */
function emergencyDesk(
  refusal?: PasserelleError,
  blocked = false,
): PatientDesk & { asked: { mode: EmergencyMode; reason: string }[] } {
  const asked: { mode: EmergencyMode; reason: string }[] = [];
  const unused = (): never => {
    throw new Error('not used by these tests');
  };
  return {
    asked,
    readVitale: unused,
    identify: unused,
    qualify: unused,
    recordStatus: unused,
    consent: unused,
    emergency(access) {
      asked.push({ ...access });
      if (refusal) return Promise.reject(refusal);
      const start = new Date();
      const end = new Date(start.getTime() + 4 * 3600_000);
      return Promise.resolve({
        patient,
        record: {
          record: { status: 'ACTIF' },
          authorization: blocked ? 'INTERDIT' : 'NON_EXISTE',
          medecinTraitant: false,
          mesAccountOpen: true,
          ...(blocked
            ? {}
            : { emergencyAccess: { mode: access.mode, start: start.toISOString(), end: end.toISOString() } }),
        },
        clock: null,
      });
    },
  };
}

function post(body: unknown): Request {
  return new Request('http://127.0.0.1/api/record.emergency', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

describe('record.emergency', () => {
  it('refuses an empty or blank reason with EMERGENCY_REASON_REQUIRED before the desk is asked', async () => {
    const desk = emergencyDesk();
    const core = createCore({ info, patients: desk });
    for (const reason of ['', '   \n ']) {
      const response = await core.handle(post({ reason }));
      const body = ErrorBodySchema.parse(await response.json());
      expect(body.code).toBe('EMERGENCY_REASON_REQUIRED');
      expect(body.message.fr).toContain('Indiquez le motif');
    }
    expect(desk.asked).toEqual([]);
    expect(core.events.since(0).events).toEqual([]);
  });

  it('opens break-glass by default with the trimmed reason and publishes the red banner until the access ends', async () => {
    const desk = emergencyDesk();
    const core = createCore({ info, patients: desk });
    const response = await core.handle(post({ reason: '  Patient inconscient  ' }));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as RecordAnswer;
    expect(desk.asked).toEqual([{ mode: 'bris_de_glace', reason: 'Patient inconscient' }]);
    expect(answer.record.emergencyAccess?.mode).toBe('bris_de_glace');
    expect(core.events.since(0).events.map(({ event }) => event)).toEqual([
      { type: 'breakglass.banner', active: true, until: answer.record.emergencyAccess?.end },
    ]);
  });

  it('passes the centre 15 mode to the desk', async () => {
    const desk = emergencyDesk();
    const core = createCore({ info, patients: desk });
    const response = await core.handle(post({ reason: 'Appel au 15', mode: 'centre_15' }));
    expect(response.status).toBe(200);
    expect(desk.asked).toEqual([{ mode: 'centre_15', reason: 'Appel au 15' }]);
  });

  it('answers the platform’s refusal as its typed error and publishes no banner', async () => {
    const desk = emergencyDesk(new PasserelleError('CENTRE_15_NOT_ALLOWED'));
    const core = createCore({ info, patients: desk });
    const response = await core.handle(post({ reason: 'Appel au 15', mode: 'centre_15' }));
    const body = ErrorBodySchema.parse(await response.json());
    expect(body.code).toBe('CENTRE_15_NOT_ALLOWED');
    expect(core.events.since(0).events).toEqual([]);
  });

  it('says ACCESS_FORBIDDEN when the platform grants nothing to a professional the patient blocked', async () => {
    const core = createCore({ info, patients: emergencyDesk(undefined, true) });
    const body = ErrorBodySchema.parse(await (await core.handle(post({ reason: 'Urgence vitale' }))).json());
    expect(body.code).toBe('ACCESS_FORBIDDEN');
    expect(core.events.since(0).events).toEqual([]);
  });

  it('refuses an unknown mode as INVALID_INPUT', async () => {
    const desk = emergencyDesk();
    const core = createCore({ info, patients: desk });
    const body = ErrorBodySchema.parse(await (await core.handle(post({ reason: 'x', mode: 'normal' }))).json());
    expect(body.code).toBe('INVALID_INPUT');
    expect(desk.asked).toEqual([]);
  });
});
