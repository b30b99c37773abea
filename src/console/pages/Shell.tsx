import { Badge, Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Me } from '../api';
import type { Texts } from '../texts';

const useStyles = makeStyles({
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, flexWrap: 'wrap' },
  title: { flexGrow: 1, margin: 0 },
  main: { padding: tokens.spacingHorizontalXL, maxWidth: '1200px' },
});

/** The page frame: title, who is signed in with which roles, and the content. */
export function Shell({ texts, me, onSwitch, children }: { texts: Texts; me?: Me; onSwitch?: () => void; children: ReactNode }) {
  const styles = useStyles();
  return (
    <>
      <header className={styles.header}>
        <Text as="h1" size={600} weight="semibold" className={styles.title}>
          {texts.title}
        </Text>
        {me && <Text>{me.name}</Text>}
        {me && (Object.keys(texts.roles) as (keyof Texts['roles'])[]).filter((r) => me.roles[r]).map((r) => <Badge key={r} appearance="tint">{texts.roles[r]}</Badge>)}
        {me && onSwitch && <Button onClick={onSwitch}>{texts.switchUser}</Button>}
      </header>
      <main className={styles.main}>{children}</main>
    </>
  );
}

export function Message({ intent, text }: { intent: 'error' | 'warning' | 'info' | 'success'; text: string }) {
  return (
    <MessageBar intent={intent} role={intent === 'error' || intent === 'warning' ? 'alert' : 'status'}>
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}
