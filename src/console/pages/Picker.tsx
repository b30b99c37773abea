import { Button, Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { createApi, type Person } from '../api';
import type { Texts } from '../texts';
import { Message } from './Shell';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '480px' } });

/** Local mode only: a person of the local directory stands in for sign-in. */
export function Picker({ texts, onPick }: { texts: Texts; onPick: (id: string) => void }) {
  const styles = useStyles();
  const [people, setPeople] = useState<Person[]>();
  const [chosen, setChosen] = useState('');
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    createApi().people().then((list) => {
      setPeople(list);
      setChosen(list.find((p) => p.roles.admin)?.id ?? list[0]?.id ?? '');
    }, () => setFailed(true));
  }, []);
  const roleText = (p: Person) => (Object.keys(texts.roles) as (keyof Texts['roles'])[]).filter((r) => p.roles[r]).map((r) => texts.roles[r]).join('・');
  if (failed) return <Message intent="error" text={texts.error} />;
  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) onPick(chosen);
      }}
    >
      <Text as="h2" size={500} weight="semibold">{texts.pickTitle}</Text>
      <Text>{texts.pickHint}</Text>
      <Field label={texts.pickLabel}>
        <Select value={chosen} onChange={(_e, data) => setChosen(data.value)}>
          {(people ?? []).map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
              {person.department ? ` — ${person.department}` : ''}
              {roleText(person) ? ` (${roleText(person)})` : ''}
            </option>
          ))}
        </Select>
      </Field>
      <Button appearance="primary" type="submit" disabled={!chosen}>{texts.pickButton}</Button>
    </form>
  );
}
