import { useId, useMemo, useState } from 'react';

import type { DocumentTypeView } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from './messages.js';
import { matchTypes } from './type-match.js';

export interface TypeComboboxProps {
  readonly types: readonly DocumentTypeView[];
  readonly value: DocumentTypeView | undefined;
  readonly onChange: (type: DocumentTypeView | undefined) => void;
}

/**
 * The document type, searched as the professional types (ARIA 1.2 combobox with a list box): ↑ ↓ move the
 * active option, Enter chooses it, Escape closes the list. Typing again forgets the previous choice, so that
 * what is shown is always what will be sent.
 */
export function TypeCombobox({ types, value, onChange }: TypeComboboxProps): React.JSX.Element {
  const t = useCatalogue(messages).upload;
  const ids = { input: useId(), list: useId(), hint: useId(), chosen: useId() };
  const [query, setQuery] = useState(value ? value.displayName : '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const matches = useMemo(() => matchTypes(types, value ? '' : query), [types, query, value]);
  const optionId = (index: number): string => `${ids.list}-option-${index}`;

  const choose = (type: DocumentTypeView): void => {
    onChange(type);
    setQuery(type.displayName);
    setOpen(false);
    setActive(-1);
  };

  const move = (step: number): void => {
    setOpen(true);
    if (matches.length === 0) return;
    setActive((current) => (current + step + matches.length) % matches.length);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>): void => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(1);
        return;
      case 'ArrowUp':
        event.preventDefault();
        move(-1);
        return;
      case 'Enter': {
        const type = open ? matches[active] : undefined;
        if (type) {
          // Enter chooses the option; it must not send the form around the combobox.
          event.preventDefault();
          choose(type);
        }
        return;
      }
      case 'Escape':
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        }
        return;
    }
  };

  return (
    <div className="type-combobox">
      <label htmlFor={ids.input}>{t.typeLabel}</label>
      <p id={ids.hint} className="hint">
        {t.typeHint}
      </p>
      <input
        id={ids.input}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={ids.list}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        aria-describedby={value ? `${ids.hint} ${ids.chosen}` : ids.hint}
        value={query}
        onChange={(event) => {
          if (value) onChange(undefined);
          setQuery(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(!value)}
        onBlur={() => setOpen(false)}
      />
      <ul id={ids.list} role="listbox" aria-label={t.typeLabel} className="type-options" hidden={!open}>
        {matches.map((type, index) => (
          <li
            key={type.code}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            data-code={type.code}
            // mousedown, not click: the input's blur would close the list before a click lands.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(type);
            }}
          >
            <span>{type.displayName}</span> <span className="type-code">{type.code}</span>
          </li>
        ))}
        {matches.length === 0 && (
          <li role="option" aria-disabled="true" aria-selected="false" className="type-none">
            {t.noType}
          </li>
        )}
      </ul>
      {value && (
        <p id={ids.chosen} className="type-chosen" data-type-code={value.code}>
          {format(t.typeChosen, { category: value.classDisplayName })} — {value.code}
        </p>
      )}
    </div>
  );
}
