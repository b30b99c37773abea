import type restify from 'restify';
import type { Logger } from '../log/logger';

/** The rounds feature's e-mail answer page, as the HTTP edge needs it (rounds/index.ts provides it). */
export interface AnswerPages {
  verify(path: string, exp: string | undefined, sig: string | undefined): boolean;
  page(roundId: string, userId: string, nonce: string, locale: 'ja' | 'en'): Promise<AnswerPageModel>;
  submit(roundId: string, userId: string, nonce: string, form: Record<string, string>, locale: 'ja' | 'en'): Promise<AnswerPageModel | { state: 'invalid_form'; page: AnswerPageModel }>;
}

interface PageTexts {
  pageTitle: string; submit: string; answeredTitle: string; answeredText: string; closedTitle: string; closedText: string;
  invalidTitle: string; invalidText: string; drill: string;
}
export type AnswerPageModel =
  | { state: 'form'; locale: 'ja' | 'en'; texts: PageTexts; drill: boolean; message?: string; questions: { id: string; label: string; required: boolean; options?: readonly { value: string; label: string }[] }[] }
  | { state: 'answered'; locale: 'ja' | 'en'; texts: PageTexts; recorded: { label: string; value: string }[] }
  | { state: 'closed' | 'invalid'; locale: 'ja' | 'en'; texts: PageTexts };

const ANSWER_PATH = '/answer/:roundId/:userId/:nonce';
const MAX_FORM_BYTES = 8 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The route reads its own small urlencoded body (the server otherwise takes JSON only). */
export const isAnswerRoute = (req: restify.Request): boolean => req.getRoute()?.path === ANSWER_PATH;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Plain server-rendered HTML: no script, no external asset, readable on a phone. */
function html(model: AnswerPageModel, action: string): string {
  const t = model.texts;
  const style = 'body{font-family:system-ui,sans-serif;max-width:36rem;margin:1rem auto;padding:0 1rem;line-height:1.5}fieldset{border:1px solid #ccc;border-radius:.5rem;margin:.75rem 0}label{display:block;padding:.35rem 0}input[type=text],textarea{width:100%;box-sizing:border-box;font-size:1rem}button{font-size:1.1rem;padding:.7rem 1.2rem;width:100%}.note{background:#fff4ce;padding:.5rem}';
  let body: string;
  switch (model.state) {
    case 'form': {
      const fields = model.questions.map((question) => question.options
        ? `<fieldset><legend>${esc(question.label)}</legend>${question.options.map((o, i) => `<label><input type="radio" name="${esc(question.id)}" value="${esc(o.value)}"${question.required && i === 0 ? ' required' : ''}> ${esc(o.label)}</label>`).join('')}</fieldset>`
        : `<label>${esc(question.label)}<br>${question.id === 'comment' ? `<textarea name="${esc(question.id)}" maxlength="1000" rows="3"></textarea>` : `<input type="text" name="${esc(question.id)}" maxlength="200">`}</label>`).join('');
      body = `<h1>${esc(t.pageTitle)}</h1>${model.drill ? `<p class="note">${esc(t.drill)}</p>` : ''}${model.message ? `<p>${esc(model.message)}</p>` : ''}<form method="post" action="${esc(action)}">${fields}<button type="submit">${esc(t.submit)}</button></form>`;
      break;
    }
    case 'answered':
      body = `<h1>${esc(t.answeredTitle)}</h1><p>${esc(t.answeredText)}</p><dl>${model.recorded.map((r) => `<dt>${esc(r.label)}</dt><dd>${esc(r.value)}</dd>`).join('')}</dl>`;
      break;
    case 'closed':
      body = `<h1>${esc(t.closedTitle)}</h1><p>${esc(t.closedText)}</p>`;
      break;
    case 'invalid':
      body = `<h1>${esc(t.invalidTitle)}</h1><p>${esc(t.invalidText)}</p>`;
      break;
  }
  return `<!doctype html><html lang="${model.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(t.pageTitle)}</title><style>${style}</style></head><body>${body}</body></html>`;
}

function send(res: restify.Response, status: number, page: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // Strict: nothing but this page's own inline style and a post to itself.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  res.end(page);
}

async function readForm(req: restify.Request): Promise<Record<string, string> | undefined> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

/**
 * GET/POST /answer/<round>/<user>/<nonce>?exp&sig — the e-mail fallback's page (no sign-in). A
 * forged or expired link, or one of another person or round, gets a clear page and stores nothing.
 */
export function registerAnswerPage(server: restify.Server, pages: () => AnswerPages | undefined, logger: Logger): void {
  const handle = async (req: restify.Request, res: restify.Response, post: boolean) => {
    const p = pages();
    const { roundId = '', userId = '', nonce = '' } = req.params as Record<string, string | undefined>;
    const query = new URL(req.url ?? '', 'http://local').searchParams;
    const locale = /^\s*en/i.test(String(req.headers['accept-language'] ?? '')) ? 'en' : 'ja';
    const path = `/answer/${encodeURIComponent(roundId)}/${encodeURIComponent(userId)}/${encodeURIComponent(nonce)}`;
    if (!p) return send(res, 503, '<!doctype html><title>503</title>');
    const signed = UUID.test(roundId) && p.verify(path, query.get('exp') ?? undefined, query.get('sig') ?? undefined);
    if (!signed) {
      logger.info({ post }, 'answer link refused (forged or expired)');
      return send(res, 403, html(await p.page('00000000-0000-0000-0000-000000000000', '', '', locale), ''));
    }
    const action = `${path}?${query.toString()}`;
    if (!post) {
      const model = await p.page(roundId, userId, nonce, locale);
      return send(res, model.state === 'invalid' ? 403 : 200, html(model, action));
    }
    const form = await readForm(req);
    const result = form ? await p.submit(roundId, userId, nonce, form, locale) : { state: 'invalid_form' as const, page: await p.page(roundId, userId, nonce, locale) };
    if (result.state === 'invalid_form') return send(res, 400, html(result.page, action));
    return send(res, result.state === 'invalid' ? 403 : 200, html(result, action));
  };
  server.get(ANSWER_PATH, async (req, res) => handle(req, res, false));
  server.post(ANSWER_PATH, async (req, res) => handle(req, res, true));
}
