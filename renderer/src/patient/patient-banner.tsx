import { format } from '../../../api/i18n/index.js';
import { pluralOf, useCatalogue, useLocale } from '../i18n/language.js';
import { VsmDue } from '../gp/vsm-due.js';
import { ProfileFlags } from '../profile/profile-flags.js';
import { ageInWords, ageOn, displayDate, type Age } from './identity-checks.js';
import { messages } from './messages.js';
import { usePatientWorkspace } from './patient-context.js';
import { accessNeedsAttention, accessWordOf } from './record-words.js';

type BannerTexts = (typeof messages)['fr']['banner'];

function ageText(age: Age, t: BannerTexts, locale: string): string {
  const { unit, count } = ageInWords(age);
  return format(pluralOf(count, t[unit], locale), { count });
}

/**
 * The patient in front of the professional, in one line that stays on screen however far the page scrolls:
 * names (the used name the Vitale card gave), sex and age, the INS and its status, the record and how the
 * professional may read it — all in words, never the platform's codes.
 */
export function PatientBanner(): React.JSX.Element | null {
  const texts = useCatalogue(messages);
  const t = texts.banner;
  const locale = useLocale();
  const { patient, record, reading } = usePatientWorkspace();
  if (!patient) return null;
  const { traits } = patient.ins;
  const usedName = reading?.chosen.usedName.trim();
  const now = Date.now();
  const state = record?.record;
  const word = state && accessWordOf(state, now);
  const time = (iso: string): string =>
    new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });

  return (
    <section className="patient-banner" aria-label={t.label} data-identity-status={patient.status}>
      <h2 className="patient-name">
        {traits.birthName} {traits.firstNames.join(' ')}
        {usedName && usedName !== traits.birthName && (
          <span className="used-name"> ({format(t.usedName, { name: usedName })})</span>
        )}
      </h2>
      <ul className="patient-facts">
        <li>
          {t.sexes[traits.sex]}, {ageText(ageOn(traits.birthDate, new Date(now)), t, locale)} (
          {format(t.born[traits.sex], { date: displayDate(traits.birthDate, locale) })})
        </li>
        <li>
          INS <span data-ins={patient.ins.matricule}>{patient.ins.matricule}</span>{' '}
          <span className={`identity-status status-${patient.status}`}>{t.insStatus[patient.status]}</span>
        </li>
        {state && word && (
          <>
            <li data-record-status={state.record.status}>
              {state.record.status === 'FERME'
                ? format(texts.closed, {
                    date: displayDate(state.record.closedAt, locale),
                    reason: state.record.reasonText,
                  })
                : texts.recordStatuses[state.record.status]}
            </li>
            <li
              data-authorization={state.authorization}
              data-access={word}
              className={accessNeedsAttention(word) ? 'access attention' : 'access'}
            >
              {format(t.access[word], { time: state.emergencyAccess ? time(state.emergencyAccess.end) : '' })}
            </li>
          </>
        )}
      </ul>
      <ProfileFlags />
      <VsmDue />
    </section>
  );
}
