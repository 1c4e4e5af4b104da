import { getJson, postJson, sendJson } from '../api';
import { escapeHtml } from '../format';
import { type Article, type ArticleKind, kindLabels } from '../portal/policies';

/**
 * 门户内容: the public portal's policy summaries, negative list and compensation standards. An admin edits the
 * articles of the regions he covers (the server's row-level security decides); unpublished ones stay off the portal.
 */
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);

export function initPortalContent(say: (id: string, text: string, error?: boolean) => void, message: (e: unknown) => string,
  defaultRegion: string, onChange: () => void): () => Promise<void> {
  let articles: Article[] = [];

  const fill = (a: Article | null) => {
    $<HTMLInputElement>('p-id').value = a ? String(a.id) : '';
    $<HTMLSelectElement>('p-kind').value = a?.kind ?? 'policy';
    $<HTMLInputElement>('p-region').value = a?.regionPrefix ?? defaultRegion;
    $<HTMLInputElement>('p-title').value = a?.title ?? '';
    $<HTMLInputElement>('p-issuer').value = a?.issuer ?? '';
    $<HTMLInputElement>('p-year').value = a?.year === null || a === null ? '' : String(a.year);
    $<HTMLTextAreaElement>('p-points').value = a?.points.join('\n') ?? '';
    $<HTMLInputElement>('p-tags').value = a?.tags.join('，') ?? '';
    $<HTMLInputElement>('p-order').value = String(a?.sortOrder ?? 100);
    $<HTMLInputElement>('p-published').checked = a?.published ?? true;
    $('p-submit').textContent = a ? `保存修改（#${a.id}）` : '新增';
  };

  const load = async () => {
    articles = await getJson<Article[]>('/api/admin/portal/articles');
    $('portal-count').textContent = `共 ${articles.length} 篇`;
    $('portal-rows').innerHTML = articles.map((a) => `
      <tr data-id="${a.id}">
        <td>${escapeHtml(kindLabels[a.kind])}</td><td>${escapeHtml(a.title)}</td><td>${escapeHtml(a.regionPrefix || '全平台')}</td>
        <td>${a.published ? '<span class="pill pill-ok">已发布</span>' : '<span class="pill pill-off">未发布</span>'}</td>
        <td><button type="button" class="btn btn-edit">编辑</button> <button type="button" class="btn btn-delete">删除</button></td>
      </tr>`).join('');
    onChange();
  };

  const save = async () => {
    const id = $<HTMLInputElement>('p-id').value;
    const yearText = $<HTMLInputElement>('p-year').value.trim();
    const body = {
      kind: $<HTMLSelectElement>('p-kind').value as ArticleKind, regionPrefix: $<HTMLInputElement>('p-region').value.trim(),
      title: $<HTMLInputElement>('p-title').value.trim(), issuer: $<HTMLInputElement>('p-issuer').value.trim(),
      year: yearText === '' ? null : Number(yearText), points: lines($<HTMLTextAreaElement>('p-points').value),
      tags: $<HTMLInputElement>('p-tags').value.split(/[,，、\s]+/).filter((t) => t.length > 0),
      sortOrder: Number($<HTMLInputElement>('p-order').value || '0'), published: $<HTMLInputElement>('p-published').checked,
    };
    try {
      const saved = id === ''
        ? await postJson<Article>('/api/admin/portal/articles', body)
        : await sendJson<Article>('PUT', `/api/admin/portal/articles/${id}`, body);
      say('portal-result', `已保存：${saved?.title ?? body.title}${body.published ? '（已在公众服务页发布）' : '（未发布）'}`);
      fill(null);
      await load();
    } catch (e) {
      say('portal-result', `未保存：${message(e)}`, true);
    }
  };

  $('portal-form').addEventListener('submit', (e) => { e.preventDefault(); void save(); });
  $('p-new').addEventListener('click', () => fill(null));
  $('portal-rows').addEventListener('click', (e) => {
    const target = e.target as HTMLElement;
    const id = Number(target.closest<HTMLElement>('tr')?.dataset.id);
    const article = articles.find((a) => a.id === id);
    if (!article) return;
    if (target.closest('.btn-edit')) {
      fill(article);
      $('p-title').focus();
    } else if (target.closest('.btn-delete') && window.confirm(`删除“${article.title}”？公众服务页将不再显示。`)) {
      void sendJson('DELETE', `/api/admin/portal/articles/${id}`)
        .then(() => { say('portal-result', `已删除：${article.title}`); return load(); })
        .catch((err: unknown) => say('portal-result', `未删除：${message(err)}`, true));
    }
  });
  fill(null);
  return load;
}
