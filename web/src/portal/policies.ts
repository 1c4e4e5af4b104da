/**
 * The portal's look-up texts (政策法规, 负面清单, 补偿标准), published by admins through the admin console and read
 * from /api/public/portal/articles. Texts are summaries; the title names the authoritative document.
 */
export type ArticleKind = 'policy' | 'negative_list' | 'compensation';

export interface Article {
  id: number; kind: ArticleKind; regionPrefix: string; title: string; issuer: string; year: number | null;
  points: string[]; tags: string[]; sortOrder: number; published: boolean; updatedAt: string;
}

export const kindLabels: Record<ArticleKind, string> = { policy: '政策法规', negative_list: '负面清单', compensation: '补偿标准' };

export async function loadArticles(): Promise<Article[]> {
  const response = await fetch('/api/public/portal/articles');
  if (!response.ok) {
    throw new Error(`政策内容加载失败（${response.status}）`);
  }
  return (await response.json()) as Article[];
}

/** Articles of the kind (all when null) whose title, issuer, provisions or tags contain every word of the query. */
export function searchArticles(articles: Article[], query: string, kind: ArticleKind | null): Article[] {
  const words = query.trim().split(/\s+/).filter((w) => w.length > 0);
  return articles.filter((a) => {
    if (kind !== null && a.kind !== kind) {
      return false;
    }
    const text = [a.title, a.issuer, ...a.points, ...a.tags].join(' ');
    return words.every((w) => text.includes(w));
  });
}
