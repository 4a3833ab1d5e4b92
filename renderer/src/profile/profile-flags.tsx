import { useCatalogue } from '../i18n/language.js';
import { messages } from './messages.js';
import { useProfile } from './use-profile.js';
import './profile.css';

type Flag = keyof (typeof messages)['fr']['flags'];
const FLAGS: readonly Flag[] = ['advanceDirectives', 'wishes', 'medicalProfile', 'vaccinations'];

/** The banner's flags: what the patient wrote herself, at a glance ("Directives anticipées présentes"). */
export function ProfileFlags(): React.JSX.Element | null {
  const t = useCatalogue(messages);
  const profile = useProfile();
  if (profile.state !== 'read') return null;
  const present = FLAGS.filter((flag) => profile.profile.flags[flag]);
  if (present.length === 0) return null;
  return (
    <ul className="profile-flags" aria-label={t.flagsLabel}>
      {present.map((flag) => (
        <li key={flag} className={`profile-flag flag-${flag}`} data-profile-flag={flag}>
          {t.flags[flag]}
        </li>
      ))}
    </ul>
  );
}
