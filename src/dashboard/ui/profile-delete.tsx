import { useEffect, useRef, useState } from 'preact/hooks';
import { type Answer, api } from './api.ts';
import { chooseProfile, chosenProfile } from './session.ts';

/**
 * Deletes a user profile (DELETE /api/profiles, named by its title as the primary profile:
 * titles are unique, and its key is shown once only) after a confirmation that says what
 * goes with it. Deleting the profile the session acts as goes back to the primary.
 */
export function DeleteProfile({
  title,
  onDone,
  onChosen,
}: {
  title: string;
  onDone: (a: Answer) => void;
  onChosen: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  // Focus goes to the question's answer, so a keyboard user hears it and can cancel.
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <button type="button" onClick={() => setAsking(true)}>
        Delete {title}
      </button>
    );
  return (
    <fieldset class="confirm">
      <legend class="visually-hidden">Confirm deleting {title}</legend>
      <p>Delete the profile “{title}” with its linked accounts and its posts? This cannot be undone.</p>
      <button
        type="button"
        ref={confirm}
        class="danger"
        onClick={async () => {
          const a = await api('DELETE', '/api/profiles', { title }, { profileKey: null });
          setAsking(false);
          if (a.status === 200 && chosenProfile()?.title === title) {
            chooseProfile(null);
            onChosen();
          }
          onDone(a);
        }}
      >
        Yes, delete {title}
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </fieldset>
  );
}
