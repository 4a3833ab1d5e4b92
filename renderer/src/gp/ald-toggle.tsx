import { useEffect, useState } from 'react';

import { call } from '../api-client.js';
import { useCatalogue } from '../i18n/language.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { useAction } from '../patient/use-action.js';
import { messages } from './messages.js';

/**
 * Whether the patient has a long-term condition (ALD), as the médecin traitant marks it in this workstation's
 * journal (`patients.ald`): what the Patients view's coverage counts.
 */
export function AldToggle({ matricule }: { readonly matricule: string }): React.JSX.Element {
  const t = useCatalogue(messages).followUp;
  const { onError } = usePatientWorkspace();
  const { busy, run } = useAction();
  const [ald, setAld] = useState<boolean>();

  useEffect(() => {
    let live = true;
    call('patients.list', {}).then((list) => {
      if (live) setAld(list.patients.find((p) => p.matricule === matricule)?.ald ?? false);
    }, onError);
    return () => {
      live = false;
    };
  }, [matricule, onError]);

  return (
    <label className="ald-toggle">
      <input
        type="checkbox"
        checked={ald ?? false}
        disabled={ald === undefined || busy}
        onChange={(event) => {
          const next = event.target.checked;
          const before = ald;
          // Ticked at once, as she clicked; the journal's answer confirms it, a refusal puts it back.
          setAld(next);
          run(async () => {
            try {
              setAld((await call('patients.ald', { ald: next })).ald);
            } catch (failure) {
              setAld(before);
              throw failure;
            }
          });
        }}
      />
      {t.ald}
    </label>
  );
}
