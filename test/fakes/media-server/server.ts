import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type MediaFixtures, mediaFixtures } from './fixtures.ts';

/**
 * A media host on 127.0.0.1 (port 0) that answers the way real origins trip crawlers up:
 * its own robots.txt, a 403 or an HTML block page for crawler user agents only,
 * redirect chains, an expiring signed URL, a huge file, a stalled body, corrupt bytes.
 * One host is one origin (one robots.txt): tests start one per robots variant.
 * Every request is recorded (path, user agent, Range, Referer, Host).
 */

export interface RecordedRequest {
  method: string;
  path: string;
  userAgent: string;
  range?: string;
  referer?: string;
  host?: string;
}

export interface MediaHostOptions {
  /** robots.txt body, or a status it answers with (404: none, 503: unreachable). Default: none (404). */
  robots?: string | { status: number };
  /** Size of /huge.jpg (JPEG magic, then filler). */
  hugeBytes?: number;
}

export interface MediaHost {
  origin: string;
  port: number;
  url(path: string): string;
  requests: RecordedRequest[];
  /** Requests for one path (query ignored). */
  hits(path: string): RecordedRequest[];
  fixtures: MediaFixtures;
  close(): Promise<void>;
}

const CRAWLER_UA = /facebookexternalhit|Pinterest\/|TikTokSpider|Googlebot|Twitterbot|LinkedInBot/i;
const BLOCK_PAGE =
  '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>';

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

function send(res: ServerResponse, status: number, type: string, body: Buffer | string): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { 'content-type': type, 'content-length': bytes.length }).end(bytes);
}

/** Honours `Range: bytes=a-b` as a real origin does (206 with Content-Range). */
function sendFile(req: IncomingMessage, res: ServerResponse, type: string, body: Buffer): void {
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  if (!range) {
    send(res, 200, type, body);
    return;
  }
  const start = Number(range[1]);
  const end = Math.min(range[2] ? Number(range[2]) : body.length - 1, body.length - 1);
  const part = body.subarray(start, end + 1);
  res
    .writeHead(206, {
      'content-type': type,
      'content-length': part.length,
      'content-range': `bytes ${start}-${end}/${body.length}`,
    })
    .end(part);
}

