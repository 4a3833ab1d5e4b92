import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';

/** A string still reachable in the heap, with what keeps it there. */
export interface ReachableString {
  /** The string (or its first 64 characters). */
  readonly text: string;
  /** Each object or closure that holds it: `<its type> <its name> --<edge>-->`. */
  readonly retainers: readonly string[];
}

interface Snapshot {
  readonly snapshot: {
    readonly meta: {
      readonly node_fields: readonly string[];
      readonly node_types: readonly [readonly string[], ...unknown[]];
      readonly edge_fields: readonly string[];
      readonly edge_types: readonly [readonly string[], ...unknown[]];
    };
  };
  readonly nodes: readonly number[];
  readonly edges: readonly number[];
  readonly strings: readonly string[];
}

const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

/**
 * The strings of this process's heap that `matches` accepts, each with its retainers. A heap snapshot is taken
 * after a full garbage collection, so only what something still holds is in it; strings are read whole, not
 * cut at V8's default 1024 characters, so that a long JSON line or URI is searched to its end.
 */
export function reachableStrings(matches: (text: string) => boolean): ReachableString[] {
  setFlagsFromString('--heap-snapshot-string-limit=100000000');
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-heap-'));
  let heap: Snapshot;
  try {
    heap = JSON.parse(readFileSync(writeHeapSnapshot(join(dir, 'core.heapsnapshot')), 'utf8')) as Snapshot;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const { meta } = heap.snapshot;
  const nodeWidth = meta.node_fields.length;
  const edgeWidth = meta.edge_fields.length;
  const [typeField, nameField, edgeCountField] = ['type', 'name', 'edge_count'].map((field) =>
    meta.node_fields.indexOf(field),
  );
  const [edgeTypeField, edgeNameField, toNodeField] = ['type', 'name_or_index', 'to_node'].map((field) =>
    meta.edge_fields.indexOf(field),
  );
  const nodeType = (node: number): string => meta.node_types[0][heap.nodes[node + typeField!]!]!;
  const nodeName = (node: number): string => heap.strings[heap.nodes[node + nameField!]!]!;

  const found = new Map<number, string[]>();
  for (let node = 0; node < heap.nodes.length; node += nodeWidth) {
    if (STRING_TYPES.has(nodeType(node)) && matches(nodeName(node))) found.set(node, []);
  }
  let edge = 0;
  for (let node = 0; node < heap.nodes.length; node += nodeWidth) {
    const count = heap.nodes[node + edgeCountField!]!;
    for (let index = 0; index < count; index += 1, edge += edgeWidth) {
      const target = heap.edges[edge + toNodeField!]!;
      const retainers = found.get(target);
      if (!retainers) continue;
      const type = meta.edge_types[0][heap.edges[edge + edgeTypeField!]!]!;
      const name =
        type === 'element' || type === 'hidden'
          ? String(heap.edges[edge + edgeNameField!])
          : heap.strings[heap.edges[edge + edgeNameField!]!];
      retainers.push(`${nodeType(node)} ${nodeName(node).slice(0, 64)} --${type}:${name}-->`);
    }
  }
  return [...found].map(([node, retainers]) => ({ text: nodeName(node).slice(0, 64), retainers }));
}
