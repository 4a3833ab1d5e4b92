import { useEffect, useState } from 'react';
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';

import type { DirectoryEntry } from '../../../api/contract/index.js';
import { call } from '../api-client.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from './messages.js';
import '../components/suggestions.css';

export interface DirectoryComboboxProps {
  /** Called with the professional picked in the list; the field is then emptied for the next one. */
  readonly onPick: (entry: DirectoryEntry) => void;
  readonly onError: (error: unknown) => void;
}

/** The directory needs two letters to search on. */
const MIN_LETTERS = 2;

/**
 * A colleague searched by name in the professionals' directory (`directory.search`), on React Aria's combobox:
 * each typed letter asks the directory again (the previous question dropped), ↓ reaches the first answer, Enter
 * picks it. Each answer says the profession and structure, so that two homonyms are told apart.
 */
export function DirectoryCombobox({ onPick, onError }: DirectoryComboboxProps): React.JSX.Element {
  const t = useCatalogue(messages).send;
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<DirectoryEntry[]>([]);
  const [searched, setSearched] = useState('');

  useEffect(() => {
    const name = query.trim();
    if (name.length < MIN_LETTERS) {
      setFound([]);
      return;
    }
    const abort = new AbortController();
    call('directory.search', { name }, abort.signal).then(
      (answer) => {
        setFound(answer.professionals);
        setSearched(name);
      },
      (failure: unknown) => {
        if (!abort.signal.aborted) onError(failure);
      },
    );
    return () => abort.abort();
  }, [query, onError]);

  const keyOf = (entry: DirectoryEntry): string => `${entry.nationalId} ${entry.address}`;
  return (
    <ComboBox
      className="directory-combobox"
      items={found}
      inputValue={query}
      selectedKey={null}
      menuTrigger="input"
      // The answers arrive after the letters: the list opens empty, then fills. Once a colleague is picked the
      // field is emptied with nothing to list, so that the list stays closed.
      allowsEmptyCollection={query.trim().length >= MIN_LETTERS}
      onInputChange={setQuery}
      onSelectionChange={(key) => {
        const entry = found.find((candidate) => keyOf(candidate) === key);
        if (!entry) return;
        onPick(entry);
        setFound([]);
        setQuery('');
      }}
    >
      <Label>{t.directoryLabel}</Label>
      <Text slot="description" className="hint">
        {t.directoryHint}
      </Text>
      <Input />
      <Popover className="suggestions-popover" placement="bottom start">
        <ListBox<DirectoryEntry>
          className="suggestions directory-options"
          aria-label={t.directoryLabel}
          renderEmptyState={() => (
            <p className="suggestions-none">{searched === query.trim() ? t.directoryNone : t.directorySearching}</p>
          )}
        >
          {(entry) => (
            <ListBoxItem
              id={keyOf(entry)}
              textValue={entry.name}
              data-address={entry.address}
              data-national-id={entry.nationalId}
            >
              <span className="directory-name">{entry.name}</span>
              <span className="directory-role">
                {[entry.profession, entry.structure].filter((part) => part !== null).join(' — ')}
              </span>
              <span className="directory-address">{entry.address}</span>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
