import type { RequestOf, ResponseOf, VsmContent } from '../../../api/contract/index.js';

/**
 * What the core's follow-up methods need from the médecin traitant's desk: filing the current patient's
 * medical synthesis (read back, previewed, filed), her reminders, sharing an appointment with her agenda. Implemented in main/core/gp.
 */
export interface GpDesk {
  fileVsm(content: VsmContent): Promise<ResponseOf<'vsm.file'>>;
  latestVsm(): Promise<ResponseOf<'vsm.latest'>>;
  previewVsm(content: VsmContent): Promise<ResponseOf<'vsm.preview'>>;
  reminders(): Promise<ResponseOf<'reminders.list'>>;
  patients(request: RequestOf<'patients.list'>): Promise<ResponseOf<'patients.list'>>;
  markAld(ald: boolean): Promise<ResponseOf<'patients.ald'>>;
  shareAppointment(request: RequestOf<'agenda.share'>): Promise<ResponseOf<'agenda.share'>>;
}
