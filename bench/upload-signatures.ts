/**
 * Card signatures per submission set (goal 1): the submission-set signer (the card's signature key in direct
 * mode) wrapped by a counter, over a one-document upload, a replacement and a text through the feed, and a
 * three-document set built with provideSetRequest (the request the batch sender files a stay with) and filed
 * on the same session. The VIHF signer is counted apart: its signature is one per session, not per set.
 *
 *   node --import tsx bench/upload-signatures.ts
 *
 * PEM credentials from the mock's PKI stand for the card: the count is taken at the Signer interface, where a
 * card would be asked for each signature.
 */
import { documentEntryFromCda, readCdaHeader } from '../interop/cda/index.js';
import { registryFailure } from '../interop/xds/index.js';
import { createDocumentChecker } from '../main/core/feed/document-check.js';
import { DocumentFeed } from '../main/core/feed/document-feed.js';
import { wrapForPatient } from '../main/core/feed/patient-document.js';
import { provideSetRequest } from '../main/core/feed/submission.js';
import { startTestPlatform } from '../mock-platform/testing.js';
import { gpAccess, openFeedSession, syntheticPdf } from './feed-support.js';
import { isEntryPoint } from './support.js';

const TYPE_CODE = '11490-0';
const SET_SIZE = 3;

export async function run(): Promise<void> {
  const platform = await startTestPlatform();
  try {
    const access = gpAccess(platform);
    const feedSession = await openFeedSession(access);
    const { session, patient, documentSigner, vihfSigner } = feedSession;
    const feed = new DocumentFeed(session, await createDocumentChecker(undefined));
    const pdf = { kind: 'pdf' as const, file: 'lettre.pdf', bytes: syntheticPdf(200 * 1024) };

    /** XAdES signatures made while `act` runs. */
    const signaturesOf = async (act: () => Promise<unknown>): Promise<number> => {
      const before = documentSigner.signatures;
      await act();
      return documentSigner.signatures - before;
    };
    let first = '';
    const rows: [string, number][] = [
      [
        '1-document set: a PDF uploaded',
        await signaturesOf(async () => {
          first = (await feed.upload(patient, pdf, { typeCode: TYPE_CODE })).document.uniqueId;
        }),
      ],
      [
        '1-document set: its replacement (RPLC)',
        await signaturesOf(() => feed.upload(patient, pdf, { typeCode: TYPE_CODE, replaces: first })),
      ],
      [
        '1-document set: a text uploaded',
        await signaturesOf(() =>
          feed.upload(patient, { kind: 'text', file: 'note.txt', text: 'Compte rendu.' }, { typeCode: TYPE_CODE }),
        ),
      ],
    ];

    // A set of several documents: each built as the feed builds one, then ONE request for them all.
    const { credentials, software, now } = session.context;
    const documents = Array.from({ length: SET_SIZE }, () => {
      const xml = wrapForPatient(
        { kind: 'pdf', content: new Uint8Array(syntheticPdf(200 * 1024)) },
        patient,
        credentials.identity,
        {
          typeCode: TYPE_CODE,
          now: now(),
        },
      );
      const content = Buffer.from(xml, 'utf8');
      return { entry: documentEntryFromCda(readCdaHeader(xml), { content }), content };
    });
    rows.push([
      `${SET_SIZE}-document set (provideSetRequest)`,
      await signaturesOf(async () => {
        const request = await provideSetRequest(documents, {
          signer: credentials.documentSigner,
          software,
          now: now(),
        });
        const failure = registryFailure(
          await session.provideAndRegister(patient, request.bodyXml, request.attachments),
        );
        if (failure) throw failure;
      }),
    ]);

    console.log('Card signatures per submission set (goal 1), counted at the signer; PEM keys stand for the card');
    const width = Math.max(...rows.map(([label]) => label.length));
    for (const [label, count] of rows)
      console.log(`  ${label.padEnd(width)}  ${count} ${count === 1 ? '= 1 goal' : '≠ 1 goal'}`);
    console.log(
      `  VIHF signatures for the whole session (identification, record status, consent and these ${rows.length} submissions): ${vihfSigner.signatures}, apart from those above`,
    );
    feedSession.close();
  } finally {
    await platform.dispose();
  }
}

if (isEntryPoint(import.meta.url)) await run();
