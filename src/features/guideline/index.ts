/**
 * The guideline feature's public file: "ask the guideline" (issue 23). A chat message that is not a
 * command is a question; the answer quotes the company's own guideline (GUIDELINE_FILE) word for word
 * with its rule references, or says the guideline has nothing on it. Unanswered and 👎 questions are
 * kept without the asker for the admins' weekly digest and purged after the retention.
 */
import type { QuestionHandler } from '../../cards/actions';
import { every } from '../../jobs/recurring';
import type { FeatureJobs } from '../../jobs/registry';
import type { FeatureDeps } from '../feature';
import { guidelineActions } from './actions';
import { createGuidelineDigest } from './digest';
import { createGuidelineService, loadGuideline, type GuidelineSettings } from './service';

/**
 * The files as the app indexes them.
 * @internal the question-set test and `npm run bench:qa` (through test/support/qa.ts) load the default ones
 */
export { loadGuideline } from './service';

/** The purge and the digest check run hourly: both are idempotent, on every replica. */
const HOURLY = 3600;

export interface GuidelineOptions {
  readonly settings: GuidelineSettings;
}

export function createGuidelineFeature(deps: FeatureDeps, options: GuidelineOptions) {
  const { settings } = options;
  const { index, hash } = loadGuideline(settings);
  const service = createGuidelineService({ ...deps, settings, index, hash });
  const digest = createGuidelineDigest({ ...deps, timeZone: settings.timeZone, retentionDays: settings.retentionDays });
  const jobs: FeatureJobs = {
    handlers: {},
    recurring: [
      every(HOURLY, { name: 'guideline question purge', runAtStart: true, run: () => service.purge() }),
      every(HOURLY, { name: 'guideline weekly digest', run: () => digest.sendDue() }),
    ],
  };
  return {
    name: 'guideline',
    actions: guidelineActions(service),
    commands: {},
    jobs,
    onQuestion: (async (caller, text) => service.ask(caller.user, text)) satisfies QuestionHandler,
    /** A new file version is recorded (and audited) before the bot answers from it. */
    start: async () => {
      await service.recordVersion();
      return async () => undefined;
    },
    /** The weekly digest as the hourly task runs it (tests call it on a fake clock). */
    sendDigest: () => digest.sendDue(),
    /** The purge as the hourly task runs it. */
    purge: () => service.purge(),
  };
}
