import { textCatalog, type TextsOf } from '../../cards/texts';

/**
 * Texts of the pledge card, (`${t.pledge.title}` in the template), and the texts the
 * code fills in: `{version}` the guideline version, `{time}` a local date and time.
 */
const ja = {
  pledge: {
    title: '在宅勤務時のセキュリティ遵守に関する誓約書',
    intro: '初めて在宅勤務を行う前に（ガイドラインが改訂されたときも）、誓約書の提出が必要です。セキュリティーガイドライン（テレワーク版）の主な規則：',
    versionLabel: 'ガイドライン版：{version}',
    statement: '私は、セキュリティーガイドライン（テレワーク版）及び就業規程に定める服務規律を遵守し、違反した場合は就業規程により処罰される事があることを理解したうえで、テレワークを行うことを誓約します。',
    accept: '誓約します',
    accepted: '✓ {time} に誓約書（ガイドライン版 {version}）を提出しました。',
    notify: 'セキュリティ遵守に関する誓約書の提出をお願いします',
    outdatedTitle: 'この誓約書は古い版です',
    outdatedText: 'ガイドラインが改訂されました。新しい誓約書（ガイドライン版 {version}）で同意してください。',
    notRequiredTitle: '誓約書の提出は不要です',
    notRequiredText: 'この会社では、ボットでの誓約書の提出を求めていません。',
  },
};

const en: TextsOf<typeof ja> = {
  pledge: {
    title: 'Security pledge for working from home',
    intro: 'Before your first telework day (and whenever the guideline is revised) you must submit this pledge. The main rules of the telework security guideline:',
    versionLabel: 'Guideline version: {version}',
    statement: 'I pledge to follow the telework security guideline and the rules of conduct of the work regulations when I telework, and I understand that breaking them may lead to disciplinary action under the work regulations.',
    accept: 'I pledge',
    accepted: '✓ Pledge submitted at {time} (guideline version {version}).',
    notify: 'Please submit the security pledge',
    outdatedTitle: 'This pledge is out of date',
    outdatedText: 'The guideline was revised. Please accept the new pledge (guideline version {version}).',
    notRequiredTitle: 'No pledge needed',
    notRequiredText: 'Your company does not ask for the pledge through this bot.',
  },
};

/** Both languages: the card renderer's `t`, and the texts the code fills in. */
export const PLEDGE_TEXTS = textCatalog(ja, en);
