import type { CalendarDateTime } from '@internationalized/date';
import { DateField, DateInput, DateSegment, FieldError, I18nProvider, Label } from 'react-aria-components';

import { localeOf, useLanguage } from '../i18n/language.js';
import './day-field.css';

export interface DateTimeFieldProps {
  readonly label: string;
  /** The local date and time, or null while not given. */
  readonly value: CalendarDateTime | null;
  readonly onChange: (value: CalendarDateTime | null) => void;
}

/**
 * A date and time to the minute, typed segment by segment as the window's language writes them (jj/mm/aaaa hh:mm in
 * French), on React Aria's date field: the browser's own `datetime-local` follows the system's locale instead.
 */
export function DateTimeField({ label, value, onChange }: DateTimeFieldProps): React.JSX.Element {
  const { language } = useLanguage();
  return (
    <I18nProvider locale={localeOf(language)}>
      <DateField<CalendarDateTime>
        className="day-field"
        granularity="minute"
        shouldForceLeadingZeros
        value={value}
        onChange={onChange}
        isRequired
        validationBehavior="aria"
      >
        <Label className="day-label">{label}</Label>
        <DateInput className="day-input">{(segment) => <DateSegment segment={segment} />}</DateInput>
        <FieldError className="field-error" />
      </DateField>
    </I18nProvider>
  );
}
