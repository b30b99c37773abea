import { FluentProvider, Spinner, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, createApi, type Credentials, type Me } from './api';
import { teamsToken, type Host, type TeamsTheme } from './host';
import { Home } from './pages/Home';
import { Picker } from './pages/Picker';
import { Message, Shell } from './pages/Shell';
import { localeOf, textsFor, type Texts } from './texts';

const THEMES: Record<TeamsTheme, Theme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };
const PICKED = 'anshin.console.localUser';

type Session = { state: 'loading' } | { state: 'pick' } | { state: 'failed'; status?: number } | { state: 'in'; who: Credentials; me: Me };

/** Signs in (Teams SSO, or the local picker), then shows what the person's roles allow. */
export function App({ host }: { host: Host }) {
  const [theme, setTheme] = useState<TeamsTheme>(host.theme);
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [localMode, setLocalMode] = useState(false);
  useEffect(() => host.onThemeChange(setTheme), [host]);

  const begin = async (who: Credentials) => {
    try {
      setSession({ state: 'in', who, me: await createApi(who).me() });
    } catch (err) {
      setSession({ state: 'failed', status: err instanceof ApiError ? err.status : undefined });
    }
  };

  useEffect(() => {
    void (async () => {
      try {
        const config = await createApi().config();
        setLocalMode(config.localMode);
        const picked = sessionStorage.getItem(PICKED);
        if (config.localMode) return picked ? begin({ localUser: picked }) : setSession({ state: 'pick' });
        if (!config.appId || !host.inTeams) return setSession({ state: 'failed' });
        const appId = config.appId;
        await begin({ token: () => teamsToken(appId, host) });
      } catch {
        setSession({ state: 'failed' });
      }
    })();
  }, [host]);

  const me = session.state === 'in' ? session.me : undefined;
  const texts: Texts = textsFor(localeOf(me?.locale ?? host.locale));
  useEffect(() => {
    document.documentElement.lang = localeOf(me?.locale ?? host.locale);
    document.title = texts.title;
  }, [me, host, texts]);
  const switchUser = localMode
    ? () => {
        sessionStorage.removeItem(PICKED);
        setSession({ state: 'pick' });
      }
    : undefined;

  const body = useMemo(() => {
    switch (session.state) {
      case 'loading':
        return <Spinner label={texts.loading} />;
      case 'pick':
        return (
          <Picker
            texts={texts}
            onPick={(id) => {
              sessionStorage.setItem(PICKED, id);
              void begin({ localUser: id });
            }}
          />
        );
      case 'failed':
        return <Message intent="error" text={session.status === 403 ? texts.notAllowed : texts.signInFailed} />;
      case 'in':
        return session.me.roles.admin || session.me.roles.manager || session.me.roles.security ? <Home texts={texts} api={createApi(session.who)} me={session.me} /> : <Message intent="warning" text={texts.notAllowed} />;
    }
  }, [session, texts]);

  return (
    <FluentProvider theme={THEMES[theme]} style={{ minHeight: '100vh' }}>
      <Shell texts={texts} me={me} onSwitch={switchUser}>
        {body}
      </Shell>
    </FluentProvider>
  );
}
