import { useEffect, useId, useRef, useState } from 'react';

import type { About } from '../../../api/contract/index.js';
import { call } from '../api-client.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from './messages.js';

/** The About box: the software's name and version as the platform knows them, its platform and modules. */
export function AboutBox({
  onClose,
  onError,
}: {
  readonly onClose: () => void;
  readonly onError: (error: unknown) => void;
}): React.JSX.Element {
  const t = useCatalogue(messages);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [about, setAbout] = useState<About>();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  useEffect(() => {
    call('app.about', {}).then(setAbout, (error: unknown) => {
      onError(error);
      onClose();
    });
  }, [onError, onClose]);

  const rows = about
    ? ([
        [t.about.lpsName, about.lpsName],
        [t.about.lpsVersion, about.lpsVersion],
        [t.about.homologation, about.homologation],
        [t.about.platform, about.platform],
        [t.about.environment, about.environment],
        [t.about.pkcs11Module, about.pkcs11Module ?? t.about.none],
        [t.about.cdaRules, about.cdaRules ?? t.about.none],
      ] as const)
    : [];
  return (
    <dialog ref={dialog} aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t.about.title}</h2>
      <dl className="about">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>
        {t.about.close}
      </button>
    </dialog>
  );
}
