/**
 * Card signatures per submission set (goal 1): the submission-set signer (the card's signature key in direct
 * mode) wrapped by a counter, over a one-document upload, a replacement and a text through the feed, and a
 * three-document set prepared and submitted as the batch sender files a stay (`prepare`, then one `submit`) on
 * the same session. The VIHF signer is counted apart: its signature is one per session, not per set.
 *
 *   node --import tsx bench/upload-signatures.ts
 *
 * PEM credentials from the mock's PKI stand for the card: the count is taken at the Signer interface, where a
 * card would be asked for each signature.
 */
import { createDocumentChecker } from '../main/core/feed/document-check.js';
import { DocumentFeed } from '../main/core/feed/document-feed.js';
import { prepare } from '../main/core/feed/prepare.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../main/core/feed/source-file.js';
import { submit } from '../main/core/feed/submit.js';
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
    const checker = await createDocumentChecker(undefined);
    const feed = new DocumentFeed(session, checker);
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

    // A set of several documents: each prepared as the feed prepares one, then ONE submission for them all.
    const { credentials, now } = session.context;
    const documents = await Promise.all(
      Array.from({ length: SET_SIZE }, () =>
        prepare(
          {
            patient,
            source: { kind: 'pdf', file: 'lettre.pdf', bytes: syntheticPdf(200 * 1024) },
            wrap: { author: credentials.identity, options: { typeCode: TYPE_CODE, now: now() } },
          },
          { checker, maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES },
        ),
      ),
    );
    rows.push([
      `${SET_SIZE}-document set (prepare + submit)`,
      await signaturesOf(async () => {
        const { outcomes } = await submit(session, patient, documents, { journal: { action: 'document.uploaded' } });
        for (const outcome of outcomes) if (outcome.kind === 'refused') throw outcome.error;
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
