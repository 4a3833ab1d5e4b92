import { useState } from 'react';

import type { DocumentCheck, DocumentResult } from '../../../api/contract/index.js';
import { ApiError, call, stageFile } from '../api-client.js';
import { usePatientWorkspace } from '../patient/patient-context.js';

/** What the last filing came to: the document filed with the checks it passed, or the refusal. */
export type FilingOutcome =
  | { readonly kind: 'filed'; readonly document: DocumentResult; readonly check: DocumentCheck }
  | { readonly kind: 'refused'; readonly error: ApiError };

/** A document to file: the user's file and what the form says of it. */
export interface FilingRequest {
  readonly file: File;
  readonly typeCode: string | undefined;
  readonly title: string;
  /** The day of care (`YYYY-MM-DD`); the day it is filed when not given. */
  readonly careDate: string | undefined;
  /** The encounter's last day, when it spans several. */
  readonly careEndDate: string | undefined;
  readonly maskFromProfessionals: boolean;
  readonly hideFromPatient: boolean;
  readonly hideFromLegalRepresentatives: boolean;
  /** A minor's secret connection: the VIHF says so and her legal representatives never see the document. */
  readonly secretMinor: boolean;
}

export interface FilingOptions {
  /** Replacing a document (RPLC): the new version files under its id. */
  readonly replaces?: string;
  /** Called once the record holds the new document. */
  readonly onFiled: (document: DocumentResult) => void;
}

export interface Filing {
  readonly busy: boolean;
  readonly outcome: FilingOutcome | undefined;
  readonly file: (request: FilingRequest) => void;
  readonly forgetOutcome: () => void;
}

/**
 * Files a document: the file goes to the core first (staged), then the upload (or the replacement) names it.
 * The core's and the platform's refusals stay beside the form; a lost service goes to the frame.
 */
export function useFiling({ replaces, onFiled }: FilingOptions): Filing {
  const { onError } = usePatientWorkspace();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<FilingOutcome>();

  const send = async (filed: FilingRequest): Promise<void> => {
    const { fileId } = await stageFile(filed.file);
    const request = {
      source: { kind: 'staged' as const, fileId },
      typeCode: filed.typeCode,
      title: filed.title.trim() || undefined,
      careDate: filed.careDate,
      careEndDate: filed.careEndDate,
      maskFromProfessionals: filed.maskFromProfessionals,
      hideFromPatient: filed.hideFromPatient,
      hideFromLegalRepresentatives: filed.hideFromLegalRepresentatives,
      secretMinor: filed.secretMinor,
    };
    const answer = replaces
      ? await call('document.replace', { ...request, replaces })
      : await call('document.upload', request);
    setOutcome({ kind: 'filed', ...answer });
    onFiled(answer.document);
  };

  const file = (request: FilingRequest): void => {
    setBusy(true);
    setOutcome(undefined);
    send(request)
      .catch((error: unknown) => {
        if (error instanceof ApiError) setOutcome({ kind: 'refused', error });
        else onError(error);
      })
      .finally(() => setBusy(false));
  };

  return { busy, outcome, file, forgetOutcome: () => setOutcome(undefined) };
}
