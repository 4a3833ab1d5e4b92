/**
 * A 5 MB report sent to the patient's Mon espace santé mailbox through the client (the PDF read and checked,
 * the sender's address from the directory, the message composed with its X-MSS headers, SMTP submission with
 * STARTTLS under the professional's certificate) beside a raw SMTP submission of the very same message bytes to
 * the same operator in the same run, each on a new connection; printed as a ratio.
 *
 *   node --import tsx bench/mss-send.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import nodemailer from 'nodemailer';

import { patientMailAddress } from '../interop/mssante/addresses.js';
import { createDocumentChecker } from '../main/core/feed/document-check.js';
import { Journal } from '../main/core/journal/journal.js';
import { messagingDesk } from '../main/core/messaging/messaging-desk.js';
import { passerelleSoftware } from '../main/core/session/software.js';
import { SealedBox } from '../main/core/storage/sealed-box.js';
import { openSqlite } from '../interop/sqlite/sqlite.js';
import { startTestPlatform } from '../mock-platform/testing.js';
import { gpAccess, openFeedSession, writeSyntheticPdf } from './feed-support.js';
import { isEntryPoint, percentile } from './support.js';

const SENDS = Number(process.env.BENCH_SENDS ?? 10);
const REPORT_BYTES = 5 * 1024 * 1024;

export async function run(): Promise<void> {
  const platform = await startTestPlatform();
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-mss-'));
  const access = gpAccess(platform);
  const feed = await openFeedSession(access);
  try {
    const report = join(dir, 'compte-rendu.pdf');
    await writeSyntheticPdf(report, REPORT_BYTES);
    const desk = messagingDesk(
      {
        atDesk: () => ({ session: feed.session, patient: feed.patient }),
        platform: () => feed.session,
        consultation: () => {
          throw new Error('no record document is sent here');
        },
      },
      {
        messaging: {
          smtp: { host: 'localhost', port: platform.mssante.smtpPort },
          imap: { host: 'localhost', port: platform.mssante.imapPort },
          nil: 'PASSERELLE-BENCH',
          directoryUrl: `${platform.url}/annuaire/fhir/`,
        },
        platform: { trust: () => [platform.pki.rootPem] },
        software: passerelleSoftware('bench'),
        maxDocumentBytes: 25 * 1024 * 1024,
        clock: () => new Date(),
        documentChecker: () => createDocumentChecker(undefined),
        journal: () => new Journal(openSqlite(':memory:'), new SealedBox(Buffer.alloc(32, 9))),
      },
    );
    const mailbox = patientMailAddress(feed.patient.ins.matricule);
    const send = () =>
      desk.send({
        toPatient: true,
        to: [],
        attachments: [{ kind: 'file', path: report }],
        documents: [],
        subject: 'Compte rendu',
        body: 'Votre compte rendu est joint.',
        noReply: false,
      });
    await send();

    const ours: number[] = [];
    for (let i = 0; i < SENDS; i += 1) {
      const start = process.hrtime.bigint();
      await send();
      ours.push(Number(process.hrtime.bigint() - start) / 1e6);
    }

    // The baseline: the last message's exact bytes, submitted raw on a new STARTTLS connection with the same certificate.
    const last = platform.mssante.mailboxes.list(mailbox).at(-1)!;
    const raw = platform.mssante.mailboxes.raw(mailbox, last.id)!;
    const raws: number[] = [];
    for (let i = 0; i < SENDS; i += 1) {
      const transport = nodemailer.createTransport({
        host: 'localhost',
        port: platform.mssante.smtpPort,
        secure: false,
        requireTLS: true,
        tls: {
          ca: [platform.pki.rootPem],
          cert: access.issued.certificatePem,
          key: access.issued.privateKeyPem,
          minVersion: 'TLSv1.2',
        },
      });
      const start = process.hrtime.bigint();
      await transport.sendMail({ envelope: { from: last.from, to: [mailbox] }, raw });
      raws.push(Number(process.hrtime.bigint() - start) / 1e6);
      transport.close();
    }
    ours.sort((a, b) => a - b);
    raws.sort((a, b) => a - b);
    const median = (values: number[]) => percentile(values, 50);
    console.log(
      `   5 MB report to the patient's mailbox (${(raw.byteLength / 1e6).toFixed(2)} MB on the wire), ${SENDS} sends each`,
    );
    console.log(`   client:   median ${median(ours).toFixed(0)} ms, p90 ${percentile(ours, 90).toFixed(0)} ms`);
    console.log(`   raw SMTP: median ${median(raws).toFixed(0)} ms, p90 ${percentile(raws, 90).toFixed(0)} ms`);
    console.log(`   ratio client / raw SMTP (median): ${(median(ours) / median(raws)).toFixed(2)}×`);
  } finally {
    feed.close();
    await platform.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isEntryPoint(import.meta.url)) await run();
