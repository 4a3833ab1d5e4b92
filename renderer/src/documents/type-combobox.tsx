import { useMemo, useState } from 'react';
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';

import type { DocumentTypeView } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from './messages.js';
import { matchTypes } from './type-match.js';
import '../components/suggestions.css';

export interface TypeComboboxProps {
  readonly types: readonly DocumentTypeView[];
  readonly value: DocumentTypeView | undefined;
  readonly onChange: (type: DocumentTypeView | undefined) => void;
}

/**
 * The document type, searched as the professional types, on React Aria's combobox (keyboard, focus and
 * screen-reader behaviour of the ARIA pattern, maintained upstream): typing filters and ranks the types, ↓
 * reaches the first suggestion, Enter chooses it. Typing again forgets the previous choice, so that what is
 * shown is always what will be sent.
 */
export function TypeCombobox({ types, value, onChange }: TypeComboboxProps): React.JSX.Element {
  const t = useCatalogue(messages).upload;
  const [query, setQuery] = useState(value ? value.displayName : '');
  const matches = useMemo(() => matchTypes(types, value ? '' : query), [types, query, value]);

  return (
    <ComboBox
      className="type-combobox"
      items={matches}
      inputValue={query}
      selectedKey={value?.code ?? null}
      menuTrigger="focus"
      allowsEmptyCollection
      onInputChange={(text) => {
        setQuery(text);
        if (value && text !== value.displayName) onChange(undefined);
      }}
      onSelectionChange={(key) => {
        const type = types.find((candidate) => candidate.code === key);
        onChange(type);
        if (type) setQuery(type.displayName);
      }}
    >
      <Label>{t.typeLabel}</Label>
      <Text slot="description" className="hint">
        {t.typeHint}
      </Text>
      <Input />
      {value && (
        <p className="type-chosen" data-type-code={value.code}>
          {format(t.typeChosen, { category: value.classDisplayName })} — {value.code}
        </p>
      )}
      <Popover className="suggestions-popover" placement="bottom start">
        <ListBox<DocumentTypeView>
          className="suggestions"
          aria-label={t.typeLabel}
          renderEmptyState={() => <p className="suggestions-none">{t.noType}</p>}
        >
          {(type) => (
            <ListBoxItem id={type.code} textValue={type.displayName} data-code={type.code}>
              <span>{type.displayName}</span> <span className="type-code">{type.code}</span>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
