import { describe, expect, it } from 'vitest';

import { METHOD_NAMES } from './index.js';
import { buildOpenApi } from './openapi.js';

interface Schema {
  type?: string;
  format?: string;
  required?: string[];
  properties?: Record<string, Schema>;
}
interface Operation {
  operationId: string;
  requestBody: { content: { 'application/json': { schema: Schema } } };
  responses: Record<string, { content: { 'application/json': { schema: Schema } } }>;
}
interface Document {
  openapi: string;
  info: { version: string };
  paths: Record<string, { post: Operation }>;
}
const describeContract = (version: string): Document => buildOpenApi(version) as unknown as Document;

describe('buildOpenApi', () => {
  it('describes every contract method as a POST with its request and response schemas', () => {
    const document = describeContract('1.2.3');
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe('1.2.3');
    for (const name of METHOD_NAMES) {
      const post = document.paths[`/api/${name}`]!.post;
      expect(post.operationId).toBe(name);
      expect(post.requestBody.content['application/json'].schema.type).toBe('object');
      expect(post.responses['200']!.content['application/json'].schema).toBeTypeOf('object');
    }
  });

  it('shows request defaults as optional and the app.info response fields as required', () => {
    const { paths } = describeContract('0');
    const poll = paths['/api/events.poll']!.post.requestBody.content['application/json'].schema;
    expect(poll.required).toEqual(['after']);
    const info = paths['/api/app.info']!.post.responses['200']!.content['application/json'].schema;
    expect(info.required).toEqual(expect.arrayContaining(['version', 'environment', 'platformUrl', 'demo']));
    expect(info.properties!.platformUrl!.format).toBe('uri');
  });
});
