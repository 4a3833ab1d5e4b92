import { useCallback, useState } from 'react';

import type { AppInfo } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from '../messages.js';
import { AboutBox } from '../settings/about-box.js';
import { messages as settingsMessages } from '../settings/messages.js';

/** Which version runs, against which platform: what the support desk asks first; the About box for the rest. */
export function FrameFooter({
  info,
  onError,
}: {
  readonly info: AppInfo;
  readonly onError: (error: unknown) => void;
}): React.JSX.Element {
  const t = useCatalogue(messages);
  const s = useCatalogue(settingsMessages);
  const [about, setAbout] = useState(false);
  const closeAbout = useCallback(() => setAbout(false), []);
  return (
    <footer className="app-footer">
      <span>{format(t.version, { version: info.version })}</span>
      <span>{format(t.platform, { url: info.platformUrl })}</span>
      <button type="button" onClick={() => setAbout(true)}>
        {s.about.open}
      </button>
      {about && <AboutBox onClose={closeAbout} onError={onError} />}
    </footer>
  );
}
