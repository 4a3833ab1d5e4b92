import type { ResponseOf, VsmContent } from '../../../api/contract/index.js';
import { readVsm } from '../../../interop/cda/index.js';
import { renderDocument } from '../consult/render/cda-render.js';
import type { ProfessionalSession } from '../session/professional-session.js';
import { checkVsmContent, vsmContentOf } from './vsm-content.js';
import { syntheses, vsmXml } from './vsm-filing.js';

/** `YYYYMMDD…` → `YYYY-MM-DD`. */
const dayOf = (time: string): string => `${time.slice(0, 4)}-${time.slice(4, 6)}-${time.slice(6, 8)}`;

/**
 * The current patient's latest synthesis in force, read back: the record visited (her copy brought up to
 * date), the newest VSM retrieved and its entries parsed into the content `vsm.file` takes, so that the GP
 * updates it rather than writing it again.
 */
export async function latestVsm(professional: ProfessionalSession): Promise<ResponseOf<'vsm.latest'>> {
  const { consultation, session, patient } = professional.consultation();
  const visit = await consultation.visit(patient);
  const entries = visit.documents.map((d) => d.entry);
  professional.learn(entries);
  const latest = syntheses(entries)[0];
  if (!latest) return { latest: null };
  const { content } = await consultation.content(patient, latest.uniqueId);
  const { unread, ...body } = readVsm(content.toString('utf8'));
  const nationalId = session.context.credentials.identity.nationalId;
  return {
    latest: {
      uniqueId: latest.uniqueId,
      title: latest.title,
      date: dayOf(latest.creationTime),
      mine: latest.authors.some((a) => a.person.id === nationalId),
      content: vsmContentOf({ ...body, unread }, latest.title),
      unread,
    },
  };
}

/**
 * The synthesis as the record will show it: checked as `vsm.file` checks it, built under the same header and
 * rendered by the viewer's own renderer. Nothing leaves the workstation.
 */
export function previewVsm(
  professional: ProfessionalSession,
  content: VsmContent,
  now: () => Date,
): ResponseOf<'vsm.preview'> {
  const checked = checkVsmContent(content);
  const { session, patient } = professional.atDesk();
  const xml = vsmXml(checked, patient, session.context.credentials.identity, now());
  const rendered = renderDocument(Buffer.from(xml, 'utf8'), 'text/xml', { uniqueId: 'preview' });
  // A VSM is a structured CDA: the renderer always writes HTML for it.
  return { html: rendered.kind === 'html' ? rendered.html : '' };
}
