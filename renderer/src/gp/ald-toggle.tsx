import { useEffect, useId, useState } from 'react';

import { call } from '../api-client.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useCatalogue } from '../i18n/language.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { useAction } from '../patient/use-action.js';
import { messages } from './messages.js';

/**
 * Whether the patient has a long-term condition (ALD), as the médecin traitant marks it in this workstation's
 * journal (`patients.ald`): what the Patients view's coverage counts. A refusal is shown beside it.
 */
export function AldToggle({ matricule }: { readonly matricule: string }): React.JSX.Element {
  const t = useCatalogue(messages).followUp;
  const { onError } = usePatientWorkspace();
  const { busy, error, run, dismiss } = useAction();
  const [ald, setAld] = useState<boolean>();
  const refusedId = useId();

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
    <div className="ald-field">
      <label className="ald-toggle">
        <input
          type="checkbox"
          checked={ald ?? false}
          aria-describedby={error !== undefined ? refusedId : undefined}
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
      {/* Beside the box she clicked: the refusal says the mark was not kept, and why. */}
      {error !== undefined && (
        <div className="ald-refused">
          <p id={refusedId}>{t.aldNotSaved}</p>
          <ErrorNotice error={error} onDismiss={dismiss} />
        </div>
      )}
    </div>
  );
}
