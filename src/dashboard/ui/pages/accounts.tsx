import { useState } from 'preact/hooks';
import { type Answer, api, asArray, failure, type Json, text } from '../api.ts';
import { Failure, Section, Status } from '../components.tsx';
import { useAnswer } from '../hooks.ts';
import type { PageProps } from '../page-props.ts';
import { DeleteProfile } from '../profile-delete.tsx';
import { chooseProfile, chosenProfile } from '../session.ts';
import { shown } from '../zoned-time.ts';

/** The profile's linked networks with their health (GET /api/user), each unlinkable. */
function LinkedAccounts({ onDone }: { onDone: (a: Answer) => void }) {
  const { answer, reload } = useAnswer(() => api('GET', '/api/user'));
  const accounts = asArray(answer?.body.displayNames);
  return (
    <Section title="Linked accounts">
      {answer ? <Failure error={failure(answer)} /> : <Status message="Loading…" />}
      {answer && accounts.length === 0 ? <p>No account is linked to this profile.</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">Network</th>
            <th scope="col">Account</th>
            <th scope="col">Health</th>
            <th scope="col">Linked</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={text(a.platform)} data-platform={text(a.platform)}>
              <td>{text(a.platform)}</td>
              <td>
                {a.profileUrl ? (
                  <a href={text(a.profileUrl)}>{text(a.displayName || a.username)}</a>
                ) : (
                  text(a.username)
                )}
                {a.sandbox ? ' (sandbox)' : ''}
              </td>
              <td>
                {text(a.status)}
                {a.reason ? ` — ${text(a.reason)}` : ''}
              </td>
              <td>{shown(a.created)}</td>
              <td>
                <button
                  type="button"
                  onClick={async () => {
                    onDone(await api('DELETE', '/api/profiles/social', { platform: text(a.platform) }));
                    reload();
                  }}
                >
                  Unlink {text(a.platform)}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

/** The hosted linking page (POST /api/profiles/generateJWT): for a chosen user profile only. */
function ConnectLink({ onDone }: { onDone: (a: Answer) => void }) {
  const [url, setUrl] = useState('');
  if (!chosenProfile()) return <p>Choose a user profile below to open its connect page.</p>;
  return (
    <p>
      <button
        type="button"
        onClick={async () => {
          const a = await api('POST', '/api/profiles/generateJWT', {});
          onDone(a);
          setUrl(text(a.body.url));
        }}
      >
        Make a connect link
      </button>{' '}
      {url ? (
        <a href={url} target="_blank" rel="noopener noreferrer">
          Open the connect page (valid a few minutes)
        </a>
      ) : null}
    </p>
  );
}

function Profiles({ onChosen, onDone }: { onChosen: () => void; onDone: (a: Answer) => void }) {
  // Listed as the primary: under a Profile-Key, Herald lists only that profile.
  const { answer, reload } = useAnswer(() => api('GET', '/api/profiles', undefined, { profileKey: null }));
  const [title, setTitle] = useState('');
  const [created, setCreated] = useState<Json | undefined>();
  const [key, setKey] = useState('');
  const [deleted, setDeleted] = useState('');
  const use = async (profileKey: string) => {
    const a = await api('GET', '/api/user', undefined, { profileKey });
    onDone(a);
    if (a.status === 200) {
      chooseProfile({ key: profileKey, title: text(a.body.title) });
      onChosen();
    }
  };
  return (
    <Section title="Profiles">
      {deleted ? <Status message={`Deleted the profile “${deleted}”.`} /> : null}
      <ul class="profiles">
        {asArray(answer?.body.profiles).map((p) => (
          <li key={text(p.refId)} data-profile={text(p.refId)}>
            {text(p.title)} <span class="hint">({text(p.refId)})</span>{' '}
            <DeleteProfile
              title={text(p.title)}
              onChosen={onChosen}
              onDone={(a) => {
                onDone(a);
                setDeleted(a.status === 200 ? text(p.title) : '');
                reload();
              }}
            />
          </li>
        ))}
      </ul>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const a = await api('POST', '/api/profiles', { title }, { profileKey: null });
          onDone(a);
          if (a.status === 200) setCreated(a.body);
          reload();
        }}
      >
        <label for="profile-title">New profile title</label>{' '}
        <input id="profile-title" value={title} required onInput={(e) => setTitle(e.currentTarget.value)} />{' '}
        <button type="submit">Create profile</button>
      </form>
      {created ? (
        <p role="status">
          Profile key of {text(created.title)} (shown once, keep it): <code>{text(created.profileKey)}</code>{' '}
          <button type="button" onClick={() => use(text(created.profileKey))}>
            Use this profile
          </button>
        </p>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          use(key);
        }}
      >
        <label for="profile-key">Act as the profile with key</label>{' '}
        <input
          id="profile-key"
          type="password"
          autocomplete="off"
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
        />{' '}
        <button type="submit">Use profile</button>{' '}
        {chosenProfile() ? (
          <button
            type="button"
            onClick={() => {
              chooseProfile(null);
              onChosen();
            }}
          >
            Back to the primary profile
          </button>
        ) : null}
      </form>
    </Section>
  );
}

export function AccountsPage({ onProfileChange }: PageProps) {
  const [last, setLast] = useState<Answer | undefined>();
  return (
    <>
      {last ? <Failure error={failure(last)} /> : null}
      <LinkedAccounts onDone={setLast} />
      <Section title="Connect an account">
        <ConnectLink onDone={setLast} />
      </Section>
      <Profiles onChosen={onProfileChange} onDone={setLast} />
    </>
  );
}
