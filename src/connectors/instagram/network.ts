import { INSTAGRAM_CONTAINERS } from '../shared/graph-container.ts';
import type { ContainerNetwork } from '../shared/graph-run.ts';
import { carouselParams, childParams, shapeOf, singleParams } from './containers.ts';
import { classifyAnswer, classifyContainer, PLATFORM_NAME, STALE_CONTAINER_SUBCODES } from './errors.ts';
import { refuseInstagram } from './refuse.ts';

export const CREDENTIALS = { id: 'igUserId', token: 'accessToken' } as const;

/** Instagram on Meta's container flow: POST /{ig-user-id}/media → status_code → media_publish. */
export const INSTAGRAM_NETWORK: ContainerNetwork = {
  platform: 'instagram',
  name: PLATFORM_NAME,
  credentials: CREDENTIALS,
  edges: { create: 'media', publish: 'media_publish', list: 'media' },
  textField: 'caption',
  dialect: INSTAGRAM_CONTAINERS,
  processingTimeoutCode: 436,
  staleSubcodes: STALE_CONTAINER_SUBCODES,
  classifyAnswer,
  classifyContainer,
  refuse: refuseInstagram,
  singleParams,
  childParams,
  carouselParams,
  // Stories have no caption and are not in /{ig-user-id}/media.
  listable: (input) => shapeOf(input) !== 'story',
};
