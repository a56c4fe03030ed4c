/**
 * The one review-server client: the address rule (https, http only on this machine), what is sent,
 * and the server's own message when it refuses.
 */
import { appendToServer, isServerUrlAllowed, ReviewServerError } from '../../src/review/server-client';
import type { ReviewRow } from '../../src/review/types';

const ROW = { project: '塔什库尔干县养老保险基金支出' } as unknown as ReviewRow;

function recorder(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const f = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { f, calls };
}

describe('review server address', () => {
  it.each([
    ['https://review.example.cn', true],
    ['https://review.example.cn:8443/', true],
    ['http://127.0.0.1:3100', true],
    ['http://localhost:3100/', true],
    ['http://[::1]:3100', true],
    ['http://review.example.cn', false],
    ['http://10.0.0.5:3100', false],
    ['ftp://review.example.cn', false],
    ['review.example.cn', false],
    ['', false],
  ])('%s → %s', (url, ok) => {
    expect(isServerUrlAllowed(url)).toBe(ok);
  });

  it('refuses plain http to another machine before anything is sent, and says the rule', async () => {
    const { f, calls } = recorder(201, {});
    const e = (await appendToServer(ROW, { url: 'http://review.example.cn', token: 't' }, f).catch((x: unknown) => x)) as ReviewServerError;
    expect(e).toBeInstanceOf(ReviewServerError);
    expect(e.text.zh).toBe('审核服务器地址 http://review.example.cn 必须以 https:// 开头（仅本机 127.0.0.1 / localhost 可用 http://），未写入任何内容');
    expect(e.text.en).toContain('must start with https://');
    expect(calls).toHaveLength(0);
  });
});

describe('appendToServer', () => {
  it('posts the row with the office token and the reviewer, to the address without its trailing slash', async () => {
    const { f, calls } = recorder(201, { seq: 3, updated: false, where: { zh: '审核服务器第 3 行', en: 'row 3' } });
    const r = await appendToServer(ROW, { url: 'http://127.0.0.1:3100/', token: 'tok', reviewer: '李四' }, f);
    expect(r.seq).toBe(3);
    expect(calls.map((c) => [c.url, c.init.method])).toEqual([['http://127.0.0.1:3100/api/review-rows', 'POST']]);
    expect(calls[0].init.headers).toMatchObject({ Authorization: 'Bearer tok', 'X-Reviewer': encodeURIComponent('李四') });
    expect(JSON.parse(String(calls[0].init.body))).toEqual(ROW);
  });

  it('gives the server’s own message when it refuses, and the status when it gave none', async () => {
    const refused = recorder(401, { error: { zh: '令牌无效', en: 'invalid token' } });
    await expect(appendToServer(ROW, { url: 'https://r.example', token: 'x' }, refused.f)).rejects.toMatchObject({ status: 401, text: { zh: '令牌无效', en: 'invalid token' } });
    const bare = recorder(502, null);
    await expect(appendToServer(ROW, { url: 'https://r.example', token: 'x' }, bare.f)).rejects.toMatchObject({ status: 502, text: { zh: '审核服务器返回 HTTP 502，未写入任何内容' } });
  });
});
