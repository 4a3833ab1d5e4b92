// @ts-check
/**
 * The layering rule of docs/architecture.md, in the spirit of VS Code's `code-layering`: every import is
 * resolved to a real path (relative paths from the importing file, bare specifiers through node_modules, links
 * followed), both ends are placed in their layer (the longest folder of the allow-list containing them), and the
 * pair is checked against the allow-list. A path pattern cannot do this: `../service/start.js` written in
 * `main/core/x.ts` says nothing of its layer until resolved.
 *
 * Bare specifiers that stay packages are classified: Node built-ins where a layer refuses Node, and the packages
 * the options reserve to some layers (`electron`). Files outside every layer (scripts, configuration) are not
 * checked; the configuration leaves tests out.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * @typedef {object} LayerRule
 * @property {string[]} [may] the layers this layer may import besides itself
 * @property {boolean} [node] false when the layer may not import Node built-ins
 */

/**
 * @typedef {object} LayeringOptions
 * @property {string} root the repository's folder: layers are folders relative to it
 * @property {Record<string, LayerRule>} layers folder → what it may import
 * @property {Record<string, string[]>} [packages] package → the only layers that may import it
 */

/** What TypeScript's NodeNext resolution finds for a written `.js`, or an extensionless path. */
const SOURCE_CANDIDATES = [
  (/** @type {string} */ path) => path,
  (/** @type {string} */ path) => path.replace(/\.(c|m)?js$/, '.$1ts'),
  (/** @type {string} */ path) => path.replace(/\.js$/, '.tsx'),
  (/** @type {string} */ path) => `${path}.ts`,
  (/** @type {string} */ path) => `${path}.tsx`,
  (/** @type {string} */ path) => join(path, 'index.ts'),
  (/** @type {string} */ path) => join(path, 'index.tsx'),
];

/**
 * The real file behind a path: the first candidate that exists, links followed. A path that names nothing
 * (TypeScript reports those) keeps its place under the deepest existing folder, resolved: its layer still shows.
 * @param {string} path
 * @returns {string}
 */
function realPath(path) {
  for (const candidate of SOURCE_CANDIDATES) {
    const file = candidate(path);
    if (existsSync(file) && statSync(file).isFile()) return realpathSync(file);
  }
  return realFolder(path);
}

/**
 * @param {string} path
 * @returns {string}
 */
function realFolder(path) {
  if (existsSync(path)) return realpathSync(path);
  const parent = dirname(path);
  return parent === path ? path : join(realFolder(parent), basename(path));
}

/**
 * The package a bare specifier names (`@scope/name` or `name`).
 * @param {string} specifier
 */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * Where a specifier leads: a file of the repository (`{ path }`), Node (`{ node }`) or a package (`{ pkg }`).
 * A package whose folder in node_modules is a link into the repository (a workspace) is that folder's file.
 * @param {string} specifier
 * @param {string} importer
 * @param {string} root
 * @returns {{ path: string } | { node: string } | { pkg: string }}
 */
function resolveSpecifier(specifier, importer, root) {
  if (specifier.startsWith('.')) return { path: realPath(resolve(dirname(importer), specifier)) };
  if (isAbsolute(specifier)) return { path: realPath(specifier) };
  if (specifier.startsWith('node:') || isBuiltin(specifier)) return { node: specifier };
  const pkg = packageName(specifier);
  const installed = join(root, 'node_modules', pkg);
  if (existsSync(installed)) {
    const target = realpathSync(installed);
    if (isInside(target, root) && !isInside(target, join(root, 'node_modules'))) {
      return { path: realPath(join(target, specifier.slice(pkg.length))) };
    }
  }
  return { pkg };
}

/**
 * @param {string} path
 * @param {string} folder
 */
function isInside(path, folder) {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The layer holding a path: the longest layer folder that contains it, or undefined outside every layer.
 * @param {string} path absolute
 * @param {string} root
 * @param {string[]} layerNames
 */
function layerOf(path, root, layerNames) {
  const rel = relative(root, path).split(sep).join('/');
  let found;
  for (const name of layerNames) {
    if ((rel === name || rel.startsWith(`${name}/`)) && (found === undefined || name.length > found.length)) {
      found = name;
    }
  }
  return found;
}

/** @type {import('eslint').Rule.RuleModule} */
const layering = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder imports only the layers docs/architecture.md allows it.' },
    messages: {
      crossing: '{{from}} may not import {{to}} ({{specifier}}); it may import: {{allowed}}.',
      outside: '{{from}} may not import {{specifier}}: it lies outside every layer ({{to}}).',
      node: '{{from}} may not import the Node built-in {{specifier}}: this layer runs without Node.',
      reserved: '{{from}} may not import {{specifier}}: only {{owners}} may.',
    },
    schema: [
      {
        type: 'object',
        required: ['root', 'layers'],
        additionalProperties: false,
        properties: {
          root: { type: 'string' },
          layers: {
            type: 'object',
            additionalProperties: {
              type: 'object',
              additionalProperties: false,
              properties: { may: { type: 'array', items: { type: 'string' } }, node: { type: 'boolean' } },
            },
          },
          packages: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        },
      },
    ],
  },

  create(context) {
    const options = /** @type {LayeringOptions} */ (context.options[0]);
    const root = realpathSync(options.root);
    const layerNames = Object.keys(options.layers);
    const importer = realPath(context.filename);
    const from = layerOf(importer, root, layerNames);
    if (from === undefined) return {};
    const rule = options.layers[from] ?? {};
    const allowed = new Set([from, ...(rule.may ?? [])]);

    /**
     * @param {import('estree').Node} node
     * @param {string} specifier
     */
    const check = (node, specifier) => {
      const target = resolveSpecifier(specifier, importer, root);
      if ('node' in target) {
        if (rule.node === false) context.report({ node, messageId: 'node', data: { from, specifier } });
        return;
      }
      if ('pkg' in target) {
        const owners = options.packages?.[target.pkg];
        if (owners !== undefined && !owners.includes(from)) {
          context.report({ node, messageId: 'reserved', data: { from, specifier, owners: owners.join(', ') } });
        }
        return;
      }
      if (!isInside(target.path, root)) return;
      const to = layerOf(target.path, root, layerNames);
      if (to === undefined) {
        const where = relative(root, target.path).split(sep).join('/');
        context.report({ node, messageId: 'outside', data: { from, specifier, to: where } });
      } else if (!allowed.has(to)) {
        const data = { from, to, specifier, allowed: [...allowed].join(', ') };
        context.report({ node, messageId: 'crossing', data });
      }
    };

    /** @param {unknown} source */
    const checkSource = (source) => {
      const literal = /** @type {import('estree').Node | null | undefined} */ (source);
      if (literal?.type === 'Literal' && typeof literal.value === 'string') check(literal, literal.value);
    };

    return {
      ImportDeclaration: (node) => checkSource(node.source),
      ExportAllDeclaration: (node) => checkSource(node.source),
      ExportNamedDeclaration: (node) => checkSource(node.source),
      ImportExpression: (node) => checkSource(node.source),
      // `import x = require('…')` and `typeof import('…')`: TypeScript's own forms, not in ESTree's types.
      'TSExternalModuleReference > Literal': (/** @type {import('estree').Node} */ node) => checkSource(node),
      'TSImportType > TSLiteralType > Literal': (/** @type {import('estree').Node} */ node) => checkSource(node),
    };
  },
};

export default layering;
