import { useState } from 'preact/hooks';
import { PLATFORMS } from '../../../platforms.ts';
import { type Answer, api, asArray, failure, text } from '../api.ts';
import { Failure, Section, Status } from '../components.tsx';
import { CrawlerVerdict } from '../crawler-verdict.tsx';
import { useAnswer } from '../hooks.ts';
import { NetworkChoice } from '../network-choice.tsx';
import { shown } from '../zoned-time.ts';

/** The media checker: any URL as each network's crawler will fetch it; and the library. */
export function MediaPage() {
  const [url, setUrl] = useState('');
  const [platforms, setPlatforms] = useState<string[]>([]);
  const [answer, setAnswer] = useState<Answer | undefined>();
  const [busy, setBusy] = useState(false);
  const library = useAnswer(() => api('GET', '/api/media'));
  return (
    <>
      <Section title="Check a media URL">
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setAnswer(await api('POST', '/api/media/verify', { mediaUrl: url, platforms }));
            setBusy(false);
          }}
        >
          <label for="verify-url">Media URL</label>{' '}
          <input
            id="verify-url"
            type="url"
            required
            value={url}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
          <NetworkChoice
            legend="Only these networks (none: all)"
            options={PLATFORMS}
            chosen={platforms}
            onChange={setPlatforms}
          />
          <button type="submit" disabled={busy}>
            Check
          </button>
        </form>
        {busy ? <Status message="Fetching as each crawler…" /> : null}
        {answer ? (
          failure(answer) ? (
            <Failure error={failure(answer)} />
          ) : (
            <CrawlerVerdict verification={answer.body} />
          )
        ) : null}
      </Section>
      <Section title="Media library">
        {asArray(library.answer?.body).length === 0 ? <p>No uploaded file.</p> : null}
        <ul>
          {asArray(library.answer?.body).map((m) => (
            <li key={text(m.id)}>
              <a href={text(m.url)}>{text(m.fileName)}</a> · {text(m.contentType)} · {text(m.size)} bytes ·{' '}
              {shown(m.timeCreated)}
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
