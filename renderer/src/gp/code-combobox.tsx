import { useEffect, useRef, useState } from 'react';
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';

import type { RequestOf } from '../../../api/contract/index.js';
import { call } from '../api-client.js';
import { useCatalogue } from '../i18n/language.js';
import { usePatientWorkspace } from '../patient/patient-context.js';
import { messages } from './messages.js';
import type { Coded } from './vsm-draft.js';
import '../components/suggestions.css';

export interface CodeComboboxProps {
  readonly valueSet: RequestOf<'vsm.codes'>['valueSet'];
  readonly label: string;
  readonly hint: string;
  readonly value: Coded | undefined;
  readonly onChange: (value: Coded | undefined) => void;
}

const keyOf = (c: Coded): string => `${c.codeSystem}|${c.code}`;

/**
 * A coded entry searched by label in the value set the model requires (`vsm.codes`), on React Aria's
 * combobox: typing searches, ↓ reaches the first suggestion, Enter chooses it. Typing again forgets the choice,
 * so that what is shown is always what will be filed; a code read back from the record gets its label here.
 */
export function CodeCombobox({ valueSet, label, hint, value, onChange }: CodeComboboxProps): React.JSX.Element {
  const t = useCatalogue(messages).form;
  const { onError } = usePatientWorkspace();
  const [query, setQuery] = useState(value?.displayName ?? '');
  const [concepts, setConcepts] = useState<Coded[]>([]);
  const unlabelled = value !== undefined && value.codeSystem === '';
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);
  // Once chosen, the list offers the whole set again; a code read back waits for its label.
  const search = value && !unlabelled ? '' : query;
  const toLabel = unlabelled ? value.code : undefined;

  useEffect(() => {
    let live = true;
    call('vsm.codes', { valueSet, query: toLabel === undefined ? search : '' }).then((answer) => {
      if (!live) return;
      setConcepts(answer.concepts);
      const known = answer.concepts.find((c) => c.code === toLabel);
      if (known) {
        changed.current(known);
        setQuery(known.displayName);
      }
    }, onError);
    return () => {
      live = false;
    };
  }, [valueSet, search, toLabel, onError]);

  const items =
    value && !unlabelled && !concepts.some((c) => keyOf(c) === keyOf(value)) ? [value, ...concepts] : concepts;
  return (
    <ComboBox
      className="code-combobox"
      items={items.map((c) => ({ ...c, id: keyOf(c) }))}
      inputValue={query}
      selectedKey={value && !unlabelled ? keyOf(value) : null}
      menuTrigger="focus"
      allowsEmptyCollection
      onInputChange={(text) => {
        setQuery(text);
        if (value && text !== value.displayName) onChange(undefined);
      }}
      onSelectionChange={(key) => {
        const chosen = items.find((c) => keyOf(c) === key);
        onChange(chosen);
        if (chosen) setQuery(chosen.displayName);
      }}
    >
      <Label>{label}</Label>
      <Text slot="description" className="hint">
        {hint}
      </Text>
      <Input />
      {value && !unlabelled && (
        <span className="code-chosen" data-code={value.code}>
          {value.code}
        </span>
      )}
      <Popover className="suggestions-popover" placement="bottom start">
        <ListBox
          className="suggestions"
          aria-label={label}
          renderEmptyState={() => <p className="suggestions-none">{t.noCode}</p>}
        >
          {(concept: Coded & { id: string }) => (
            <ListBoxItem id={concept.id} textValue={concept.displayName} data-code={concept.code}>
              <span>{concept.displayName}</span> <span className="code-value">{concept.code}</span>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
