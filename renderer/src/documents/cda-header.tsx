import { useId } from 'react';

import type { CdaHeaderView } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { useCatalogue, useLocale } from '../i18n/language.js';
import { displayDate } from '../patient/identity-checks.js';
import { messages } from './messages.js';

/** A CDA day or instant (`YYYY-MM-DD[Thh:mm]`) as `locale` writes dates, with the hour when it has one. */
function when(time: string | undefined, locale: string): string {
  if (time === undefined) return '';
  const hour = time.slice(11, 16);
  return hour ? `${displayDate(time, locale)} ${hour}` : displayDate(time, locale);
}

function period(range: { readonly start?: string; readonly end?: string } | undefined, locale: string): string {
  if (!range) return '';
  return [when(range.start, locale), when(range.end, locale)].filter(Boolean).join(' → ');
}

/**
 * The CDA header shown with the document (EX_3.2-1030): what it is, about whom, written by whom and when,
 * who keeps it and answers for it, the encounter and the act, and who may see it in the record.
 */
export function CdaHeader({
  header,
  visibility,
}: {
  readonly header: CdaHeaderView;
  /** The DMP flags in force, in words; empty when everyone allowed may see it. */
  readonly visibility: readonly string[];
}): React.JSX.Element {
  const t = useCatalogue(messages).header;
  const locale = useLocale();
  const titleId = useId();
  const patient = header.patient
    ? [
        header.patient.name,
        header.patient.birthDate && format(t.born, { date: when(header.patient.birthDate, locale) }),
      ]
        .filter(Boolean)
        .join(', ')
    : '';
  const rows: [string, string][] = [
    [t.type, header.type],
    [t.date, when(header.effectiveTime, locale)],
    [t.version, header.versionNumber === undefined ? '' : String(header.versionNumber)],
    [t.patient, patient],
    ...header.authors.map((author): [string, string] => [
      t.author,
      [author.name, author.profession, author.organization, when(author.time, locale)].filter(Boolean).join(', '),
    ]),
    [
      t.legalAuthenticator,
      [header.legalAuthenticator?.name, when(header.legalAuthenticator?.time, locale)].filter(Boolean).join(', '),
    ],
    [t.custodian, header.custodian ?? ''],
    [t.encounter, [period(header.encounter, locale), header.encounter?.location].filter(Boolean).join(', ')],
    [t.serviceEvent, period(header.serviceEvent, locale)],
    [t.confidentiality, header.confidentiality ?? ''],
    [t.visibility, visibility.length > 0 ? visibility.join(', ') : t.visibleToAll],
  ];
  return (
    <section className="cda-header" aria-labelledby={titleId}>
      <h5 id={titleId}>{t.title}</h5>
      <dl>
        {rows
          .filter(([, value]) => value !== '')
          .map(([label, value], index) => (
            <div key={`${label}-${index}`}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
