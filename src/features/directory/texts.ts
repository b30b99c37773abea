import { messageLookup, textCatalog, type TextsOf } from '../../cards/texts';

/**
 * The admins' notices about a role group the directory sync cannot read (docs/directory.md#when-a-group-cannot-be-read):
 * `{role}` is the role's name, `{hours}` ROLE_SYNC_FAIL_CLOSED_HOURS, `{count}` how many people lost it;
 * `restored*`: the group can be read again (the episode is over).
 */
const ja = {
  msg: {
    roleAdmin: '管理者',
    roleSecurity: 'セキュリティ担当',
    failingTitle: '⚠ {role}のグループを読み取れません',
    failingText:
      'Entra ID の{role}のグループを Microsoft Graph から読み取れません（グループが削除されたか、アプリの読み取り権限がありません）。読み取れるようになるまで、前回のメンバーが{role}のままです。{hours} 時間たっても読み取れない場合は、このグループによる{role}の権限を削除します。グループとアプリの権限を確認してください。',
    failingNotify: '{role}のグループを読み取れません',
    closedTitle: '🔒 {role}の権限を削除しました',
    closedText:
      '{role}のグループを {hours} 時間以上読み取れなかったため、このグループによる{role}の権限を削除しました（{count} 人）。設定で個別に指定された人はそのままです。グループが再び読み取れると、メンバーに権限が戻ります。',
    closedNotify: '{role}の権限を削除しました',
    restoredTitle: '✅ {role}のグループを再び読み取れます',
    restoredText:
      '{role}のグループを Microsoft Graph から再び読み取れるようになりました。このグループによる{role}の権限は元に戻り、グループの現在のメンバーに合わせて同期されます。',
    restoredNotify: '{role}のグループを再び読み取れます',
    groupLabel: 'グループ',
    sinceLabel: '読み取れなくなった日時',
    deadlineLabel: '権限を削除する日時',
    restoredLabel: '再び読み取れた日時',
  },
};

const en: TextsOf<typeof ja> = {
  msg: {
    roleAdmin: 'admin',
    roleSecurity: 'security team',
    failingTitle: '⚠ The {role} group cannot be read',
    failingText:
      'Microsoft Graph does not let the bot read the {role} group in Entra ID (the group was deleted, or the app lost its permission to read it). Until it can, the last known members keep the {role} role. If it still cannot be read after {hours} hours, the role this group gives is removed. Please check the group and the app’s permissions.',
    failingNotify: 'The {role} group cannot be read',
    closedTitle: '🔒 The {role} role was removed',
    closedText:
      'The {role} group could not be read for {hours} hours or more, so the role it gives was removed ({count} people). People named one by one in the settings keep it. When the group can be read again, its members get the role back.',
    closedNotify: 'The {role} role was removed',
    restoredTitle: '✅ The {role} group can be read again',
    restoredText:
      'Microsoft Graph lets the bot read the {role} group again. The {role} role it gives is restored and follows the group’s current members.',
    restoredNotify: 'The {role} group can be read again',
    groupLabel: 'Group',
    sinceLabel: 'Unreadable since',
    deadlineLabel: 'Role removed at',
    restoredLabel: 'Readable again since',
  },
};

const DIRECTORY_TEXTS = textCatalog(ja, en);

export const directoryText = messageLookup(DIRECTORY_TEXTS);
