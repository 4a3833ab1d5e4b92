import type { AppInfo } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from '../messages.js';

/** Which version runs, against which platform: what the support desk asks first. */
export function FrameFooter({ info }: { readonly info: AppInfo }): React.JSX.Element {
  const t = useCatalogue(messages);
  return (
    <footer className="app-footer">
      <span>{format(t.version, { version: info.version })}</span>
      <span>{format(t.platform, { url: info.platformUrl })}</span>
    </footer>
  );
}
