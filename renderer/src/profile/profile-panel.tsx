import { useEffect, useId, useState } from 'react';

import type { ProfileDocumentView } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { useCatalogue, useLocale } from '../i18n/language.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { messages } from './messages.js';
import { useProfile } from './use-profile.js';
import './profile.css';

/** A day in the reader's language and time zone. */
function dayOf(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));
}

/** One of her documents opened in place: the core's sanitized HTML in a sandboxed frame (no script, no origin). */
function ProfileDocument({ document }: { document: ProfileDocumentView }): React.JSX.Element {
  const t = useCatalogue(messages);
  const { onError } = usePatientWorkspace();
  const [html, setHtml] = useState<string>();

  useEffect(() => {
    const abort = new AbortController();
    call('document.render', { uniqueId: document.uniqueId }, abort.signal).then(
      (answer) => {
        // Her profile is text, which the core renders as HTML; a PDF she filed is opened from the documents list.
        if (!abort.signal.aborted && answer.kind === 'html') setHtml(answer.html);
      },
      (failure: unknown) => {
        if (!abort.signal.aborted) onError(failure);
      },
    );
    return () => abort.abort();
  }, [document.uniqueId, onError]);

  return html === undefined ? (
    <p aria-busy="true">{t.loading}</p>
  ) : (
    <iframe
      className="profile-frame"
      sandbox=""
      srcDoc={html}
      title={format(t.frameTitle, { title: document.title })}
    />
  );
}

/**
 * The patient's own information first: the documents she wrote in her Mon espace santé profile (advance
 * directives, wishes and rights, medical profile, vaccinations), each readable in place, set apart from what
 * professionals wrote (EX_3.1-1040).
 */
export function ProfilePanel(): React.JSX.Element | null {
  const t = useCatalogue(messages);
  const locale = useLocale();
  const profile = useProfile();
  const [open, setOpen] = useState<string>();
  const titleId = useId();
  if (profile.state === 'unreadable') return null;
  return (
    <section className="profile-panel" aria-labelledby={titleId} data-profile={profile.state}>
      <h3 id={titleId}>
        {t.title} <span className="patient-authored-mark">{t.patientAuthored}</span>
      </h3>
      {profile.state === 'loading' ? (
        <p aria-busy="true">{t.loading}</p>
      ) : profile.profile.documents.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <>
          <p className="profile-intro">{t.intro}</p>
          <ul className="profile-documents">
            {profile.profile.documents.map((document) => (
              <li key={document.uniqueId} data-profile-kind={document.kind}>
                <div className="profile-document-line">
                  <span className="profile-kind">{t.kinds[document.kind]}</span>
                  <span className="profile-date">
                    {format(t.writtenOn, { date: dayOf(document.creationTime, locale) })}
                  </span>
                  <button
                    type="button"
                    aria-expanded={open === document.uniqueId}
                    onClick={() => setOpen(open === document.uniqueId ? undefined : document.uniqueId)}
                  >
                    {open === document.uniqueId ? t.close : t.open}
                    <span className="visually-hidden"> {t.kinds[document.kind]}</span>
                  </button>
                </div>
                {open === document.uniqueId && <ProfileDocument document={document} />}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
