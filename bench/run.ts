/**
 * Runs the benchmarks one after the other in this process, each printing its figures against a baseline
 * measured in the same run. Exits 1 when one threw (the others still run), 2 on an unknown name.
 *
 *   npm run bench                      every benchmark
 *   npm run bench -- card-signing …    those named
 *   npm run bench -- --help            the list
 */
interface Benchmark {
  readonly name: string;
  readonly summary: string;
  /** Imported only when selected: each brings its own heavy setup (mock platform, SoftHSM2, …). */
  load(): Promise<{ run(): Promise<void> }>;
}

const BENCHMARKS: readonly Benchmark[] = [
  {
    name: 'card-signing',
    summary:
      'card signature through the bridge vs bare pkcs11js C_Sign on the same SoftHSM2 key (goal ≤ 1.2×); PKCS#11 calls per login (goal ≤ 20)',
    load: () => import('./card-signing.js'),
  },
  {
    name: 'mtom-encoding',
    summary: 'peak memory of MTOM/XOP for a 25 MB document vs its size and a whole-body Buffer (goal ≤ 3×)',
    load: () => import('./mtom-encoding.js'),
  },
  {
    name: 'upload-throughput',
    summary:
      '200 × 200 kB PDFs through the feed pipeline vs a raw HTTPS POST of the same bytes to the mock (goal ≥ 0.5); official rules apart',
    load: () => import('./upload-throughput.js'),
  },
  {
    name: 'upload-memory',
    summary:
      'peak RSS of one large PDF (18.7 MB and 25 MB) through the feed pipeline vs its size, fresh process (goal ≤ 3×)',
    load: () => import('./upload-memory.js'),
  },
  {
    name: 'upload-signatures',
    summary: 'card (XAdES) signatures per submission set, 1-document uploads and a 3-document set (goal 1)',
    load: () => import('./upload-signatures.js'),
  },
  {
    name: 'td02-round-trip',
    summary: 'TD0.2 round trip through the client vs a bare HTTPS POST to the mock; VIHF signatures per call',
    load: () => import('./td02-round-trip.js'),
  },
  {
    name: 'consult-search',
    summary:
      'FindDocuments over 1M documents / 100k patients through the client vs a bare indexed SQLite lookup (goal ≤ 20×); round trips Vitale → list (goal ≤ 3)',
    load: () => import('./consult-search.js'),
  },
  {
    name: 'consult-latency',
    summary:
      '"Vitale inserted" → documents listed through the core\'s contract calls, mock latency 0, 300 ms and 3 s per request, as a multiple of the latency (goal ≤ 3 × latency + 300 ms)',
    load: () => import('./consult-latency.js'),
  },
  {
    name: 'consult-window',
    summary:
      "the same flow in Chromium driving the demo's window, a later visit at 0, 300 ms and 3 s: the time (goal ≤ 3 × latency + 300 ms) and the window's longest stall (goal ≤ 50 ms)",
    load: () => import('./consult-window.js'),
  },
  {
    name: 'queue-enqueue',
    summary:
      'DurableQueue.enqueue of 200 kB vs a raw write + fsync of the same bytes (goal ≤ 2×); claim with 1M items queued (goal < 1 ms)',
    load: () => import('./queue-enqueue.js'),
  },
  {
    name: 'batch-end-to-end',
    summary:
      '1,000 × 200 kB PDFs import → queue → platform vs raw HTTPS POSTs of the same bytes (goal ≥ 0.5); card signatures per submission set (goal ≤ 1)',
    load: () => import('./batch-end-to-end.js'),
  },
  {
    name: 'mss-send',
    summary:
      'a 5 MB report to the patient’s MSSanté mailbox through the client vs a raw SMTP submission of the same message bytes',
    load: () => import('./mss-send.js'),
  },
  {
    name: 'rules-validation',
    summary:
      'official ANS rules: load of the compiled forms (goal ≤ 2 s), per document warm for a level-1 PDF (≤ 30 ms), an LDL-SES and a VSM (≤ 100 ms); the ANS reference pipeline when java is installed',
    load: () => import('./rules-validation.js'),
  },
  {
    name: 'rules-engines',
    summary:
      'the native rules engine vs SaxonJS on the same compiled rules: findings compared on every ANS example and broken copies (goal: no difference), time per document',
    load: () => import('./rules-engines.js'),
  },
];

function usage(): string {
  const width = Math.max(...BENCHMARKS.map((b) => b.name.length));
  return [
    'Usage: npm run bench [-- <name>…]   (no name: all of them)',
    '',
    'Benchmarks:',
    ...BENCHMARKS.map((b) => `  ${b.name.padEnd(width)}  ${b.summary}`),
  ].join('\n');
}

async function main(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage());
    return 0;
  }
  const unknown = args.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark: ${unknown.join(', ')}\n\n${usage()}`);
    return 2;
  }
  const selected = args.length === 0 ? BENCHMARKS : args.map((name) => BENCHMARKS.find((b) => b.name === name)!);
  const failed: string[] = [];
  for (const benchmark of selected) {
    console.log(`\n== ${benchmark.name}`);
    const start = performance.now();
    try {
      await (await benchmark.load()).run();
      console.log(`   (${((performance.now() - start) / 1000).toFixed(1)} s)`);
    } catch (error) {
      console.error(`${benchmark.name} failed:`, error);
      failed.push(benchmark.name);
    }
  }
  if (failed.length > 0) {
    console.error(`\nFailed: ${failed.join(', ')}`);
    return 1;
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
