import { z } from 'zod';

import { ErrorBodySchema } from '../errors/index.js';
import { CONTRACT, METHOD_NAMES, methodPath } from './index.js';
import { StagedFileSchema } from './document-methods.js';
import { EventSchema } from './events.js';

/** The cookie that carries the service's per-launch token after the launch URL handed it over. */
export const TOKEN_COOKIE = 'passerelle_token';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
  });
  return rest;
}

const errorResponse = {
  description: 'A typed error: its code, its message in French and English, and its details.',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
};

/**
 * The OpenAPI 3.1 description of the contract, generated from the same zod schemas the core parses with, so
 * that integrators read exactly what is enforced. Request schemas describe what may be sent (defaults
 * optional), response schemas what is returned.
 */
export function buildOpenApi(version: string): JsonSchema {
  const paths: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) {
    const spec = CONTRACT[name];
    paths[methodPath(name)] = {
      post: {
        operationId: name,
        summary: spec.summary,
        requestBody: { required: true, content: { 'application/json': { schema: schemaOf(spec.request, 'input') } } },
        responses: {
          '200': {
            description: 'Success.',
            content: { 'application/json': { schema: schemaOf(spec.response, 'output') } },
          },
          default: errorResponse,
        },
      },
    };
  }
  paths['/api/files'] = {
    post: {
      operationId: 'files.stage',
      summary:
        'Hands a file over as raw bytes (name in the percent-encoded x-file-name header); methods then name it by fileId. Held in memory, taken once, dropped after 30 minutes.',
      parameters: [{ name: 'x-file-name', in: 'header', required: true, schema: { type: 'string' } }],
      requestBody: {
        required: true,
        content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
      },
      responses: {
        '200': {
          description: 'The file is held.',
          content: { 'application/json': { schema: schemaOf(StagedFileSchema, 'output') } },
        },
        default: errorResponse,
      },
    },
  };
  paths['/api/events'] = {
    get: {
      operationId: 'events.stream',
      summary: 'Server-Sent Events: each `data:` line is one event, each `id:` its sequence number.',
      responses: {
        '200': {
          description: 'The event stream.',
          content: { 'text/event-stream': { schema: { $ref: '#/components/schemas/Event' } } },
        },
        default: errorResponse,
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Passerelle local API',
      version,
      description:
        'The contract between the Passerelle UI and its core, also offered to other medical software on 127.0.0.1.',
    },
    paths,
    components: {
      schemas: { ErrorBody: schemaOf(ErrorBodySchema, 'output'), Event: schemaOf(EventSchema, 'output') },
      securitySchemes: {
        launchToken: { type: 'apiKey', in: 'cookie', name: TOKEN_COOKIE },
        bearerToken: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ launchToken: [] }, { bearerToken: [] }],
  };
}
