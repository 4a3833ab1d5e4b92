import type { Environment } from '../../../api/contract/index.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from '../messages.js';

export interface EnvironmentBandProps {
  readonly environment: Environment;
  /** What belongs to this environment alone: the demo's drawer of emulated cards. */
  readonly children?: React.ReactNode;
}

/** The coloured band that says, always, which platform (and so which kind of data) this window touches. */
export function EnvironmentBand({ environment, children }: EnvironmentBandProps): React.JSX.Element {
  const t = useCatalogue(messages);
  return (
    <div className={`environment-band environment-${environment}`}>
      <p data-environment={environment}>
        <span className="visually-hidden">{t.environment.label} : </span>
        {t.environment[environment]}
      </p>
      {children}
    </div>
  );
}
