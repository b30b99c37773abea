import { Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api, Me } from '../api';
import { localeOf, type Texts } from '../texts';
import { complianceTexts } from '../texts-compliance';
import { Compliance } from './Compliance';
import { Rounds } from './Rounds';

const useStyles = makeStyles({ tabs: { marginBottom: tokens.spacingVerticalL } });

type Page = 'rounds' | 'compliance';

/**
 * The signed-in person's pages: the safety checks (admins, managers) and the compliance overview
 * (admins, managers, the security team for the incidents).
 */
export function Home({ texts, api, me }: { texts: Texts; api: Api; me: Me }) {
  const styles = useStyles();
  const rounds = me.roles.admin || me.roles.manager;
  const [page, setPage] = useState<Page>(rounds ? 'rounds' : 'compliance');
  const locale = localeOf(me.locale);
  const c = complianceTexts(locale);
  return (
    <>
      <TabList className={styles.tabs} selectedValue={page} onTabSelect={(_e, d) => setPage(d.value as Page)} aria-label={texts.title}>
        {rounds && <Tab value="rounds">{c.tabRounds}</Tab>}
        <Tab value="compliance">{c.tabCompliance}</Tab>
      </TabList>
      {page === 'rounds' && rounds ? <Rounds texts={texts} api={api} me={me} /> : <Compliance api={api} locale={locale} />}
    </>
  );
}
