// GET /v3/openapi.json: the OpenAPI document, built once per app.
import { Hono } from 'hono';
import { buildOpenApiDocument } from '../openapi';

export function openApiRoutes(): Hono {
  const doc = buildOpenApiDocument();
  return new Hono().get('/', (c) => c.json(doc));
}
