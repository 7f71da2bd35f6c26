/** Edit my display name and bio ("who can message me" lives on the Privacy screen). */
import { useState, type FormEvent } from 'react';
import { LIMITS } from '@backchannel/protocol';
import { TopBar } from '../../components/TopBar.js';
import { useAction } from '../../components/useAsync.js';
import { navigate, paths } from '../../lib/router.js';
import { useController, useMe } from '../../app/AppContext.js';

export function EditProfile() {
  const controller = useController();
  const me = useMe()!;
  const [displayName, setDisplayName] = useState(me.displayName);
  const [bio, setBio] = useState(me.bio);
  const save = useAction(async () => {
    await controller.profile.updateMe({ displayName: displayName.trim(), bio });
    navigate(paths.profile(me.username));
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  return (
    <div className="screen">
      <TopBar title="Edit profile" back={{ href: paths.profile(me.username), label: 'Back to your profile' }} />
      <main className="narrow pad">
        <form className="card pad stack" onSubmit={submit}>
          <label className="field">
            <span>Name</span>
            <input required maxLength={LIMITS.displayNameMax} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          </label>
          <label className="field">
            <span>Bio</span>
            <textarea rows={4} maxLength={LIMITS.bioMax} value={bio} onChange={(e) => setBio(e.target.value)} />
          </label>
          {save.error && (
            <p className="error" role="alert">
              {save.error}
            </p>
          )}
          <button type="submit" className="button primary big" disabled={save.busy}>
            Save
          </button>
        </form>
      </main>
    </div>
  );
}
