/**
 * Ayrshare's npm SDK (`social-media-api`), method for method, against Herald: moving an
 * integration is changing its import and giving Herald's address. As the original does,
 * every body gets `source: "npm"`, every GET sends its params in the query (arrays as
 * `key[0]=a&key[1]=b`) with `source=npm`, and every call resolves with the answer's body
 * whatever its status (an error body is a value, not a rejection). Methods for features
 * Herald does not offer (feeds, AI generation, hashtags, reviews, brand lookup) call the
 * same paths and resolve with Herald's catalog answer for an unknown route (611).
 */
type Params = Record<string, unknown>;
type Verb = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface SocialMediaAPIOptions {
  /** Herald's address (e.g. http://localhost:3000); the SDK adds /api as Ayrshare's base URL has it. */
  baseUrl: string;
  fetch?: typeof globalThis.fetch;
}

function buildParams(data: Params): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(data)) {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) params.append(`${key}[${i}]`, String(item));
    } else params.append(key, String(value));
  }
  return params.toString();
}

export class SocialMediaAPI {
  private profileKey: string | null = null;
  private readonly base: string;
  private readonly doFetch: typeof globalThis.fetch;

  constructor(
    private readonly apiKey: string,
    options: SocialMediaAPIOptions,
  ) {
    this.base = `${options.baseUrl.replace(/\/+$/, '')}/api`;
    this.doFetch = options.fetch ?? globalThis.fetch;
  }

  getHeaders(): Record<string, string> {
    return {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${this.apiKey}`,
      ...(this.profileKey ? { 'Profile-Key': this.profileKey } : {}),
    };
  }

  setProfileKey(profileKey: string): this {
    this.profileKey = profileKey;
    return this;
  }

  private async call(verb: Verb, endpoint: string, data?: Params): Promise<unknown> {
    const query = verb === 'GET' ? `?${data ? buildParams({ ...data, source: 'npm' }) : 'source=npm'}` : '';
    try {
      const response = await this.doFetch(`${this.base}/${endpoint}${query}`, {
        method: verb,
        headers: this.getHeaders(),
        ...(verb === 'GET' ? {} : { body: JSON.stringify({ ...data, source: 'npm' }) }),
      });
      return await response.json();
    } catch (err) {
      return err; // as the original: a transport failure resolves with the error
    }
  }

  post = (data: Params) => this.call('POST', 'post', data);
  delete = (data: Params) => this.call('DELETE', 'post', data);
  updatePost = (data: Params) => this.call('PUT', 'post', data);
  retryPost = (data: Params) => this.call('PUT', 'post/retry', data);
  getPost = (data: { id: string }) => this.call('GET', `post/${data.id}`);
  history = (params?: Params) => {
    const id = (params?.id ?? params?.platform ?? null) as string | null;
    return this.call('GET', `history${id ? `/${id}` : ''}`, params);
  };
  media = (params?: Params) => this.call('GET', 'media', params);
  verifyMediaExists = (params: Params) => this.call('POST', 'media/urlExists', params);
  mediaUploadUrl = (params: Params) => this.call('GET', 'media/uploadUrl', params);
  mediaMeta = (params: Params) => this.call('GET', 'media/meta', params);
  resizeImage = (params: Params) => this.call('POST', 'media/resize', params);
  analyticsLinks = (params?: Params) => this.call('GET', 'analytics/links', params);
  analyticsPost = (data: Params) => this.call('POST', 'analytics/post', data);
  analyticsSocial = (data: Params) => this.call('POST', 'analytics/social', data);
  user = (params?: Params) => this.call('GET', 'user', params);
  upload = (data: Params) => this.call('POST', 'upload', data);
  shorten = (data: Params) => this.call('POST', 'shorten', data);
  feedAdd = (data: Params) => this.call('POST', 'feed', data);
  feedDelete = (data: Params) => this.call('DELETE', 'feed', data);
  // The original passes its headers where the params go (feedGet(data) → doGet("feed", data, headers)).
  feedGet = (data?: Params) => this.call('GET', 'feed', data);
  feedUpdate = (data: Params) => this.call('PUT', 'feed', data);
  postComment = (data: Params) => this.call('POST', 'comments', data);
  getComments = (params: Params & { id: string }) => this.call('GET', `comments/${params.id}`, params);
  deleteComments = (params: Params & { id: string }) => this.call('DELETE', `comments/${params.id}`, params);
  replyComment = (params: Params) => this.call('POST', 'comments/reply', params);
  createProfile = (data: Params) => this.call('POST', 'profiles/profile', data);
  deleteProfile = (data: Params) => this.call('DELETE', 'profiles/profile', data);
  updateProfile = (data: Params) => this.call('PUT', 'profiles/profile', data);
  getProfiles = (params?: Params) => this.call('GET', 'profiles', params);
  generateJWT = (data: Params) => this.call('POST', 'profiles/generateJWT', data);
  unlinkSocial = (data: Params) => this.call('DELETE', 'profiles/social', data);
  setAutoSchedule = (data: Params) => this.call('POST', 'auto-schedule/set', data);
  deleteAutoSchedule = (data: Params) => this.call('DELETE', 'auto-schedule/delete', data);
  listAutoSchedule = (params?: Params) => this.call('GET', 'auto-schedule/list', params);
  registerWebhook = (data: Params) => this.call('POST', 'hook/webhook', data);
  unregisterWebhook = (data: Params) => this.call('DELETE', 'hook/webhook', data);
  listWebhooks = (params?: Params) => this.call('GET', 'hook/webhook', params);
  getBrandByUser = (params?: Params) => this.call('GET', 'brand/byUser', params);
  generatePost = (params: Params) => this.call('POST', 'generate/post', params);
  generateRewrite = (params: Params) => this.call('POST', 'generate/rewrite', params);
  generateTranscription = (params: Params) => this.call('POST', 'generate/transcription', params);
  generateTranslation = (params: Params) => this.call('POST', 'generate/translate', params);
  generateAltText = (params: Params) => this.call('POST', 'generate/altText', params);
  autoHashtags = (params: Params) => this.call('POST', 'hashtags/auto', params);
  recommendHashtags = (params?: Params) => this.call('GET', 'hashtags/recommend', params);
  checkBannedHashtags = (params?: Params) => this.call('GET', 'hashtags/banned', params);
  shortLink = (params: Params) => this.call('POST', 'links', params);
  shortLinkAnalytics = (params: Params & { id: string }) => this.call('GET', `links/${params.id}`, params);
  reviews = (params?: Params) => this.call('GET', 'reviews', params);
  review = (params: Params & { id: string }) => this.call('GET', `reviews/${params.id}`, params);
  replyReview = (params: Params) => this.call('POST', 'reviews', params);
  deleteReplyReview = (params: Params) => this.call('DELETE', 'reviews', params);
}

export default SocialMediaAPI;
