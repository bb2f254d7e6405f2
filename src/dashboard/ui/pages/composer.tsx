import { useEffect, useState } from 'preact/hooks';
import { type Answer, api, asArray, failure, type Json, text } from '../api.ts';
import { ErrorNote, Failure, Outcome, Section, Status } from '../components.tsx';
import { useAnswer } from '../hooks.ts';
import { LengthTable } from '../length-table.tsx';
import { MediaUpload } from '../media-upload.tsx';
import { NetworkChoice } from '../network-choice.tsx';
import { mergedOptions, OptionsForm, type SimpleValues } from '../options-form.tsx';
import { ScheduleFields } from '../schedule-fields.tsx';
import { localZone, zonedIso } from '../zoned-time.ts';

/** Per-network options as Herald's fields ({"linkedInOptions": {...}}): parsed, or why not. */
function parseOptions(raw: string): { options: Json } | { problem: string } {
  if (raw.trim() === '') return { options: {} };
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return { options: value as Json };
    return { problem: 'Options must be a JSON object, e.g. {"blueSkyOptions": {"langs": ["en"]}}.' };
  } catch (err) {
    return { problem: `Options are not valid JSON: ${(err as Error).message}` };
  }
}

export function ComposerPage() {
  const user = useAnswer(() => api('GET', '/api/user'));
  const linked = asArray(user.answer?.body.activeSocialAccounts).map(String);
  const [post, setPost] = useState('');
  const [platforms, setPlatforms] = useState<string[]>([]);
  const [mediaUrls, setMediaUrls] = useState<string[]>([]);
  const [scheduled, setScheduled] = useState(false);
  const [local, setLocal] = useState('');
  const [zone, setZone] = useState(localZone());
  const [rawOptions, setRawOptions] = useState('');
  const [simple, setSimple] = useState<SimpleValues>({});
  const [requiresApproval, setRequiresApproval] = useState(false);
  const [lengths, setLengths] = useState<Json | undefined>();
  const [check, setCheck] = useState<Answer | 'checking' | undefined>();
  const [sent, setSent] = useState<Answer | undefined>();
  const [busy, setBusy] = useState(false);

  const parsed = parseOptions(rawOptions);
  const body = (): Json => ({
    post,
    platforms,
    ...(mediaUrls.length ? { mediaUrls } : {}),
    ...(scheduled && local ? { scheduleDate: zonedIso(local, zone) } : {}),
    ...(requiresApproval ? { requiresApproval: true } : {}),
    ...mergedOptions(platforms, simple, 'options' in parsed ? parsed.options : {}),
  });

  // Live: the length per network at once, then the dry run of every check POST /api/post makes.
  useEffect(() => {
    const timer = setTimeout(async () => {
      setLengths((await api('POST', '/api/validate/postLength', { post })).body);
      if (platforms.length === 0 || !('options' in parsed)) return setCheck(undefined);
      setCheck('checking');
      setCheck(await api('POST', '/api/validate/post', body()));
    }, 300);
    return () => clearTimeout(timer);
  }, [
    post,
    platforms.join(),
    mediaUrls.join(),
    scheduled,
    local,
    zone,
    rawOptions,
    JSON.stringify(simple),
    requiresApproval,
  ]);

  const problems = check && check !== 'checking' && check.status !== 200 ? check : undefined;
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setSent(await api('POST', '/api/post', body()));
        setBusy(false);
      }}
    >
      <label for="post-text">Post text</label>
      <textarea id="post-text" rows={6} value={post} onInput={(e) => setPost(e.currentTarget.value)} />
      {user.answer && linked.length === 0 ? (
        <p>No account is linked: link one on the Accounts page.</p>
      ) : null}
      <NetworkChoice legend="Networks" options={linked} chosen={platforms} onChange={setPlatforms} />
      <LengthTable lengths={lengths} platforms={platforms} />
      <Section title="Media">
        <MediaUpload platforms={platforms} onUploaded={(url) => setMediaUrls((urls) => [...urls, url])} />
        <ul>
          {mediaUrls.map((u) => (
            <li key={u}>
              <code>{u}</code>{' '}
              <button type="button" onClick={() => setMediaUrls((urls) => urls.filter((x) => x !== u))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="When">
        <label>
          <input
            type="checkbox"
            checked={scheduled}
            onChange={(e) => setScheduled(e.currentTarget.checked)}
          />{' '}
          Schedule for later
        </label>
        {scheduled ? (
          <ScheduleFields
            id="compose"
            local={local}
            zone={zone}
            onChange={(l, z) => {
              setLocal(l);
              setZone(z);
            }}
          />
        ) : null}
        <label>
          <input
            type="checkbox"
            checked={requiresApproval}
            onChange={(e) => setRequiresApproval(e.currentTarget.checked)}
          />{' '}
          Wait for approval
        </label>
      </Section>
      <Section title="Network options">
        <OptionsForm platforms={platforms} values={simple} onChange={setSimple} />
        <label for="post-options">More options as JSON (docs/networks.md lists each network’s)</label>
        <textarea
          id="post-options"
          rows={3}
          placeholder='{"blueSkyOptions": {"langs": ["en"]}}'
          value={rawOptions}
          onInput={(e) => setRawOptions(e.currentTarget.value)}
        />
        {'problem' in parsed ? <p role="alert">{parsed.problem}</p> : null}
      </Section>
      <div aria-live="polite" class="check">
        {check === 'checking' ? <p>Checking…</p> : null}
        {check && check !== 'checking' && check.status === 200 ? <p>Validation: no issue found.</p> : null}
        {problems ? (
          <>
            <p>Validation found problems:</p>
            {asArray(problems.body.errors).map((err, i) => (
              <ErrorNote key={`${text(err.platform)}-${i}`} error={err} />
            ))}
            {failure(problems) ? <ErrorNote error={problems.body} /> : null}
          </>
        ) : null}
      </div>
      <button type="submit" disabled={busy || platforms.length === 0 || 'problem' in parsed}>
        {scheduled ? 'Schedule post' : 'Post now'}
      </button>
      {busy ? <Status message="Sending…" /> : null}
      {sent ? (
        <Section title="Result">
          <Failure error={failure(sent)} />
          {failure(sent) ? null : (
            <>
              <p role="status">
                Post {text(sent.body.id)}: {text(sent.body.status)}
              </p>
              <Outcome post={sent.body} />
            </>
          )}
        </Section>
      ) : null}
    </form>
  );
}
