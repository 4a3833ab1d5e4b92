import { useEffect, useId, useState } from 'react';

import type { SettingEntry, SettingsView as View } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { call } from '../api-client.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from './messages.js';
import './settings.css';

/** One setting: its label, its value in a field, and its own save button. */
function SettingRow({
  entry,
  onSave,
}: {
  readonly entry: SettingEntry;
  readonly onSave: (key: string, value: string) => Promise<void>;
}): React.JSX.Element {
  const t = useCatalogue(messages);
  const id = useId();
  const labels: Readonly<Record<string, string>> = t.labels;
  const [value, setValue] = useState(entry.value === null ? '' : String(entry.value));
  const [busy, setBusy] = useState(false);
  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    setBusy(true);
    void onSave(entry.key, value).finally(() => setBusy(false));
  };
  return (
    <form className="setting" onSubmit={submit}>
      <label htmlFor={id}>{labels[entry.key] ?? entry.key}</label>
      <input id={id} name={entry.key} value={value} onChange={(event) => setValue(event.target.value)} />
      <button type="submit" disabled={busy}>
        {t.save}
      </button>
      {entry.overriddenBy && <p className="hint">{format(t.overridden, { variable: entry.overriddenBy })}</p>}
    </form>
  );
}

/** The workstation's settings, each checked by the core when saved (a refusal names the setting and why). */
export function SettingsView({ onError }: { readonly onError: (error: unknown) => void }): React.JSX.Element {
  const t = useCatalogue(messages);
  const [view, setView] = useState<View>();
  const [saved, setSaved] = useState<string>();
  useEffect(() => {
    call('settings.show', {}).then(setView, onError);
  }, [onError]);
  const save = async (key: string, value: string): Promise<void> => {
    setSaved(undefined);
    try {
      setView(await call('settings.set', { key, value }));
      setSaved(key);
    } catch (error) {
      onError(error);
    }
  };
  return (
    <section className="settings" aria-labelledby="settings-title">
      <h2 id="settings-title">{t.title}</h2>
      <p>{t.nextStart}</p>
      <p>{t.emptyRemoves}</p>
      {view && <p className="hint">{format(t.file, { path: view.path })}</p>}
      <p role="status">{saved && format(t.saved, { key: saved })}</p>
      {view?.settings.map((entry) => (
        <SettingRow key={entry.key} entry={entry} onSave={save} />
      ))}
    </section>
  );
}
