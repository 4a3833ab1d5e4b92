import { useState } from 'react';

import { AldToggle } from './ald-toggle.js';
import { useCatalogue } from '../i18n/language.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { readAccessOf } from '../patient/record-access.js';
import { messages } from './messages.js';
import { RemindersPanel } from './reminders-panel.js';
import { useReminders } from './use-reminders.js';
import { VsmForm } from './vsm-form.js';
import './gp.css';

/**
 * The médecin traitant's follow-up of the patient in front of her, once her record may be read: the
 * reminders, and the synthesis to write or update.
 */
export function GpFollowUp(): React.JSX.Element | null {
  const t = useCatalogue(messages).followUp;
  const { patient, record } = usePatientWorkspace();
  const reminders = useReminders();
  const [writing, setWriting] = useState(false);
  if (!patient || !record || readAccessOf(record.record, Date.now()) === 'none') return null;
  const vsm = reminders?.items.find((item) => item.kind === 'vsm');
  return (
    <section className="gp-follow-up" aria-labelledby="gp-follow-up-title">
      <h3 id="gp-follow-up-title">{t.title}</h3>
      {record.record.medecinTraitant && <AldToggle matricule={patient.ins.matricule} />}
      <RemindersPanel />
      {/* The record's TD0.2 answer, not the reminders: asked again once filed, they must not close the form. */}
      {record.record.medecinTraitant &&
        (writing ? (
          <VsmForm key={patient.ins.matricule} onClose={() => setWriting(false)} />
        ) : (
          <button type="button" className="primary" onClick={() => setWriting(true)}>
            {vsm?.status === 'due' ? t.write : t.update}
          </button>
        ))}
    </section>
  );
}
