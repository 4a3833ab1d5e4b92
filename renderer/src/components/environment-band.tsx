import type { Environment } from '../../../api/contract/index.js';
import { useLanguage } from '../i18n/i18n.js';

/** The coloured band that says, always, which platform (and so which kind of data) this window touches. */
export function EnvironmentBand({ environment }: { readonly environment: Environment }): React.JSX.Element {
  const { t } = useLanguage();
  return (
    <p className={`environment-band environment-${environment}`} data-environment={environment}>
      <span className="visually-hidden">{t.environment.label} : </span>
      {t.environment[environment]}
    </p>
  );
}
