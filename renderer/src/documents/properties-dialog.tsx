import { useState } from 'react';

import type { DocumentResult, DocumentSummaryView } from '../../../api/contract/index.js';
import { ApiError, call } from '../api-client.js';
import { useCatalogue } from '../i18n/language.js';
import { isMinor } from '../patient/identity-checks.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { Modal } from './confirm-dialog.js';
import { RefusalMessage } from './document-outcome.js';
import { messages } from './messages.js';
import { propertiesOf, stepsBetween, type DocumentProperties, type PropertyStep } from './document-properties.js';

function send(uniqueId: string, { key, on }: PropertyStep): Promise<{ document: DocumentResult }> {
  switch (key) {
    case 'masked':
      return call('document.mask', { uniqueId, masked: on });
    case 'invisiblePatient':
      return call('document.hide', { uniqueId, hidden: on });
    case 'invisibleLegal':
      return call('document.hide', { uniqueId, hidden: on, from: 'legal-representatives' });
    case 'archived':
      return call('document.archive', { uniqueId, archived: on });
  }
}

/**
 * "Modification des propriétés du document" (REC_3.3-1010): who may see the document and whether it is
 * archived, on one screen, sent with the record's own methods one change at a time. A refusal (the platform's,
 * or the core's when a document would be both masked and hidden from the patient) stays in the dialog, in
 * words, with what was already changed kept.
 */
export function PropertiesDialog({
  document,
  onChanged,
  onClose,
}: {
  readonly document: DocumentSummaryView;
  readonly onChanged: (result: DocumentResult) => void;
  readonly onClose: () => void;
}): React.JSX.Element {
  const t = useCatalogue(messages).properties;
  const { onError, patient } = usePatientWorkspace();
  // Only a minor's record has legal representatives to hide a document from (the platform refuses it otherwise).
  const minor = patient !== undefined && isMinor(patient.ins.traits.birthDate, new Date());
  const [current, setCurrent] = useState(() => propertiesOf(document));
  const [wanted, setWanted] = useState(current);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<ApiError>();
  const [unchanged, setUnchanged] = useState(false);

  const save = async (): Promise<void> => {
    const steps = stepsBetween(current, wanted);
    if (steps.length === 0) {
      setUnchanged(true);
      return;
    }
    setBusy(true);
    setRefusal(undefined);
    let reached = current;
    let last: DocumentResult | undefined;
    try {
      for (const step of steps) {
        last = (await send(document.uniqueId, step)).document;
        reached = { ...reached, [step.key]: step.on };
      }
      onChanged(last!);
      onClose();
    } catch (error) {
      setCurrent(reached);
      if (last) onChanged(last);
      if (error instanceof ApiError) setRefusal(error);
      else onError(error);
    } finally {
      setBusy(false);
    }
  };

  const box = (key: keyof DocumentProperties) => (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={wanted[key]}
        disabled={busy}
        onChange={(event) => {
          setUnchanged(false);
          setWanted({ ...wanted, [key]: event.target.checked });
        }}
      />{' '}
      {t[key]}
    </label>
  );

  return (
    <Modal title={t.title} className="properties-dialog" onClose={onClose}>
      <p className="properties-document">{document.title}</p>
      <p>{t.intro}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <fieldset>
          <legend>{t.visibility}</legend>
          {box('masked')}
          {box('invisiblePatient')}
          {(minor || current.invisibleLegal) && box('invisibleLegal')}
        </fieldset>
        <fieldset>
          <legend>{t.life}</legend>
          {box('archived')}
        </fieldset>
        {refusal && <RefusalMessage error={refusal} lead={t.refused} />}
        {unchanged && <p role="status">{t.unchanged}</p>}
        {busy && <p role="status">{t.saving}</p>}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t.save}
          </button>
          <button type="button" onClick={onClose}>
            {t.cancel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
