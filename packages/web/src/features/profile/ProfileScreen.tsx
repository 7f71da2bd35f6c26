/** A person's profile: counts, follow, message (only when `canMessage`), block; mine has edit and log out. */
import { useEffect, useRef, useState } from 'react';
import type { Profile } from '@backchannel/protocol';
import { Avatar } from '../../components/Avatar.js';
import { Icon } from '../../components/Icon.js';
import { Link } from '../../components/Link.js';
import { Menu } from '../../components/Menu.js';
import { ReportDialog } from '../../components/ReportDialog.js';
import { ThemeToggle } from '../../components/ThemeToggle.js';
import { TopBar } from '../../components/TopBar.js';
import { useAction } from '../../components/useAsync.js';
import { navigate, paths } from '../../lib/router.js';
import { describeError } from '../../core/describe.js';
import { useController, useMe } from '../../app/AppContext.js';
import { directWith } from '../inbox/selectors.js';

export function ProfileScreen({ username }: { username: string }) {
  const controller = useController();
  const me = useMe();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setProfile(null);
    setError(null);
    controller.client.profileByUsername(username).then(setProfile, (err: unknown) => setError(describeError(err)));
  }, [controller, username, me]);

  const mine = me !== null && profile?.id === me.id;
  return (
    <div className="screen">
      <TopBar title={profile ? profile.displayName : error ? 'Profile unavailable' : 'Loading…'} back={{ href: paths.hallway(), label: 'Back to the hallway' }} actions={mine ? <ThemeToggle /> : null} />
      <main className="narrow pad">
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {profile && (
          <article className="card profile">
            <Avatar id={profile.id} name={profile.displayName} size={96} />
            <h2 className="profile-name">{profile.displayName}</h2>
            <p className="muted">@{profile.username}</p>
            {profile.followsMe && !mine && <span className="pill">Follows you</span>}
            <p className="counts">
              <span>
                <strong data-testid="follower-count">{profile.followerCount}</strong> {profile.followerCount === 1 ? 'follower' : 'followers'}
              </span>
              <span>
                <strong>{profile.followingCount}</strong> following
              </span>
            </p>
            {profile.bio && <p className="bio">{profile.bio}</p>}
            {mine ? <MyActions /> : <TheirActions profile={profile} onChange={setProfile} />}
          </article>
        )}
      </main>
    </div>
  );
}

function MyActions() {
  const controller = useController();
  const operator = useMe()?.roles.includes('operator') ?? false;
  const logout = useAction(async () => {
    await controller.logout();
    navigate(paths.login(), { replace: true });
  });
  return (
    <div className="row center">
      <Link className="button" href={paths.editProfile()}>
        Edit profile
      </Link>
      <Link className="button" href={paths.privacy()}>
        <Icon name="lock" size={18} /> Privacy
      </Link>
      {operator && (
        <Link className="button" href={paths.moderation()}>
          <Icon name="shield" size={18} /> Moderation queue
        </Link>
      )}
      <button type="button" className="button" onClick={() => void logout.run()} disabled={logout.busy}>
        Log out
      </button>
    </div>
  );
}

function TheirActions({ profile: p, onChange }: { profile: Profile; onChange: (p: Profile) => void }) {
  const controller = useController();
  const [confirmBlock, setConfirmBlock] = useState(false);
  const [reporting, setReporting] = useState(false);
  const blockedByReport = useRef(false);
  const act = useAction(async (fn: () => Promise<Profile>) => onChange(await fn()));
  // Nothing is created until the first send (DraftConversation.tsx); a chat we have opens directly.
  const openMessage = () => {
    const existing = directWith(controller.store.getState(), p.id);
    navigate(existing ? paths.conversation(existing.id) : paths.draft(p.username));
  };
  const c = controller.client;

  if (p.blockedByMe) {
    return (
      <div className="stack center">
        <p className="muted">You blocked @{p.username}. They can’t message you or see that you blocked them.</p>
        <button type="button" className="button" onClick={() => void act.run(() => c.unblock(p.id))} disabled={act.busy}>
          Unblock
        </button>
        {act.error && <p className="error" role="alert">{act.error}</p>}
      </div>
    );
  }
  return (
    <div className="stack center">
      <div className="row center">
        {/* One element for both states, never disabled: a keyboard user's focus stays on it (a
            disabled or replaced button drops focus to <body>). aria-disabled while it works. */}
        <button
          type="button"
          className={`button${p.followedByMe ? '' : ' primary'}`}
          aria-disabled={act.busy || undefined}
          onClick={() => !act.busy && void act.run(() => (p.followedByMe ? c.unfollow(p.id) : c.follow(p.id)))}
        >
          {p.followedByMe ? 'Unfollow' : 'Follow'}
        </button>
        {p.canMessage && (
          <button type="button" className="button" onClick={openMessage}>
            <Icon name="plane" size={18} /> Message
          </button>
        )}
        <Menu label={`More actions for ${p.displayName}`} items={[
            { label: 'Report', danger: true, onSelect: () => setReporting(true) },
            { label: 'Block', danger: true, onSelect: () => setConfirmBlock(true) },
          ]}>
          <span className="dots" aria-hidden="true">
            •••
          </span>
        </Menu>
      </div>
      {confirmBlock && (
        <div role="alertdialog" aria-labelledby="block-q" className="confirm stack" onKeyDown={(e) => e.key === 'Escape' && setConfirmBlock(false)}>
          <p id="block-q">Block @{p.username}? They won’t be told. They can’t message you, and you won’t see their requests.</p>
          <div className="row center">
            <button type="button" className="button danger" autoFocus onClick={() => void act.run(() => c.block(p.id)).then(() => setConfirmBlock(false))}>
              Block
            </button>
            <button type="button" className="button" onClick={() => setConfirmBlock(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {reporting && (
        <ReportDialog
          title={`Report @${p.username}`}
          blocks="offer"
          onClose={() => {
            setReporting(false);
            // A block changes what the profile shows (no Message button, Unblock): read it again once
            // the reporter has read the thanks (refreshing earlier would unmount the dialog).
            if (blockedByReport.current) void act.run(() => c.profile(p.id));
          }}
          onSubmit={async ({ reason, note, block }) => {
            const receipt = await controller.moderation.report({ target: { kind: 'user', userId: p.id }, reason, ...(note ? { note } : {}), ...(block ? { block } : {}) });
            blockedByReport.current = block;
            return receipt;
          }}
          onWithdraw={(id) => controller.moderation.withdrawReport(id)}
        />
      )}
      {act.error && (
        <p className="error" role="alert">
          {act.error}
        </p>
      )}
    </div>
  );
}
