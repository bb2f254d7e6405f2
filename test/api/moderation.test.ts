import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeModeration, startFakeModeration } from '../fakes/moderation/fake-moderation.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { type MediaServer, startMediaServer, TINY_JPEG } from '../helpers/media-server.ts';

/** Seed 002's two moderation bodies, exactly. */
const SEED_438 = {
  status: 'error',
  errors: [
    {
      action: 'moderation',
      status: 'error',
      code: 438,
      message: 'There was an issue with the AI processing.',
    },
  ],
};
const SEED_331 = {
  status: 'error',
  errors: [
    {
      action: 'moderation',
      status: 'error',
      code: 331,
      message: 'There was an issue with the AI processing. Please try again.',
    },
  ],
};

let media: MediaServer;
let fake: FakeModeration;
/** The local engine only. */
let local: TestHerald;
/** The local engine and an OpenAI-compatible provider (the fake). */
let withProvider: TestHerald;

beforeAll(async () => {
  media = await startMediaServer({
    '/photo.jpg': { body: TINY_JPEG, type: 'image/jpeg' },
    '/nsfw.jpg': { body: TINY_JPEG, type: 'image/jpeg' },
    '/doc.pdf': { body: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), type: 'application/pdf' },
  });
  fake = await startFakeModeration('sk-test-moderation');
  local = await startTestHerald({ env: { HERALD_MEDIA_ALLOW: '127.0.0.1' } });
  withProvider = await startTestHerald({
    env: {
      HERALD_MEDIA_ALLOW: '127.0.0.1',
      HERALD_MODERATION_URL: fake.url,
      HERALD_MODERATION_API_KEY: 'sk-test-moderation',
    },
  });
});
afterAll(async () => {
  await local?.stop();
  await withProvider?.stop();
  await fake?.close();
  await media?.close();
});

describe('POST /api/validate/moderation, local engine', () => {
  it.each([
    ['en', 'What a load of sh1t', [{ language: 'en', term: 'shit', start: 15, end: 19 }]],
    [
      'de',
      'Das ist Scheiße, du Arschloch',
      [
        { language: 'de', term: 'scheiße', start: 8, end: 15 },
        { language: 'de', term: 'arschloch', start: 20, end: 29 },
      ],
    ],
    ['fr', 'Quelle merde !', [{ language: 'fr', term: 'merde', start: 7, end: 12 }]],
    ['zh', '你这个傻逼', [{ language: 'zh', term: '傻逼', start: 3, end: 5 }]],
  ])('flags listed words (%s) with their place in the text', async (_language, text, matches) => {
    const res = await local.request('POST', '/api/validate/moderation', { text, source: 'npm' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'success',
      flagged: true,
      engine: 'local',
      text: { flagged: true, matches },
      mediaUrls: [],
    });
  });

  it.each([
    'Scunthorpe United won the assessment',
    'Schlagzeug und Bratsche',
    'застрахуй машину завтра',
    '牛乳が好きです',
  ])('passes ordinary words that contain a listed one: %s', async (text) => {
    const res = await local.request('POST', '/api/validate/moderation', { text });
    expect(res.body).toMatchObject({ flagged: false, text: { flagged: false, matches: [] } });
  });

  it('reads and types the media, and says it did not judge them', async () => {
    const res = await local.request('POST', '/api/validate/moderation', {
      mediaUrls: [media.url('/photo.jpg')],
    });
    expect(res.body).toEqual({
      status: 'success',
      flagged: false,
      engine: 'local',
      text: { flagged: false, matches: [] },
      mediaUrls: [{ url: media.url('/photo.jpg'), type: 'image/jpeg', judgedBy: null }],
    });
  });

  it.each([
    ['an unsupported file type (a PDF)', '/doc.pdf'],
    ['unreadable media (404)', '/missing.jpg'],
  ])('input the engine cannot take, %s: seed 002’s 438, HTTP 400', async (_what, path) => {
    const res = await local.request('POST', '/api/validate/moderation', {
      text: 'fine',
      mediaUrls: [media.url(path)],
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(SEED_438);
  });

  it('nothing to judge is 604; no API key is 403', async () => {
    expect((await local.request('POST', '/api/validate/moderation', {})).body.code).toBe(604);
    const anonymous = await local.request(
      'POST',
      '/api/validate/moderation',
      { text: 'x' },
      { authorization: '' },
    );
    expect(anonymous.status).toBe(403);
  });
});

describe('POST /api/validate/moderation with a provider', () => {
  it('asks the provider with the key, text and images; its verdict joins the local one', async () => {
    const res = await withProvider.request('POST', '/api/validate/moderation', {
      text: 'I will kill this presentation',
      mediaUrls: [media.url('/nsfw.jpg')],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'success',
      flagged: true,
      engine: 'local+provider',
      text: { flagged: false, matches: [] },
      mediaUrls: [{ url: media.url('/nsfw.jpg'), type: 'image/jpeg', judgedBy: 'provider' }],
      provider: {
        flagged: true,
        categories: { violence: true, sexual: true, hate: false },
        categoryScores: { violence: 0.93 },
      },
    });
    const sent = fake.requests.at(-1);
    expect(sent?.authorization).toBe('Bearer sk-test-moderation');
    expect(sent?.body).toEqual({
      model: 'omni-moderation-latest',
      input: [
        { type: 'text', text: 'I will kill this presentation' },
        { type: 'image_url', image_url: { url: media.url('/nsfw.jpg') } },
      ],
    });
  });

  it('a provider failure is seed 002’s 331 (HTTP 500); its refusal of the input is 438', async () => {
    fake.failWith = 500;
    try {
      const res = await withProvider.request('POST', '/api/validate/moderation', { text: 'hello' });
      expect(res.status).toBe(500);
      expect(res.body).toEqual(SEED_331);
    } finally {
      fake.failWith = undefined;
    }
    fake.failWith = 400;
    try {
      const res = await withProvider.request('POST', '/api/validate/moderation', {
        mediaUrls: [media.url('/photo.jpg')],
      });
      expect(res.status).toBe(400);
      expect(res.body).toEqual(SEED_438);
    } finally {
      fake.failWith = undefined;
    }
  });

  it('a provider on an address the SSRF guard refuses is never called: 331', async () => {
    const guarded = await startTestHerald({
      env: { HERALD_MODERATION_URL: fake.url, HERALD_MODERATION_API_KEY: 'sk-test-moderation' },
    });
    try {
      const before = fake.requests.length;
      const res = await guarded.request('POST', '/api/validate/moderation', { text: 'hello' });
      expect(res.status).toBe(500);
      expect(res.body).toEqual(SEED_331);
      expect(fake.requests.length).toBe(before);
    } finally {
      await guarded.stop();
    }
  });
});
