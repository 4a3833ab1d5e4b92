import type { Environment } from '../../../api/contract/index.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from '../messages.js';

/** The coloured band that says, always, which platform (and so which kind of data) this window touches. */
export function EnvironmentBand({ environment }: { readonly environment: Environment }): React.JSX.Element {
  const t = useCatalogue(messages);
  return (
    <p className={`environment-band environment-${environment}`} data-environment={environment}>
      <span className="visually-hidden">{t.environment.label} : </span>
      {t.environment[environment]}
    </p>
  );
}
