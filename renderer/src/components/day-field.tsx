import { type CalendarDate, parseDate, today, getLocalTimeZone } from '@internationalized/date';
import { DateField, DateInput, DateSegment, FieldError, I18nProvider, Label, Text } from 'react-aria-components';

import { localeOf, useLanguage } from '../i18n/language.js';
import './day-field.css';

export interface DayFieldProps {
  readonly label: string;
  readonly description?: string;
  /** `YYYY-MM-DD`, or undefined while no day is given. */
  readonly value: string | undefined;
  readonly onChange: (value: string | undefined) => void;
  /** No day after today can be entered. */
  readonly notAfterToday?: boolean;
  readonly tooLate?: string;
}

/**
 * A day, typed segment by segment in the user's locale (jj/mm/aaaa in French, the browser's English in English), on
 * React Aria's date field: the browser's own date input follows the system's locale, not the window's.
 */
export function DayField({
  label,
  description,
  value,
  onChange,
  notAfterToday,
  tooLate,
}: DayFieldProps): React.JSX.Element {
  const { language } = useLanguage();
  const max = notAfterToday ? today(getLocalTimeZone()) : undefined;
  return (
    <I18nProvider locale={localeOf(language)}>
      <DateField<CalendarDate>
        className="day-field"
        value={value ? parseDate(value) : null}
        onChange={(day) => onChange(day ? day.toString() : undefined)}
        {...(max ? { maxValue: max } : {})}
        validate={(day) => (max && day && day.compare(max) > 0 ? (tooLate ?? true) : null)}
        validationBehavior="aria"
      >
        <Label className="day-label">{label}</Label>
        {description && (
          <Text slot="description" className="hint">
            {description}
          </Text>
        )}
        <DateInput className="day-input">{(segment) => <DateSegment segment={segment} />}</DateInput>
        <FieldError className="field-error" />
      </DateField>
    </I18nProvider>
  );
}
