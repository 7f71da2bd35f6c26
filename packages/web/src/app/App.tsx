/**
 * Routes and session gate. Signed-out visitors only see log in / sign up; signed-in ones never do.
 * After every route change focus moves to where the person will type, when the screen has such a
 * place (`data-route-focus`: the composer, the search box), and otherwise to its <h1> (WCAG 2.4.3),
 * so keyboard and screen-reader users land on the new content instead of a stale position.
 */
import { useEffect, useState } from 'react';
import { parseRoute, navigate, paths, usePathname, type Route } from '../lib/router.js';
import { useTheme } from '../lib/theme.js';
import { ThemeContext } from '../lib/themeContext.js';
import { memoByRef } from '../core/useSelector.js';
import { useAppSelector, useController } from './AppContext.js';
import { unreadConversations } from '../features/inbox/selectors.js';
import { AuthScreen } from '../features/auth/AuthScreen.js';
import { BackchannelLayout } from '../features/inbox/BackchannelLayout.js';
import { ComposeScreen } from '../features/groups/ComposeScreen.js';
import { ConversationScreen } from '../features/conversation/ConversationScreen.js';
import { DraftConversation } from '../features/conversation/DraftConversation.js';
import { EditProfile } from '../features/profile/EditProfile.js';
import { GroupSettings } from '../features/groups/GroupSettings.js';
import { Hallway } from '../features/hallway/Hallway.js';
import { ModerationQueue, OperatorsOnly } from '../features/moderation/ModerationQueue.js';
import { ModerationReport } from '../features/moderation/ModerationReport.js';
import { PrivacySettings } from '../features/profile/PrivacySettings.js';
import { ResetPassword } from '../features/auth/ResetPassword.js';
import { ProfileScreen } from '../features/profile/ProfileScreen.js';
import { SearchScreen } from '../features/profile/SearchScreen.js';
import { RoomScreen } from '../features/rooms/RoomScreen.js';
import { StartRoomScreen } from '../features/rooms/StartRoomScreen.js';
import { Link } from '../components/Link.js';

const unreadOf = memoByRef(unreadConversations);

export function App() {
  const controller = useController();
  const pathname = usePathname();
  const route = parseRoute(pathname);
  const [theme, toggle] = useTheme();
  const [booted, setBooted] = useState(false);

  useEffect(() => {
    controller
      .restore()
      .catch(() => false)
      .finally(() => setBooted(true));
  }, [controller]);

  const signedIn = useAppSelector((s) => s.session.me !== null);
  const authRoute = route.name === 'login' || route.name === 'signup';
  useEffect(() => {
    if (!booted) return;
    if (!signedIn && !authRoute && route.name !== 'resetPassword') navigate(paths.login(), { replace: true });
    if (signedIn && authRoute) navigate(paths.hallway(), { replace: true });
  }, [booted, signedIn, authRoute, route.name]);

  useEffect(() => {
    (document.querySelector<HTMLElement>('[data-route-focus]') ?? document.querySelector<HTMLElement>('[data-route-heading]'))?.focus({ preventScroll: true });
  }, [pathname, booted, signedIn]);

  // The tab title carries the unread count, like most messengers, so a background tab shows it.
  const unread = useAppSelector((s) => unreadOf(s.inbox.conversations));
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) Backchannel` : 'Backchannel';
  }, [unread]);

  let screen;
  if (!booted) screen = <p className="boot" role="status">Loading Backchannel…</p>;
  else if (route.name === 'resetPassword') screen = <ResetPassword />;
  else if (!signedIn) screen = <AuthScreen mode={route.name === 'signup' ? 'signup' : 'login'} />;
  else screen = <SignedIn route={route} />;
  return (
    <ThemeContext.Provider value={{ theme, toggle }}>
      <a className="skip-link" href="#main-content">
        Skip to content
      </a>
      <div id="main-content" className="app">
        {screen}
      </div>
    </ThemeContext.Provider>
  );
}

function SignedIn({ route }: { route: Route }) {
  // The list beside an open conversation shows the folder that conversation lives in.
  const openId = route.name === 'conversation' || route.name === 'groupSettings' ? route.id : undefined;
  const tab = useAppSelector((s) => {
    const c = openId === undefined ? undefined : s.inbox.conversations[openId];
    return c?.folder === 'requests' ? 'requests' : c?.archived ? 'archived' : 'inbox';
  });
  switch (route.name) {
    case 'hallway':
    case 'login':
    case 'signup':
      return <Hallway />;
    case 'inbox':
      return <BackchannelLayout tab={route.tab} />;
    case 'conversation':
      return (
        <BackchannelLayout tab={tab} activeId={route.id}>
          <ConversationScreen key={route.id} id={route.id} />
        </BackchannelLayout>
      );
    case 'groupSettings':
      return (
        <BackchannelLayout tab={tab} activeId={route.id}>
          <GroupSettings key={route.id} id={route.id} />
        </BackchannelLayout>
      );
    case 'draft':
      return (
        <BackchannelLayout tab="inbox">
          <DraftConversation key={route.username} username={route.username} />
        </BackchannelLayout>
      );
    case 'compose':
      return (
        <BackchannelLayout tab="inbox">
          <ComposeScreen />
        </BackchannelLayout>
      );
    case 'profile':
      return <ProfileScreen key={route.username} username={route.username} />;
    case 'search':
      return <SearchScreen />;
    case 'editProfile':
      return <EditProfile />;
    case 'privacy':
      return <PrivacySettings />;
    case 'moderation':
      return (
        <OperatorsOnly>
          <ModerationQueue />
        </OperatorsOnly>
      );
    case 'moderationReport':
      return (
        <OperatorsOnly>
          <ModerationReport key={route.id} id={route.id} />
        </OperatorsOnly>
      );
    case 'startRoom':
      return <StartRoomScreen />;
    case 'room':
      return <RoomScreen key={route.id} id={route.id} />;
    case 'notFound':
      return (
        <main className="narrow pad">
          <h1 tabIndex={-1} data-route-heading>
            Nothing here
          </h1>
          <Link href={paths.hallway()}>Back to the hallway</Link>
        </main>
      );
  }
}
