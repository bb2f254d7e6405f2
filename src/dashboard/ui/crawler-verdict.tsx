import { asArray, type Json, text } from './api.ts';

/**
 * POST /api/media/verify's answer: what each network's crawler met at the URL (robots.txt
 * and the rule that decided, HTTP status, type read from the bytes), its verdict and the fix.
 */
export function CrawlerVerdict({ verification }: { verification: Json }) {
  const crawlers = asArray(verification.crawlers);
  const blocked = crawlers.filter((c) => c.verdict !== 'ok');
  return (
    <div class="verdict">
      <p role="status">
        {blocked.length === 0
          ? `Every crawler (${crawlers.length}) can fetch this media.`
          : `${blocked.length} of ${crawlers.length} crawlers are blocked.`}
      </p>
      <table>
        <caption class="visually-hidden">Crawler verdicts for {text(verification.mediaUrl)}</caption>
        <thead>
          <tr>
            <th scope="col">Crawler</th>
            <th scope="col">Networks</th>
            <th scope="col">robots.txt</th>
            <th scope="col">HTTP</th>
            <th scope="col">Type</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {crawlers.map((c) => {
            const robots = (c.robots ?? {}) as Json;
            const fetched = (c.fetch ?? {}) as Json;
            const rule = robots.rule as Json | undefined;
            return (
              <tr key={text(c.crawler)} data-crawler={text(c.crawler)}>
                <td>{text(c.crawler)}</td>
                <td>
                  {asArray(c.platforms).join(', ') || text((c.platforms as string[] | undefined)?.join(', '))}
                </td>
                <td>
                  {text(robots.verdict)} (
                  {rule ? `line ${text(rule.line)}: ${text(rule.text)}` : text(robots.basis)})
                </td>
                <td>{fetched.status === null ? text(fetched.error) || 'no answer' : text(fetched.status)}</td>
                <td>{text(fetched.contentType ?? fetched.declaredType)}</td>
                <td>
                  <strong>{c.verdict === 'ok' ? 'ok' : 'blocked'}</strong>
                  {c.cause ? ` — ${text(c.cause)}` : ''}
                  {c.fix ? <p class="remedy">{text(c.fix)}</p> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
