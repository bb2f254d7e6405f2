export { SocialMediaAPI } from './ayrshare.ts';
export {
  type CallOptions,
  createHeraldClient,
  type HeraldClient,
  type HeraldClientOptions,
  type HistoryQuery,
  headersOf,
  type PostAnswer,
  type PostRequest,
  type PostView,
  type XKeys,
} from './client.ts';
export { type CatalogCode, type CatalogErrorBody, HeraldApiError } from './errors.ts';
export type { components, paths } from './generated/openapi.ts';