function routes(f: MediaFixtures, options: MediaHostOptions): Record<string, Handler> {
  const file =
    (type: string, body: Buffer): Handler =>
    (req, res) =>
      sendFile(req, res, type, body);
  const huge = Buffer.concat([f.jpeg.subarray(0, 4), Buffer.alloc(options.hugeBytes ?? 3 * 1024 * 1024, 7)]);
  return {
    '/robots.txt': (_req, res) => {
      const robots = options.robots;
      if (typeof robots === 'string') send(res, 200, 'text/plain', robots);
      else send(res, robots?.status ?? 404, 'text/plain', 'no robots here');
    },
    '/photo.jpg': file('image/jpeg', f.jpeg),
    '/tall.jpg': file('image/jpeg', f.tallJpeg),
    '/photo.png': file('image/png', f.png),
    '/photo.webp': file('image/webp', f.webp),
    // A WebP behind a .jpg name: the type must come from the bytes.
    '/disguised.jpg': file('image/jpeg', f.webp),
    '/photo.avif': file('image/avif', f.avif),
    '/photo.heic': file('image/heic', f.heic),
    '/corrupt.webp': file('image/webp', f.corruptWebp),
    '/clip.mp4': file('video/mp4', f.verticalMp4),
    '/landscape.mp4': file('video/mp4', f.landscapeMp4),
    '/rotated.mov': file('video/quicktime', f.rotatedMov),
    '/short.mp4': file('video/mp4', f.shortMp4),
    '/far-moov.mp4': file('video/mp4', f.farMoovMp4),
    '/hevc.mp4': file('video/mp4', f.hevcMp4),
    '/far-moov-hevc.mp4': file('video/mp4', f.farMoovHevcMp4),
    // The same file from an origin that ignores Range (whole file, 200, every time).
    '/far-moov-no-ranges.mp4': (_req, res) => send(res, 200, 'video/mp4', f.farMoovMp4),
    '/huge.jpg': file('image/jpeg', huge),
    '/huge.webp': file('image/webp', Buffer.concat([f.webp.subarray(0, 16), huge])),
    '/forbidden.webp': (_req, res) =>
      send(res, 403, 'application/xml', '<Error><Code>AccessDenied</Code></Error>'),
    '/crawler-403.jpg': (req, res) =>
      CRAWLER_UA.test(req.headers['user-agent'] ?? '')
        ? send(res, 403, 'text/html', '<html><body>Forbidden</body></html>')
        : sendFile(req, res, 'image/jpeg', f.jpeg),
    '/waf.jpg': (req, res) =>
      CRAWLER_UA.test(req.headers['user-agent'] ?? '')
        ? send(res, 200, 'text/html; charset=utf-8', BLOCK_PAGE)
        : sendFile(req, res, 'image/jpeg', f.jpeg),
    // A host that refuses HEAD (Ayrshare's urlExists then says the media does not exist).
    '/no-head.jpg': (req, res) =>
      req.method === 'HEAD'
        ? send(res, 405, 'text/plain', 'method not allowed')
        : sendFile(req, res, 'image/jpeg', f.jpeg),
    '/block-page.jpg': (_req, res) => send(res, 200, 'text/html', BLOCK_PAGE),
    '/signed.jpg': (req, res, url) => {
      const date = url.searchParams.get('X-Amz-Date') ?? '';
      const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
      const start = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : 0;
      const expired = start + Number(url.searchParams.get('X-Amz-Expires') ?? 0) * 1000 < Date.now();
      if (expired)
        send(
          res,
          403,
          'application/xml',
          '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
        );
      else sendFile(req, res, 'image/jpeg', f.jpeg);
    },
    // Headers, a few bytes, then nothing: only a deadline ends the download.
    '/stall.jpg': (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': f.jpeg.length });
      res.write(f.jpeg.subarray(0, 16));
    },
    // The whole file, a tenth every 100 ms: slow but never idle (a video streaming to a network).
    '/trickle.jpg': (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': f.jpeg.length });
      const step = Math.ceil(f.jpeg.length / 10);
      let sent = 0;
      const timer = setInterval(() => {
        res.write(f.jpeg.subarray(sent, sent + step));
        sent += step;
        if (sent >= f.jpeg.length) {
          clearInterval(timer);
          res.end();
        }
      }, 100);
      res.on('close', () => clearInterval(timer));
    },
    // `/to?url=…`: one redirect to anywhere (private addresses, other hosts).
    '/to': (_req, res, url) => {
      res.writeHead(302, { location: url.searchParams.get('url') ?? '/' }).end();
    },
  };
}

export async function startMediaHost(options: MediaHostOptions = {}): Promise<MediaHost> {
  const fixtures = await mediaFixtures();
  const table = routes(fixtures, options);
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://media.test');
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      userAgent: req.headers['user-agent'] ?? '',
      ...(req.headers.range ? { range: req.headers.range } : {}),
      ...(req.headers.referer ? { referer: req.headers.referer } : {}),
      ...(req.headers.host ? { host: req.headers.host } : {}),
    });
    // `/hop/<n>`: n more redirects before /photo.jpg.
    const hop = /^\/hop\/(\d+)$/.exec(url.pathname);
    if (hop) {
      const left = Number(hop[1]);
      res.writeHead(302, { location: left > 0 ? `/hop/${left - 1}` : '/photo.jpg' }).end();
      return;
    }
    const handler = table[url.pathname];
    if (handler) handler(req, res, url);
    else send(res, 404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    url: (path) => `${origin}${path}`,
    requests,
    hits: (path) => requests.filter((r) => r.path === path),
    fixtures,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
